/**
 * Hostile trees, end to end through the built CLI. Each tree holds one good service and one
 * hostile thing; `depaudit report --format json` must exit 0 quickly without a stack trace, report
 * the good service in full, and name the hostile file in a diagnostic (or, where the input is
 * legitimate, read it correctly). Wall times are printed at the end of the run.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema, type ReportJson } from '../../src/report/schema.js';
import { CRASH_RE, ensureBuilt, makeTree, reportJson, runCli, type Entry } from '../helpers/tree.js';

/** Generous: every case takes well under 2 s of parsing; the bound absorbs a loaded CI machine. */
const BUDGET_MS = 10_000;
const MIB = 1024 * 1024;

const GOOD: Record<string, Entry> = { 'svc-good/requirements.txt': 'requests==2.31.0\nflask==3.0.0  # web\nnumpy==1.26.4\n' };

const times: Array<[string, number]> = [];

beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => {
  const width = Math.max(...times.map(([n]) => n.length));
  console.log(`hostile wall times (node dist/cli.js report, spawn included):\n${times.map(([n, ms]) => `  ${n.padEnd(width)}  ${Math.round(ms)} ms`).join('\n')}`);
});

/** Deterministic bytes that are not UTF-8 (they hold 0xff) and contain NULs. */
function binaryBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = i % 7 === 0 ? 0 : x & 0xff;
  }
  out[0] = 0x00;
  out[1] = 0xff;
  return out;
}

function utf16le(s: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
}

type Manifest = ReportJson['manifests'][number];

/** Run the report on GOOD + `extra` and check what every hostile tree must satisfy. */
function audit(label: string, extra: Record<string, Entry>): { json: ReportJson; ms: number; fifos: boolean; manifest: (p: string) => Manifest | undefined } {
  const tree = makeTree({ ...GOOD, ...extra });
  try {
    const run = reportJson(tree.root, [], { timeoutMs: 60_000 });
    times.push([label, run.ms]);
    expect(run.timedOut, `${label} timed out`).toBe(false);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(CRASH_RE);
    expect(run.stderr).toBe('');
    expect(run.ms).toBeLessThan(BUDGET_MS);
    const parsed = reportSchema.safeParse(run.json);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    expectGoodService(run.json);
    // Nothing outside the root, and no path that is not POSIX-relative.
    for (const m of run.json.manifests) expect(m.path).toMatch(/^(?!\.\.?\/|\/)[^\\]+$/);
    const byPath = new Map(run.json.manifests.map((m) => [m.path, m]));
    return { json: run.json, ms: run.ms, fifos: tree.fifos, manifest: (p) => byPath.get(p) };
  } finally {
    tree.cleanup();
  }
}

function expectGoodService(json: ReportJson): void {
  expect(json.services).toContainEqual({ name: 'svc-good', path: 'svc-good', manifests: ['svc-good/requirements.txt'] });
  const good = json.manifests.find((m) => m.path === 'svc-good/requirements.txt');
  expect(good).toBeDefined();
  expect(good!.service).toBe('svc-good');
  expect(good!.diagnostics).toEqual([]);
  expect(good!.declarations.map((d) => [d.name, d.specifier, d.line])).toEqual([
    ['requests', '==2.31.0', 1],
    ['flask', '==3.0.0', 2],
    ['numpy', '==1.26.4', 3],
  ]);
  for (const name of ['requests', 'flask', 'numpy']) {
    const p = json.packages.find((x) => x.name === name);
    expect(p?.services.map((s) => s.service)).toContain('svc-good');
  }
}

/** The diagnostics that name `path` (on its own manifest entry, or in the message of another). */
function diagnosticsFor(json: ReportJson, path: string): Array<{ code: string; severity: string; line: number; message: string }> {
  return json.manifests.flatMap((m) => m.diagnostics.filter((d) => m.path === path || d.message.includes(path)));
}

function expectDiagnostic(json: ReportJson, path: string, code: string, severity: 'error' | 'warning' = 'error'): void {
  const found = diagnosticsFor(json, path);
  expect(found.map((d) => d.code), `diagnostics naming ${path}`).toContain(code);
  expect(found.find((d) => d.code === code)!.severity).toBe(severity);
}

const allNames = (json: ReportJson) => json.manifests.flatMap((m) => m.declarations.map((d) => d.name));

const hasMkfifo = !spawnSync('mkfifo', ['--version']).error;

describe('unreadable and non-regular files', () => {
  it('a binary file named requirements.txt (random bytes, NULs)', () => {
    const { json, manifest } = audit('binary requirements.txt', { 'svc-bin/requirements.txt': binaryBytes(64 * 1024) });
    expectDiagnostic(json, 'svc-bin/requirements.txt', 'undecodable');
    expect(manifest('svc-bin/requirements.txt')!.declarations).toEqual([]);
  });

  it.skipIf(!hasMkfifo)('a FIFO named requirements.txt is never opened for a blocking read', () => {
    const { json, fifos } = audit('FIFO requirements.txt', { 'svc-fifo/requirements.txt': { fifo: true } });
    if (!fifos) return console.warn('mkfifo failed on this system; FIFO case not exercised');
    expectDiagnostic(json, 'svc-fifo/requirements.txt', 'unreadable');
    expect(diagnosticsFor(json, 'svc-fifo/requirements.txt')[0]!.message).toContain('not a regular file');
  });
  if (!hasMkfifo) it.skip('a FIFO named requirements.txt (skipped: mkfifo is not available)', () => {});

  it('a UNIX socket named requirements.txt', async () => {
    const tree = makeTree({ ...GOOD, 'svc-sock/.keep': '' });
    const server = createNetServer();
    await new Promise<void>((resolve) => server.listen(tree.abs('svc-sock/requirements.txt'), resolve));
    try {
      const run = reportJson(tree.root, [], { timeoutMs: 60_000 });
      times.push(['socket requirements.txt', run.ms]);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expectGoodService(run.json);
      expectDiagnostic(run.json, 'svc-sock/requirements.txt', 'unreadable');
    } finally {
      server.close();
      tree.cleanup();
    }
  });

  it('/dev/zero behind a symlink named requirements.txt', () => {
    const { json } = audit('/dev/zero symlink', { 'svc-zero/requirements.txt': { symlink: '/dev/zero' } });
    expectDiagnostic(json, 'svc-zero/requirements.txt', 'symlink-outside-root');
  });

  it('a dangling symlink', () => {
    const { json } = audit('dangling symlink', { 'svc-dangle/requirements.txt': { symlink: 'missing.txt' } });
    expectDiagnostic(json, 'svc-dangle/requirements.txt', 'unreadable');
    expect(diagnosticsFor(json, 'svc-dangle/requirements.txt')[0]!.message).toContain('dangling symlink');
  });

  it('a symlink loop (a -> b, b -> a)', () => {
    const { json } = audit('symlink loop', {
      'svc-loop/requirements.txt': { symlink: 'requirements-b.txt' },
      'svc-loop/requirements-b.txt': { symlink: 'requirements.txt' },
    });
    expectDiagnostic(json, 'svc-loop/requirements.txt', 'unreadable');
    expectDiagnostic(json, 'svc-loop/requirements-b.txt', 'unreadable');
    expect(diagnosticsFor(json, 'svc-loop/requirements.txt')[0]!.message).toContain('symlink loop');
  });

  it('a 30 MB file is refused without being read (over the 5 MiB cap)', () => {
    const big = Buffer.alloc(30 * MIB, 'pkg==1.0\n');
    const { json, manifest } = audit('30 MB file', { 'svc-huge/requirements.txt': big });
    expectDiagnostic(json, 'svc-huge/requirements.txt', 'file-too-large');
    expect(manifest('svc-huge/requirements.txt')!.declarations).toEqual([]);
  });
});

describe('symlinked directories', () => {
  it('a directory symlink pointing outside the root: its manifests are not read', () => {
    const { json } = audit('dir symlink outside root', {
      '../outside/requirements.txt': 'evil==6.6.6\n',
      '../outside/api/requirements.txt': 'evil-api==6.6.6\n',
      'svc-ext': { symlink: '../outside' },
    });
    expect(allNames(json)).not.toContain('evil');
    expect(allNames(json)).not.toContain('evil-api');
    expect(json.manifests.map((m) => m.path).filter((p) => p.startsWith('svc-ext/'))).toEqual([]);
    expectDiagnostic(json, 'svc-ext', 'symlink-not-followed', 'warning');
  });

  it('a directory symlink pointing to an ancestor inside the root: no loop, nothing read twice', () => {
    const { json } = audit('dir symlink to ancestor (inside)', {
      'svc-deep/requirements.txt': 'deep==1.0\n',
      'svc-deep/nested/up': { symlink: '../..' },
      'svc-deep/self': { symlink: '.' },
    });
    expect(json.manifests.map((m) => m.path)).toEqual(['svc-deep/requirements.txt', 'svc-good/requirements.txt']);
    expect(allNames(json).filter((n) => n === 'deep')).toHaveLength(1);
  });

  it('a directory symlink pointing to an ancestor of the root: no loop, a warning', () => {
    const { json } = audit('dir symlink to ancestor (outside)', { 'svc-up': { symlink: '../..' }, 'svc-root': { symlink: '/' } });
    expectDiagnostic(json, 'svc-up', 'symlink-not-followed', 'warning');
    expectDiagnostic(json, 'svc-root', 'symlink-not-followed', 'warning');
    expect(json.manifests.filter((m) => m.declarations.length > 0).map((m) => m.path)).toEqual(['svc-good/requirements.txt']);
  });
});

describe('includes', () => {
  it('an include cycle (a -r b, b -r a) is reported on both lines and keeps its service', () => {
    const { json, manifest } = audit('include cycle', {
      'svc-cycle/requirements.txt': '-r requirements-dev.txt\nalpha==1.0\n',
      'svc-cycle/requirements-dev.txt': '-r requirements.txt\nbeta==2.0\n',
    });
    expectDiagnostic(json, 'svc-cycle/requirements.txt', 'include-cycle');
    expectDiagnostic(json, 'svc-cycle/requirements-dev.txt', 'include-cycle');
    expect(manifest('svc-cycle/requirements.txt')!.service).toBe('svc-cycle');
    const svc = json.packages.filter((p) => p.services.some((s) => s.service === 'svc-cycle')).map((p) => p.name);
    expect(svc.sort()).toEqual(['alpha', 'beta']);
  });

  it('a 1,000-deep include chain and a 300-file include ring finish', () => {
    const extra: Record<string, Entry> = {};
    for (let i = 0; i < 1000; i++) extra[`svc-chain/req/${i}.txt`] = `-r ${i + 1}.txt\nchain${i}==1.0\n`;
    extra['svc-chain/requirements.txt'] = '-r req/0.txt\n';
    for (let i = 0; i < 300; i++) extra[`svc-ring/r${i}-requirements.txt`] = `-r r${(i + 1) % 300}-requirements.txt\nring${i}==1.0\n`;
    const { json } = audit('1,000-deep chain + 300-file ring', extra);
    expectDiagnostic(json, 'svc-chain/req/999.txt', 'include-unreadable');
    expectDiagnostic(json, 'svc-ring/r0-requirements.txt', 'include-cycle');
    const longest = Math.max(...json.manifests.flatMap((m) => m.diagnostics.map((d) => d.message.length)));
    expect(longest).toBeLessThan(1_000); // the cycle message shows the ring's ends, not all 300 files
  });

  it('includes that climb out of the root, relative and absolute, are not read', () => {
    const { json } = audit('include climbing out of root', {
      '../secret.txt': 'leaked==1.0\n',
      'svc-climb/requirements.txt': '-r ../../etc/passwd\n-r /etc/passwd\n-c ../../secret.txt\n-r ../../../../../../../../etc/shadow\nzed==1.0\n',
    });
    const found = diagnosticsFor(json, 'svc-climb/requirements.txt').filter((d) => d.code === 'include-outside-root');
    expect(found.map((d) => d.line)).toEqual([1, 2, 3, 4]);
    expect(allNames(json)).toContain('zed');
    expect(allNames(json)).not.toContain('leaked');
    expect(json.manifests.some((m) => m.path.includes('passwd') || m.path.includes('secret'))).toBe(false);
  });

  it('a URL include is neither fetched nor waited for', async () => {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests++;
      res.end('fetched==6.6.6\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const { json, ms } = audit('URL include', {
        'svc-url/requirements.txt': `-r https://example.invalid/x.txt\n-c http://127.0.0.1:${port}/c.txt\n--index-url http://127.0.0.1:${port}/simple\nok==1.0\n`,
      });
      await new Promise((r) => setTimeout(r, 200)); // let a queued connection, if any, be accepted
      expect(requests).toBe(0);
      expect(ms).toBeLessThan(BUDGET_MS);
      const found = diagnosticsFor(json, 'svc-url/requirements.txt');
      expect(found.filter((d) => d.code === 'url-include').map((d) => d.line)).toEqual([1, 2]);
      expect(allNames(json)).not.toContain('fetched');
    } finally {
      server.close();
    }
  });
});

describe('encodings', () => {
  it('invalid UTF-8 is one diagnostic with its line', () => {
    const bytes = Buffer.concat([Buffer.from('ok==1.0\nbad==1.0 # '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\n')]);
    const { json } = audit('invalid UTF-8', { 'svc-utf8/requirements.txt': bytes });
    const found = diagnosticsFor(json, 'svc-utf8/requirements.txt');
    expect(found).toMatchObject([{ code: 'undecodable', line: 2, severity: 'error' }]);
  });

  it('a UTF-16 file with a BOM and CRLF is parsed, not just diagnosed', () => {
    const { manifest } = audit('UTF-16 file', { 'svc-utf16/requirements.txt': utf16le('django==4.2.7\r\ncelery[redis]==5.3.6 ; python_version >= "3.8"\r\n') });
    const m = manifest('svc-utf16/requirements.txt')!;
    expect(m).toMatchObject({ encoding: 'utf-16-le', bom: true, newline: 'crlf', diagnostics: [] });
    expect(m.declarations.map((d) => [d.name, d.specifier, d.extras, d.marker, d.span])).toEqual([
      ['django', '==4.2.7', [], null, [2, 28]],
      ['celery', '==5.3.6', ['redis'], 'python_version >= "3.8"', [32, 32 + 2 * 46]],
    ]);
  });
});

describe('inputs shaped to make a parser backtrack or allocate', () => {
  const cases: Array<[string, () => string | Uint8Array, (json: ReportJson, path: string) => void]> = [
    ['a 1 MB single line', () => `requests==2.31.0 ${'x'.repeat(MIB)}\n`, (json, p) => expectDiagnostic(json, p, 'invalid-requirement')],
    ['2 MB of spaces then x', () => `${' '.repeat(2 * MIB)}x`, (json) => expect(allNames(json)).toContain('x')],
    ["'a' + 1e6 spaces + '#'", () => `a${' '.repeat(1e6)}#`, (json) => expect(allNames(json)).toContain('a')],
    ["'\\\\' × 1e6", () => '\\'.repeat(1e6), (json, p) => expect(json.manifests.find((m) => m.path === p)!.declarations).toEqual([])],
    ["'[' × 1e5", () => '['.repeat(1e5), (json, p) => expectDiagnostic(json, p, 'invalid-requirement')],
    ["'x' + '[' × 1e6 + ']' (was quadratic)", () => `x${'['.repeat(1e6)}]`, (json, p) => expectDiagnostic(json, p, 'invalid-requirement')],
    ['20k distinct --no-binary names (was quadratic)', () => Array.from({ length: 20_000 }, (_, i) => `--no-binary=p${i}`).join(' '), (json, p) => expect(json.manifests.find((m) => m.path === p)!.options).toHaveLength(20_000)],
    ["'--no-binary=:all:,:none:' × 2e5", () => `--no-binary=${':all:,:none:,'.repeat(2e5)}`, (json, p) => expect(json.manifests.find((m) => m.path === p)!.options).toHaveLength(1)],
    ['200k --hash options on one requirement', () => `pkg==1.0 ${'--hash=sha256:ab '.repeat(2e5)}`, (json, p) => expect(json.manifests.find((m) => m.path === p)!.declarations[0]!.hashes).toHaveLength(2e5)],
    // Allocation-bound (one block per line): 2 MiB keeps the margin; 4.9 MiB takes ~2.5x as long.
    ['2 MiB of newlines', () => '\n'.repeat(2 * MIB), (json, p) => expect(json.manifests.find((m) => m.path === p)!.declarations).toEqual([])],
    ['700k continuation lines', () => 'x\\\n'.repeat(7e5), (json) => expect(allNames(json)).toContain('x'.repeat(7e5))],
    ["'${' + 4 MB of letters", () => `\${${'A'.repeat(4 * MIB)}`, (json, p) => expectDiagnostic(json, p, 'invalid-requirement')],
    ["unclosed quote + 4 MB", () => `-r "${'a '.repeat(2 * MIB)}`, (json, p) => expectDiagnostic(json, p, 'invalid-quoting')],
    ['a .gitignore line built to backtrack', () => 'ok==1\n', (json) => expect(allNames(json)).toContain('ok')],
  ];

  it.each(cases)('%s', (label, make, check) => {
    const path = 'svc-bomb/requirements.txt';
    const extra: Record<string, Entry> = { [path]: make() };
    if (label.startsWith('a .gitignore')) {
      extra['.gitignore'] = `${'*a'.repeat(12)}*b\n${'**/'.repeat(12)}zz\n${' '.repeat(MIB)}y\n`;
      extra[`svc-bomb/${'a'.repeat(200)}/${'a/'.repeat(50)}requirements.txt`] = 'deep==1.0\n';
    }
    const { json } = audit(label, extra);
    check(json, path);
  });
});

describe('discovery exclusions', () => {
  it('a .gitignored manifest and one under node_modules are not reported', () => {
    const { json } = audit('.gitignore + node_modules', {
      '.gitignore': '# generated\nsecret-svc/\n*.local.txt\n',
      'secret-svc/requirements.txt': 'hidden==1.0\n',
      'svc-good/requirements.local.txt': 'hidden-local==1.0\n',
      'node_modules/pkg/requirements.txt': 'from-node-modules==1.0\n',
      'web/node_modules/x/requirements/prod.txt': 'nested-nm==1.0\n',
      '.venv/lib/requirements.txt': 'venv==1.0\n',
    });
    expect(json.manifests.map((m) => m.path)).toEqual(['svc-good/requirements.txt']);
    expect(json.services.map((s) => s.name)).toEqual(['svc-good']);
  });
});

describe('the CI gate never passes by skipping a file', () => {
  it.each([
    ['a binary manifest', { 'svc-bad/requirements.txt': binaryBytes(512) }, 'svc-bad/requirements.txt'],
    ['a dangling symlink', { 'svc-bad/requirements.txt': { symlink: 'nowhere.txt' } }, 'svc-bad/requirements.txt'],
    ['a manifest over the size cap', { 'svc-bad/requirements.txt': Buffer.alloc(6 * MIB, 'x==1\n') }, 'svc-bad/requirements.txt'],
    ['an include that cannot be read', { 'svc-bad/requirements.txt': '-r missing.txt\nx==1\n' }, 'svc-bad/requirements.txt'],
  ] as Array<[string, Record<string, Entry>, string]>)('check exits 1 with a parse-error finding: %s', (_label, extra, path) => {
    const tree = makeTree({ ...GOOD, ...extra });
    try {
      const run = runCli(['check', tree.root, '--format', 'json'], { timeoutMs: 60_000 });
      expect(run.stderr).not.toMatch(CRASH_RE);
      expect(run.status, `${run.stderr}${run.timedOut ? ' (timed out)' : ''}`).toBe(1);
      const json = JSON.parse(run.stdout) as ReportJson;
      const findings = json.findings.filter((f) => f.rule === 'parse-error' && f.severity === 'error');
      expect(findings.map((f) => f.locations[0]!.path)).toContain(path);
      expect(run.stderr).toMatch(/[1-9]\d* error/);
    } finally {
      tree.cleanup();
    }
  });

  it('the same tree without the bad file passes', () => {
    const tree = makeTree(GOOD);
    try {
      const run = runCli(['check', tree.root, '--format', 'json'], { timeoutMs: 60_000 });
      expect(run.status, run.stderr).toBe(0);
    } finally {
      tree.cleanup();
    }
  });
});
