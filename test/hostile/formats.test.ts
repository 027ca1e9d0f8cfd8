/**
 * Hostile inputs for every format besides requirements files (issue 8), end to end through the
 * built CLI: pyproject.toml, Pipfile, setup.cfg, conda environments, package.json,
 * pnpm-workspace.yaml, Dockerfiles, .python-version and .nvmrc, plus the baseline write of
 * `check --update-baseline`. Each tree holds good services and one hostile thing; the run must end
 * within the bound, exit 0 or 1 without a stack trace, report the good services in full, list the
 * hostile file in `manifests[]`, and either name it in a diagnostic or (for input that is legal,
 * only large or odd) read it correctly. Wall times and outcomes are printed at the end.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchWorkspaceMembers } from '../../src/npm/workspace.js';
import { reportSchema, type ReportJson } from '../../src/report/schema.js';
import { CRASH_RE, ensureBuilt, makeTree, runCli, type CliRun, type Entry } from '../helpers/tree.js';

/** Generous: the slowest case parses in about 2 s; the bound absorbs a loaded CI machine. */
const BUDGET_MS = 10_000;
const MIB = 1024 * 1024;
const N = 100_000;

const GOOD: Record<string, Entry> = {
  'svc-good/requirements.txt': 'requests==2.31.0\nflask==3.0.0  # web\nnumpy==1.26.4\n',
  'svc-node/package.json': '{\n  "name": "svc-node",\n  "dependencies": { "lodash": "4.17.21", "react": "^18.2.0" }\n}\n',
};

type Manifest = ReportJson['manifests'][number];
type Diag = Manifest['diagnostics'][number];

const times: Array<{ label: string; ms: number; status: number | null; outcome: string }> = [];

beforeAll(() => ensureBuilt(), 180_000);
afterAll(() => {
  const width = Math.max(...times.map((t) => t.label.length));
  const rows = times.map((t) => `  ${t.label.padEnd(width)}  ${String(Math.round(t.ms)).padStart(5)} ms  exit ${t.status}  ${t.outcome}`);
  console.log(`hostile format wall times (node dist/cli.js, spawn included):\n${rows.join('\n')}`);
});

const hasMkfifo = !spawnSync('mkfifo', ['--version']).error;

/** What every run on a hostile tree must satisfy: bounded, 0 or 1, no crash on stderr. */
function expectSane(label: string, run: CliRun): void {
  expect(run.timedOut, `${label} timed out`).toBe(false);
  expect(run.signal, `${label}: ${run.stderr.slice(0, 500)}`).toBeNull();
  expect([0, 1], `${label}: ${run.stderr.slice(0, 500)}`).toContain(run.status);
  expect(run.stderr).not.toMatch(CRASH_RE);
  expect(run.stderr).not.toMatch(/internal error|stack size/i);
  expect(run.ms).toBeLessThan(BUDGET_MS);
}

interface Audit {
  json: ReportJson;
  ms: number;
  fifos: boolean;
  manifest(p: string): Manifest;
  diags(p: string): Diag[];
  codes(p: string): string[];
}

/**
 * `report --format json` on GOOD + `extra`; `hostile` are the paths that must be listed. The
 * outcome column of the timing table shows the diagnostic codes on the first hostile path.
 */
function audit(label: string, extra: Record<string, Entry>, hostile: string | string[], args: string[] = []): Audit {
  const tree = makeTree({ ...GOOD, ...extra }, 'depaudit-fmt-');
  try {
    const run = runCli(['report', tree.root, '--format', 'json', ...args], { timeoutMs: 60_000 });
    const paths = ([] as string[]).concat(hostile);
    let json: ReportJson | null = null;
    try {
      json = JSON.parse(run.stdout) as ReportJson;
    } catch {
      json = null;
    }
    const first = json?.manifests.find((m) => m.path === paths[0]);
    times.push({ label, ms: run.ms, status: run.status, outcome: first ? (first.diagnostics.length ? [...new Set(first.diagnostics.map((d) => d.code))].join(', ') : 'read, no diagnostic') : 'not listed' });
    expectSane(label, run);
    expect(json, `report printed no JSON: ${run.stderr.slice(0, 500)}`).not.toBeNull();
    const parsed = reportSchema.safeParse(json);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    expectGoodServices(json!);
    for (const m of json!.manifests) expect(m.path).toMatch(/^(?!\.\.?\/|\/)[^\\]+$/);
    const byPath = new Map(json!.manifests.map((m) => [m.path, m]));
    // Nothing is skipped in silence: every hostile file is listed.
    for (const p of paths) expect([...byPath.keys()], `${p} is listed`).toContain(p);
    const manifest = (p: string) => byPath.get(p)!;
    const diags = (p: string) => json!.manifests.flatMap((m) => m.diagnostics.filter((d) => m.path === p || d.message.includes(p)));
    return { json: json!, ms: run.ms, fifos: tree.fifos, manifest, diags, codes: (p) => diags(p).map((d) => d.code) };
  } finally {
    tree.cleanup();
  }
}

function expectGoodServices(json: ReportJson): void {
  const good = json.manifests.find((m) => m.path === 'svc-good/requirements.txt');
  expect(good?.service).toBe('svc-good');
  expect(good!.diagnostics).toEqual([]);
  expect(good!.declarations.map((d) => [d.name, d.specifier, d.line])).toEqual([
    ['requests', '==2.31.0', 1],
    ['flask', '==3.0.0', 2],
    ['numpy', '==1.26.4', 3],
  ]);
  const node = json.manifests.find((m) => m.path === 'svc-node/package.json');
  expect(node?.service).toBe('svc-node');
  expect(node!.diagnostics).toEqual([]);
  expect(node!.declarations.map((d) => [d.name, d.specifier, d.ecosystem])).toEqual([
    ['lodash', '4.17.21', 'npm'],
    ['react', '^18.2.0', 'npm'],
  ]);
  for (const [name, ecosystem, service] of [['requests', 'pypi', 'svc-good'], ['numpy', 'pypi', 'svc-good'], ['lodash', 'npm', 'svc-node'], ['react', 'npm', 'svc-node']]) {
    const p = json.packages.find((x) => x.name === name && x.ecosystem === ecosystem);
    expect(p?.services.map((s) => s.service), `${ecosystem} ${name}`).toContain(service);
  }
}

/** A diagnostic with `code` (and `severity`) on `path`. */
function expectDiagnostic(a: Audit, path: string, code: string, severity: 'error' | 'warning' = 'error'): Diag {
  const found = a.diags(path).filter((d) => d.code === code);
  expect(found.map((d) => d.code), `diagnostics on ${path}: ${JSON.stringify(a.diags(path).map((d) => [d.code, d.message.slice(0, 120)]))}`).toContain(code);
  expect(found[0]!.severity).toBe(severity);
  return found[0]!;
}

const names = (a: Audit, p: string) => a.manifest(p).declarations.map((d) => d.name);

/** Deterministic non-UTF-8 bytes with NULs. */
function binaryBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = i % 7 === 0 ? 0 : x & 0xff;
  }
  out[1] = 0xff;
  return out;
}

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

/** `a0: &a0 [9 x "lol"]`, then 9 levels of `aN: &aN [9 x *aN-1]`: 9^10 strings if expanded. */
function billionLaughs(): string {
  let out = `a0: &a0 [${Array(9).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i <= 9; i++) out += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return out;
}

const deepArrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('pyproject.toml', () => {
  const P = 'svc-py/pyproject.toml';
  const HEAD = '[project]\nname = "py"\nversion = "1"\ndependencies = ["attrs==23.1.0"]\n';
  const refused: Array<[string, string | Uint8Array, string, number?]> = [
    ['unterminated string', `${HEAD}description = "abc\n`, 'invalid-toml', 5],
    ['duplicate keys', `${HEAD}name = "again"\n`, 'invalid-toml', 5],
    ['a table redefined', `${HEAD}[project]\nfoo = 1\n`, 'invalid-toml', 5],
    ['100,000-deep nested arrays', `${HEAD}a = ${deepArrays(N)}\n`, 'invalid-toml'],
    ['100,000-deep inline tables', `${HEAD}a = ${'{b = '.repeat(N)}1${'}'.repeat(N)}\n`, 'invalid-toml'],
    ['a 2 MB bare-key line', `${HEAD}${'a'.repeat(2 * MIB)}\n`, 'invalid-toml', 5],
    ['NUL bytes', `${HEAD}x = "a\0b"\n\0\0\n`, 'invalid-toml', 5],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`${HEAD}x = "`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"\n')]), 'undecodable', 5],
    ['UTF-16 (tomllib reads UTF-8 only)', utf16le(HEAD), 'undecodable', 1],
    ['dependencies is a string', '[project]\nname = "py"\nversion = "1"\ndependencies = "attrs==23.1.0"\n', 'invalid-value', 4],
  ];
  it.each(refused)('pyproject %s: a diagnostic, nothing declared', (label, text, code, line) => {
    const a = audit(`pyproject: ${label}`, { [P]: text }, P);
    const d = expectDiagnostic(a, P, code);
    if (line !== undefined) expect(d.line).toBe(line);
    expect(a.manifest(P).kind).toBe('pyproject');
    expect(a.manifest(P).declarations).toEqual([]);
  });

  it('a BOM: an error (tomllib refuses it), read anyway', () => {
    const a = audit('pyproject: BOM', { [P]: `\uFEFF${HEAD}` }, P);
    expectDiagnostic(a, P, 'bom');
    expect(names(a, P)).toEqual(['attrs']);
  });

  it('a 2 MB string on one line is read', () => {
    const a = audit('pyproject: 2 MB string value', { [P]: `${HEAD}description = "${'a'.repeat(2 * MIB)}"\n` }, P);
    expect(a.manifest(P).diagnostics).toEqual([]);
    expect(names(a, P)).toEqual(['attrs']);
  });

  it('a dependency-group include cycle is one error; the groups are still read', () => {
    const a = audit('pyproject: include-group cycle', { [P]: `${HEAD}[dependency-groups]\na = [{include-group = "b"}, "six==1.16.0"]\nb = [{include-group = "a"}]\n` }, P);
    expect(expectDiagnostic(a, P, 'include-group-cycle').message).toContain('a -> b -> a');
    expect(names(a, P)).toEqual(['attrs', 'six']);
  });

  it('an include of a missing group', () => {
    const a = audit('pyproject: include of a missing group', { [P]: `${HEAD}[dependency-groups]\na = [{include-group = "nope"}]\n` }, P);
    expect(expectDiagnostic(a, P, 'unknown-dependency-group').message).toContain('"nope"');
  });

  it('10,000 dependency groups, each including the previous one, are read', () => {
    let text = `${HEAD}[dependency-groups]\ng0 = ["six==1.16.0"]\n`;
    for (let i = 1; i < 10_000; i++) text += `g${i} = [{include-group = "g${i - 1}"}, "p${i}==1.0"]\n`;
    const a = audit('pyproject: 10,000 chained groups', { [P]: text }, P);
    expect(a.manifest(P).diagnostics).toEqual([]);
    expect(a.manifest(P).declarations).toHaveLength(10_001);
  });

  it('/dev/zero behind a symlink named pyproject.toml is not read', () => {
    const a = audit('pyproject: /dev/zero symlink', { [P]: { symlink: '/dev/zero' } }, P);
    expectDiagnostic(a, P, 'symlink-outside-root');
  });

  it.skipIf(!hasMkfifo)('a FIFO named pyproject.toml is never opened for a blocking read', () => {
    const a = audit('pyproject: FIFO', { [P]: { fifo: true } }, P);
    if (a.fifos) expect(expectDiagnostic(a, P, 'unreadable').message).toContain('not a regular file');
  });
});

describe('Pipfile', () => {
  const P = 'svc-pf/Pipfile';
  const HEAD = '[packages]\nattrs = "==23.1.0"\n';
  const refused: Array<[string, string, string, number?]> = [
    ['unterminated string', `${HEAD}six = "abc\n`, 'invalid-toml', 3],
    ['duplicate keys', `${HEAD}attrs = "*"\n`, 'invalid-toml', 3],
    ['a table redefined', `${HEAD}[packages]\nsix = "*"\n`, 'invalid-toml', 3],
    ['100,000-deep nested arrays', `${HEAD}a = ${deepArrays(N)}\n`, 'invalid-toml'],
    ['100,000-deep inline tables', `${HEAD}a = ${'{b = '.repeat(N)}1${'}'.repeat(N)}\n`, 'invalid-toml'],
    ['NUL bytes', `${HEAD}x = "a\0b"\n`, 'invalid-toml', 3],
    ['categories, sources and requires of the wrong type', 'packages = "attrs"\n"dev-packages" = [1]\nsource = "x"\n[requires]\npython_version = 3\n', 'invalid-value', 1],
  ];
  it.each(refused)('Pipfile %s: a diagnostic, nothing declared', (label, text, code, line) => {
    const a = audit(`Pipfile: ${label}`, { [P]: text }, P);
    const d = expectDiagnostic(a, P, code);
    if (line !== undefined) expect(d.line).toBe(line);
    expect(a.manifest(P).kind).toBe('pipfile');
    expect(a.manifest(P).declarations).toEqual([]);
  });

  it('a 2 MB version string is an invalid-specifier error; the rest is read', () => {
    const a = audit('Pipfile: 2 MB line', { [P]: `${HEAD}x = "${'a'.repeat(2 * MIB)}"\n` }, P);
    expectDiagnostic(a, P, 'invalid-specifier');
    expect(names(a, P)).toEqual(['attrs']);
  });

  it('a 100 KB package name is read as a name', () => {
    const a = audit('Pipfile: 100 KB package name', { [P]: `${HEAD}${'a'.repeat(100 * 1024)} = "==1.0"\n` }, P);
    expect(a.manifest(P).diagnostics).toEqual([]);
    expect(names(a, P).map((n) => n?.length)).toEqual([5, 100 * 1024]);
  });

  it('package values of every wrong type: one error each, the good entries read', () => {
    const entries = [
      'i = 1', 'f = 1.5', 'b = true', 'd = 1979-05-27T07:32:00Z', 'arr = ["==1"]', 't = {version = 1}', 't2 = {version = "==1", extras = "x"}',
      't3 = {markers = 3}', 't5 = {git = 1}', 't6 = {path = 1}', 't8 = {python_version = 1}',
    ];
    const a = audit('Pipfile: values of every wrong type', { [P]: `${HEAD}${entries.join('\n')}\n[dev-packages]\nx = [1, 2]\n[[source]]\nurl = 1\n` }, P);
    const errors = a.diags(P).filter((d) => d.code === 'invalid-value');
    expect(errors.map((d) => d.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17]);
    expect(names(a, P)).toEqual(['attrs']);
  });
});

describe('setup.cfg', () => {
  const P = 'svc-cfg/setup.cfg';
  const HEAD = '[options]\ninstall_requires =\n    attrs==23.1.0\n';

  it('a %(a)s interpolation loop stops at configparser\'s depth', () => {
    const a = audit('setup.cfg: %(a)s loop', { [P]: `${HEAD}    %(a)s\na = %(b)s\nb = %(a)s\n` }, P);
    expect(expectDiagnostic(a, P, 'invalid-ini').message).toContain('interpolation nested deeper than 10 levels');
  });

  it('40 levels of a = %(b)s%(b)s stop at the depth limit', () => {
    let text = '[options]\ninstall_requires = attrs==23.1.0 ; %(l0)s\n';
    for (let i = 0; i < 40; i++) text += `l${i} = %(l${i + 1})s%(l${i + 1})s\n`;
    const a = audit('setup.cfg: 40-level exponential interpolation', { [P]: `${text}l40 = x\n` }, P);
    expect(expectDiagnostic(a, P, 'invalid-ini').message).toContain('nested deeper than 10 levels');
  });

  it('an interpolation that stays within the depth but grows 4x per level stops at the length limit', () => {
    let text = '[DEFAULT]\n';
    for (let i = 0; i < 9; i++) text += `l${i} = ${`%(l${i + 1})s`.repeat(4)}\n`;
    text += `l9 = ${'x'.repeat(16)}\n[options]\ninstall_requires = attrs==23.1.0\n    six==1.16.0 ; %(l0)s\n`;
    const a = audit('setup.cfg: 4^9 x 16 interpolation width', { [P]: text }, P);
    expect(expectDiagnostic(a, P, 'invalid-ini').message).toContain('interpolation result too long');
  });

  it('a 2 MB continuation value is read', () => {
    const a = audit('setup.cfg: 2 MB continuation value', { [P]: `${HEAD}    ${'a'.repeat(2 * MIB)}\n` }, P);
    expect(a.manifest(P).diagnostics).toEqual([]);
    expect(names(a, P).map((n) => n?.length)).toEqual([5, 2 * MIB]);
  });

  it('100,000 continuation lines of comments and blanks', () => {
    const a = audit('setup.cfg: 100,000 comment continuation lines', { [P]: `${HEAD}${'    # c\n    \n'.repeat(N / 2)}    six==1.16.0\n` }, P);
    expect(names(a, P)).toEqual(['attrs', 'six']);
  });

  it('NUL bytes are a line error; the value before is read', () => {
    const a = audit('setup.cfg: NUL bytes', { [P]: `${HEAD}\0\0\0\n` }, P);
    expectDiagnostic(a, P, 'invalid-ini');
    expect(names(a, P)).toEqual(['attrs']);
  });
});

describe('conda environment.yml', () => {
  const P = 'svc-conda/environment.yml';
  const HEAD = 'name: x\ndependencies:\n  - numpy=1.26\n';

  it('a billion-laughs alias bomb beside the environment is never expanded', () => {
    const a = audit('conda: billion laughs (unused)', { [P]: `${billionLaughs()}${HEAD}` }, P);
    expect(a.manifest(P).diagnostics).toEqual([]);
    expect(names(a, P)).toEqual(['numpy']);
  });

  it('the bomb used as a dependency and as a pip: entry is an error each', () => {
    const a = audit('conda: billion laughs in dependencies', { [P]: `${billionLaughs()}${HEAD}  - *a9\n  - pip:\n    - *a9\n` }, P);
    expect(a.diags(P).filter((d) => d.code === 'invalid-value').map((d) => d.line)).toEqual([14, 16]);
    expect(names(a, P)).toEqual(['numpy']);
  });

  it('custom tags execute nothing: warnings, the values are plain strings', () => {
    const marker = path.join(os.tmpdir(), `depaudit-pwned-${randomBytes(6).toString('hex')}`);
    const text = `${HEAD}  - !!python/object/apply:os.system ["touch ${marker}"]\n  - !include other.yml\n  - pip:\n    - !!python/name:os.system\n`;
    const a = audit('conda: custom tags', { [P]: text }, P);
    expect(existsSync(marker)).toBe(false);
    expect(a.diags(P).filter((d) => d.code === 'yaml-unknown-tag').map((d) => [d.line, d.severity])).toEqual([[4, 'warning'], [5, 'warning'], [7, 'warning']]);
    expect(names(a, P)).toContain('numpy');
  });

  it('100,000-deep nested flow sequences are refused', () => {
    const a = audit('conda: 100,000-deep flow sequences', { [P]: `${HEAD}x: ${deepArrays(N)}\n` }, P);
    expect(expectDiagnostic(a, P, 'invalid-yaml').message).toContain('nested deeper than 100 levels');
  });

  it('merge keys (<<) are not applied: the environment without its own dependencies: is a warning', () => {
    const a = audit('conda: merge keys', { [P]: 'base: &b\n  dependencies: [scipy=1.11]\nname: x\n<<: *b\n' }, P);
    expectDiagnostic(a, P, 'conda-no-dependencies', 'warning');
    expect(names(a, P)).not.toContain('<<');
  });

  it('duplicate keys are refused', () => {
    const a = audit('conda: duplicate keys', { [P]: `${HEAD}dependencies:\n  - scipy\n` }, P);
    expect(expectDiagnostic(a, P, 'invalid-yaml').line).toBe(4);
    expect(a.manifest(P).declarations).toEqual([]);
  });

  it('pip: -r ../../../etc/passwd and -r /etc/passwd are refused as outside the root; -e paths are checked', () => {
    const text = `${HEAD}  - pip:\n    - -r ../../../etc/passwd\n    - -r /etc/passwd\n    - -e ./\n    - -e ../../outside\n    - requests==2.31.0\n`;
    const a = audit('conda: pip -r outside the root, -e paths', { [P]: text, '../outside/setup.py': 'raise SystemExit("never run")\n' }, P);
    expect(a.diags(P).filter((d) => d.code === 'include-outside-root').map((d) => d.line)).toEqual([5, 6]);
    expect(expectDiagnostic(a, P, 'invalid-editable').line).toBe(8);
    expect(a.json.manifests.some((m) => m.path.includes('passwd') || m.path.includes('outside'))).toBe(false);
    const decls = a.manifest(P).declarations;
    expect(decls.map((d) => [d.name, d.ecosystem, d.editable, d.path])).toEqual([
      ['numpy', 'conda', false, null],
      [null, 'pypi', true, 'svc-conda'],
      ['requests', 'pypi', false, null],
    ]);
  });

  it('${VAR} without --env stays unexpanded (an error); with --env an injected option is recorded and flagged', () => {
    const text = `${HEAD}  - pip:\n    - \${OPT} requests==2.31.0\n    - six==\${V}\n`;
    const plain = audit('conda: ${VAR} without --env', { [P]: text }, P);
    expect(plain.diags(P).filter((d) => d.code === 'invalid-requirement').map((d) => d.line)).toEqual([5, 6]);
    const injected = audit('conda: ${VAR} injecting options', { [P]: text }, P, ['--env', 'OPT=--index-url=http://evil.invalid/simple', '--env', 'V=1.0 --hash=sha256:ab']);
    const m = injected.manifest(P);
    expect(m.options).toEqual([{ line: 5, name: '--index-url', value: 'http://evil.invalid/simple' }]);
    expect(m.declarations.find((d) => d.name === 'six')?.hashes).toEqual(['sha256:ab']);
    expect(injected.json.findings.some((f) => f.rule === 'insecure-source' && f.locations[0]?.path === P)).toBe(true);
  });
});

describe('package.json', () => {
  const P = 'svc-web/package.json';

  it('__proto__, constructor, prototype, hasOwnProperty are ordinary names, as dependencies and top-level keys', () => {
    const hostile =
      '{"name":"web","__proto__":{"dependencies":{"evil":"6.6.6"}},"constructor":{"prototype":{"polluted":"yes"}},"prototype":1,"hasOwnProperty":"x",' +
      '"dependencies":{"__proto__":"1.0.0","constructor":"^2.0.0","prototype":"3.0.0","hasOwnProperty":"4.0.0","toString":"5.0.0"},"devDependencies":{"__proto__":"1.0.1"}}';
    const other = '{"name":"web2","dependencies":{"__proto__":"2.0.0","constructor":"^2.1.0","hasOwnProperty":"4.0.0"}}';
    const extra = { [P]: hostile, 'svc-web2/package.json': other };
    const a = audit('package.json: __proto__/constructor keys', extra, [P, 'svc-web2/package.json']);
    expect(a.manifest(P).diagnostics).toEqual([]);
    expect(names(a, P)).toEqual(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__proto__']);
    for (const name of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']) {
      const p = a.json.packages.find((x) => x.name === name);
      expect(p?.ecosystem, name).toBe('npm');
      expect(p!.services.map((s) => s.service)).toContain('svc-web');
    }
    expect(a.json.packages.map((p) => p.name)).not.toContain('evil');
    // Later analysis treats them as packages: __proto__ is pinned to 1.0.0, 1.0.1 and 2.0.0.
    expect(a.json.findings.filter((f) => f.package === '__proto__').map((f) => f.rule)).toContain('version-conflict');
    // check, consolidate (plan) and sbom on the same tree end normally too.
    const tree = makeTree({ ...GOOD, ...extra }, 'depaudit-fmt-');
    try {
      for (const args of [['check', tree.root, '--format', 'json'], ['consolidate', tree.root, '--format', 'json'], ['sbom', tree.root]]) {
        const run = runCli(args, { timeoutMs: 60_000 });
        times.push({ label: `package.json: __proto__ keys, ${args[0]}`, ms: run.ms, status: run.status, outcome: 'no crash' });
        expectSane(args[0]!, run);
        expect(() => JSON.parse(run.stdout)).not.toThrow();
      }
    } finally {
      tree.cleanup();
    }
  });

  it('100,000-deep nested arrays and objects are valid JSON: read, without recursion', () => {
    const text = `{"dependencies":{"a":"1.0.0"},"x":${deepArrays(N)},"y":${'{"a":'.repeat(N)}1${'}'.repeat(N)}}`;
    const a = audit('package.json: 100,000-deep arrays + objects', { [P]: text }, P);
    expect(a.manifest(P).diagnostics).toEqual([]);
    expect(names(a, P)).toEqual(['a']);
  });

  it('duplicate keys: warnings, the last one wins as in npm', () => {
    const a = audit('package.json: duplicate keys', { [P]: '{"name":"a","dependencies":{"a":"1.0.0","a":"2.0.0"},"dependencies":{"b":"1.0.0"}}' }, P);
    expect(a.diags(P).map((d) => [d.code, d.severity])).toEqual([['duplicate-key', 'warning'], ['duplicate-key', 'warning']]);
    expect(names(a, P)).toEqual(['b']);
  });

  it('invalid JSON is one error with its position', () => {
    const a = audit('package.json: invalid JSON', { [P]: '{"name":"a",\n  "dependencies": {"a": "1.0.0",}\n}' }, P);
    const d = expectDiagnostic(a, P, 'invalid-json');
    expect([d.line, d.column]).toEqual([2, 33]);
  });

  it('JSON with comments is invalid', () => {
    const a = audit('package.json: comments', { [P]: '{\n  // comment\n  "dependencies": {"a": "1.0.0"} /* x */\n}' }, P);
    const d = expectDiagnostic(a, P, 'invalid-json');
    expect([d.line, d.column]).toEqual([2, 3]);
  });

  it('a 30 MB package.json is refused by the size cap', () => {
    const a = audit('package.json: 30 MB', { [P]: `{"dependencies":{"a":"1.0.0"},"x":"${'a'.repeat(30 * MIB)}"}` }, P);
    expectDiagnostic(a, P, 'file-too-large');
    expect(a.manifest(P).kind).toBe('package-json');
  });

  it('binary and UTF-16 package.json files are undecodable errors', () => {
    const a = audit('package.json: binary + UTF-16', { [P]: binaryBytes(4096), 'svc-web2/package.json': utf16le('{"dependencies":{"a":"1.0.0"}}') }, [P, 'svc-web2/package.json']);
    expectDiagnostic(a, P, 'undecodable');
    expectDiagnostic(a, 'svc-web2/package.json', 'undecodable');
  });

  it('a 2 MB range is refused before semver parses it', () => {
    const a = audit('package.json: 2 MB range + engines', { [P]: `{"engines":{"node":">=${'1 '.repeat(MIB)}"},"dependencies":{"a":">=${'1 '.repeat(MIB)}","b":"1.0.0"}}` }, P);
    expectDiagnostic(a, P, 'invalid-specifier');
    expectDiagnostic(a, P, 'invalid-engines-range', 'warning');
    expect(a.diags(P).every((d) => d.message.length < 300)).toBe(true);
  });

  it('workspaces globs that climb out of the root are warnings; nothing outside is read', () => {
    const a = audit(
      'package.json: workspaces ../* and /etc/*',
      { 'package.json': '{"name":"root","private":true,"workspaces":["../*","/etc/*","svc-*"]}', '../sibling/package.json': '{"name":"sib","dependencies":{"leak":"1.0.0"}}' },
      'package.json',
    );
    expect(a.diags('package.json').map((d) => [d.code, d.severity, d.column])).toEqual([
      ['workspace-outside-root', 'warning', 45],
      ['workspace-outside-root', 'warning', 52],
    ]);
    expect(a.json.packages.map((p) => p.name)).not.toContain('leak');
  });

  it('a workspaces pattern with 10,000 brace groups: listed, and matching it stays cheap', () => {
    const pattern = '{a,b}'.repeat(10_000);
    const a = audit('package.json: 10,000 brace groups', { 'package.json': `{"name":"root","private":true,"workspaces":["${pattern}", "${'{a,'.repeat(10_000)}b${'}'.repeat(10_000)}"]}` }, 'package.json');
    expect(a.manifest('package.json').diagnostics).toEqual([]);
    const start = performance.now();
    expect(matchWorkspaceMembers([pattern, `${'{a,'.repeat(10_000)}b${'}'.repeat(10_000)}`], ['a/package.json', 'ab/package.json', 'svc-node/package.json'])).toEqual([]);
    expect(performance.now() - start).toBeLessThan(BUDGET_MS);
  });

  it.skipIf(!hasMkfifo)('a FIFO named package.json is listed as unreadable, and npm analysis goes on', () => {
    const a = audit('package.json: FIFO', { [P]: { fifo: true } }, P);
    if (!a.fifos) return;
    expect(expectDiagnostic(a, P, 'unreadable').message).toContain('not a regular file');
    expect(a.manifest(P).kind).toBe('package-json');
  });
});

describe('pnpm-workspace.yaml', () => {
  const W = 'pnpm-workspace.yaml';
  const PKGS: Record<string, Entry> = { 'package.json': '{"name":"root","private":true}' };

  it('an alias bomb: aliases where strings belong are errors, never expanded', () => {
    const a = audit('pnpm: alias bomb', { ...PKGS, [W]: `${billionLaughs()}packages:\n  - svc-*\n  - *a9\ncatalog:\n  lodash: 4.17.21\n  x: *a9\ncatalogs: *a9\n` }, W);
    expect(a.diags(W).map((d) => [d.code, d.line])).toEqual([['invalid-field', 13], ['invalid-dependency', 16], ['invalid-field', 17]]);
    expect(names(a, W)).toEqual(['lodash']);
  });

  it('catalogs and catalog entries named __proto__ or constructor are ordinary names', () => {
    const text = 'packages:\n  - svc-*\ncatalog:\n  __proto__: 1.0.0\n  constructor: 2.0.0\ncatalogs:\n  __proto__:\n    hasOwnProperty: 1.0.0\n  constructor:\n    prototype: 3.0.0\n';
    const b = '{"name":"b","dependencies":{"__proto__":"catalog:","constructor":"catalog:constructor","hasOwnProperty":"catalog:__proto__"}}';
    const a = audit('pnpm: __proto__ catalogs', { ...PKGS, [W]: text, 'svc-b/package.json': b }, [W, 'svc-b/package.json']);
    expect(a.manifest(W).diagnostics).toEqual([]);
    expect(names(a, W)).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'prototype']);
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'prototype']) expect(a.json.packages.find((p) => p.name === name)?.ecosystem, name).toBe('npm');
  });

  it('packages: "../../*" as a string is an error; in a list, a warning; nothing outside is read', () => {
    const asString = audit('pnpm: packages "../../*" (string)', { ...PKGS, [W]: 'packages: "../../*"\n' }, W);
    expectDiagnostic(asString, W, 'invalid-field');
    const inList = audit('pnpm: packages ["../../*", "/etc/*"]', { ...PKGS, [W]: 'packages:\n  - "../../*"\n  - /etc/*\n', '../x/package.json': '{"dependencies":{"leak":"1.0.0"}}' }, W);
    expect(inList.diags(W).map((d) => [d.code, d.line])).toEqual([['workspace-outside-root', 2], ['workspace-outside-root', 3]]);
    expect(inList.json.packages.map((p) => p.name)).not.toContain('leak');
  });

  it('100,000-deep nested flow sequences are refused before the YAML is composed', () => {
    const a = audit('pnpm: 100,000-deep flow sequences', { ...PKGS, [W]: `packages: ${deepArrays(N)}\n` }, W);
    expect(expectDiagnostic(a, W, 'invalid-yaml').message).toContain('nested deeper than 100 levels');
    expect(a.diags(W).map((d) => d.message).join('\n')).not.toMatch(/stack/i);
  });

  it('custom tags are warnings', () => {
    const a = audit('pnpm: custom tags', { ...PKGS, [W]: 'packages:\n  - !include x\ncatalog:\n  lodash: !!js/function "function(){}"\n' }, W);
    expect(a.diags(W).filter((d) => d.code === 'yaml-warning').map((d) => d.line)).toEqual([2, 4]);
  });
});

describe('Dockerfile, .python-version, .nvmrc', () => {
  const D = 'svc-rt/Dockerfile';
  const runtimesOf = (a: Audit, p: string) => a.json.runtimes.filter((r) => r.path === p).map((r) => [r.runtime, r.version]);

  it('a 2 MB RUN line', () => {
    const a = audit('Dockerfile: 2 MB line', { [D]: `FROM python:3.11\nRUN ${'a'.repeat(2 * MIB)}\n` }, D);
    expect(a.manifest(D).diagnostics).toEqual([]);
    expect(runtimesOf(a, D)).toEqual([['python', '3.11']]);
  });

  it('a 2 MB image reference is a warning', () => {
    const a = audit('Dockerfile: 2 MB image', { [D]: `FROM python:3.11-${'a'.repeat(2 * MIB)}\n` }, D);
    expectDiagnostic(a, D, 'invalid-from', 'warning');
  });

  it('100,000 continuation lines', () => {
    const a = audit('Dockerfile: 100,000 continuation lines', { [D]: `FROM \\\n${' \\\n'.repeat(N)} python:3.12\nRUN a \\\n${' b \\\n'.repeat(N)} c\n` }, D);
    expect(runtimesOf(a, D)).toEqual([['python', '3.12']]);
  });

  it('ARG chains that double 40 times stop at the expansion cap', () => {
    let text = 'ARG A40=3.11\n';
    for (let i = 39; i >= 0; i--) text += `ARG A${i}=\${A${i + 1}}$A${i + 1}\n`;
    const a = audit('Dockerfile: 40 doubling ARGs', { [D]: `${text}FROM python:$A0\n` }, D);
    expect(expectDiagnostic(a, D, 'arg-too-long', 'warning').message).toBe('ARG A29 expands to more than 4096 characters; read as unset');
    expect(runtimesOf(a, D)).toEqual([['python', null]]);
  });

  it('binary content is undecodable', () => {
    const a = audit('Dockerfile: binary', { [D]: binaryBytes(4096) }, D);
    expectDiagnostic(a, D, 'undecodable');
  });

  it.skipIf(!hasMkfifo)('a FIFO named Dockerfile', () => {
    const a = audit('Dockerfile: FIFO', { [D]: { fifo: true } }, D);
    if (a.fifos) expectDiagnostic(a, D, 'unreadable');
  });

  it('/dev/zero behind a symlink named Dockerfile', () => {
    const a = audit('Dockerfile: /dev/zero symlink', { [D]: { symlink: '/dev/zero' } }, D);
    expectDiagnostic(a, D, 'symlink-outside-root');
  });

  it('.python-version: a 2 MB line and 100,000 lines read the first version; binary is undecodable', () => {
    const a = audit('.python-version: 2 MB line', { 'svc-rt/.python-version': `3.11${' '.repeat(2 * MIB)}x\n` }, 'svc-rt/.python-version');
    expect(runtimesOf(a, 'svc-rt/.python-version')).toEqual([['python', '3.11']]);
    const many = audit('.python-version: 100,000 lines', { 'svc-rt/.python-version': '3.12\n'.repeat(N) }, 'svc-rt/.python-version');
    expect(runtimesOf(many, 'svc-rt/.python-version')).toEqual([['python', '3.12']]);
    const bin = audit('.python-version: binary', { 'svc-rt/.python-version': binaryBytes(512) }, 'svc-rt/.python-version');
    expectDiagnostic(bin, 'svc-rt/.python-version', 'undecodable');
  });

  it('.nvmrc: a 2 MB version, 100,000 continuation-looking lines, binary', () => {
    const a = audit('.nvmrc: 2 MB version', { 'svc-rt/.nvmrc': `v${'2'.repeat(2 * MIB)}\n` }, 'svc-rt/.nvmrc');
    expect(runtimesOf(a, 'svc-rt/.nvmrc').map(([r]) => r)).toEqual(['node']);
    const lines = audit('.nvmrc: 100,000 lines', { 'svc-rt/.nvmrc': '20 \\\n'.repeat(N) }, 'svc-rt/.nvmrc');
    expectDiagnostic(lines, 'svc-rt/.nvmrc', 'invalid-version-file', 'warning');
    const bin = audit('.nvmrc: binary', { 'svc-rt/.nvmrc': binaryBytes(512) }, 'svc-rt/.nvmrc');
    expectDiagnostic(bin, 'svc-rt/.nvmrc', 'undecodable');
  });
});

describe('the CI gate never passes by skipping a file of a new format', () => {
  it.each([
    ['pyproject.toml, 100,000-deep arrays', 'svc-x/pyproject.toml', `[project]\nname = "x"\na = ${deepArrays(N)}\n`],
    ['Pipfile, packages = "attrs"', 'svc-x/Pipfile', 'packages = "attrs"\n'],
    ['setup.cfg, an interpolation loop', 'svc-x/setup.cfg', '[options]\ninstall_requires = %(a)s\na = %(a)s\n'],
    ['environment.yml, duplicate keys', 'svc-x/environment.yml', 'dependencies: [numpy]\ndependencies: [scipy]\n'],
    ['package.json, invalid JSON', 'svc-x/package.json', '{"dependencies": {'],
    ['package.json, undecodable', 'svc-x/package.json', binaryBytes(256)],
    ['pnpm-workspace.yaml, 100,000-deep', 'pnpm-workspace.yaml', `packages: ${deepArrays(N)}\n`],
    ['Dockerfile, binary', 'svc-x/Dockerfile', binaryBytes(256)],
  ] as Array<[string, string, string | Uint8Array]>)('check exits 1 with a parse-error finding: %s', (label, file, content) => {
    const tree = makeTree({ ...GOOD, [file]: content }, 'depaudit-fmt-');
    try {
      const run = runCli(['check', tree.root, '--format', 'json'], { timeoutMs: 60_000 });
      times.push({ label: `check gate: ${label}`, ms: run.ms, status: run.status, outcome: 'parse-error' });
      expectSane(label, run);
      expect(run.status, run.stderr).toBe(1);
      const json = JSON.parse(run.stdout) as ReportJson;
      expect(json.findings.filter((f) => f.rule === 'parse-error' && f.severity === 'error').map((f) => f.locations[0]!.path)).toContain(file);
    } finally {
      tree.cleanup();
    }
  });
});

describe('check --update-baseline writes', () => {
  const base: Record<string, Entry> = { ...GOOD, 'svc-b/requirements.txt': 'requests==2.30.0\n' };

  function update(label: string, extra: Record<string, Entry>, baseline: (root: string) => string) {
    const tree = makeTree({ ...base, ...extra }, 'depaudit-fmt-');
    const file = baseline(tree.root);
    const run = runCli(['check', tree.root, '--baseline', file, '--update-baseline'], { timeoutMs: 60_000 });
    times.push({ label: `baseline: ${label}`, ms: run.ms, status: run.status, outcome: run.stderr.trim().slice(0, 90) });
    expect(run.timedOut).toBe(false);
    expect(run.stderr).not.toMatch(CRASH_RE);
    return { tree, run, file };
  }

  it('a baseline path that is a symlink to a file outside the root is refused; the file and the link are untouched', () => {
    const { tree, run } = update('symlink to outside', { '../outside/secret.json': 'KEEP\n', 'baseline.json': { symlink: '../outside/secret.json' } }, (root) => path.join(root, 'baseline.json'));
    try {
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('depaudit: --baseline baseline.json: baseline.json is a symlink; refusing to write through it\n');
      expect(readFileSync(tree.abs('../outside/secret.json'), 'utf8')).toBe('KEEP\n');
      expect(lstatSync(tree.abs('baseline.json')).isSymbolicLink()).toBe(true);
      expect(readdirSync(tree.root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      tree.cleanup();
    }
  });

  it('a baseline path through a symlinked directory is refused', () => {
    const { tree, run } = update('through a symlinked directory', { '../outside/keep': '', ci: { symlink: '../outside' } }, (root) => path.join(root, 'ci', 'baseline.json'));
    try {
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('depaudit: --baseline ci/baseline.json: ci is a symlink; refusing to write through it\n');
      expect(readdirSync(tree.abs('../outside'))).toEqual(['keep']);
    } finally {
      tree.cleanup();
    }
  });

  it('a baseline path outside the root, or a directory, is refused', () => {
    const { tree, run, file } = update('outside the root', {}, (root) => path.join(root, '..', 'baseline.json'));
    try {
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`depaudit: --baseline ${file} is outside the scanned root; refusing to write it\n`);
      expect(existsSync(file)).toBe(false);
      const dir = runCli(['check', tree.root, '--baseline', tree.abs('svc-good'), '--update-baseline'], { timeoutMs: 60_000 });
      expect(dir.status).toBe(2);
      expect(dir.stderr).toContain('is not a regular file; refusing to write it');
    } finally {
      tree.cleanup();
    }
  });

  it('the write is atomic: a new file renamed over the old one, no temp file left behind', () => {
    const { tree, run, file } = update('atomic replace', { 'baseline.json': '{"schemaVersion":1,"findings":[]}\n' }, (root) => path.join(root, 'baseline.json'));
    try {
      expect(run.status, run.stderr).toBe(0);
      // A hard link to the old file keeps the old bytes: the new ones went to a new inode (rename), not into the old one.
      const before = tree.abs('old-link.json');
      rmSync(before, { force: true });
      writeFileSync(file, '{"schemaVersion":1,"findings":[]}\n');
      linkSync(file, before);
      const inode = statSync(file).ino;
      const again = runCli(['check', tree.root, '--baseline', file, '--update-baseline'], { timeoutMs: 60_000 });
      expect(again.status, again.stderr).toBe(0);
      expect(readFileSync(before, 'utf8')).toBe('{"schemaVersion":1,"findings":[]}\n');
      expect(statSync(file).ino).not.toBe(inode);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { schemaVersion: number; findings: Array<{ rule: string; package: string }> };
      expect(saved.findings.map((f) => [f.rule, f.package])).toContainEqual(['version-conflict', 'requests']);
      expect(readdirSync(tree.root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      // And the baseline it wrote is accepted.
      expect(runCli(['check', tree.root, '--baseline', file], { timeoutMs: 60_000 }).status).toBe(0);
    } finally {
      tree.cleanup();
    }
  });
});
