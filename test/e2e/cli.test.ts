/**
 * The built CLI, spawned as a user runs it (`npm run build` first; `npm test` does). Exit codes,
 * streams, colour, formats, baselines and explain, on the fixtures and on temp copies of them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenDir, VERSION_PLACEHOLDER } from '../report/golden-helpers.js';
import { generate } from '../../scripts/bench/gen-python-monorepo.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/cli.js');
const SEED = 'fixtures/seed-platform';
const CONSOLIDATED = 'fixtures/seed-platform-consolidated';
const VERSION = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Our environment minus anything that changes colour, so each test sets exactly what it means. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEPAUDIT_DEBUG', 'CI', 'GITHUB_ACTIONS']) delete env[k];
  return { ...env, ...extra };
}

function run(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: opts.cwd ?? repoRoot, env: cleanEnv(opts.env), encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A usage failure: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function expectUsageError(r: ReturnType<typeof run>, re: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^depaudit: [^\n]+\n$/);
  expect(r.stderr).toMatch(re);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  expect(r.stderr).not.toContain('internal error');
}

const temps: string[] = [];
function tempCopy(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'depaudit-e2e-'));
  temps.push(dir);
  cpSync(path.join(repoRoot, fixture), dir, { recursive: true });
  return dir;
}
function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'depaudit-e2e-'));
  temps.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build');
});
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('exit codes (issue 3)', () => {
  it('check seed-platform: exit 1, a minor version-conflict for fastapi 0.104.1 vs 0.116.0', () => {
    const r = run(['check', SEED]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error    version-conflict  fastapi\n');
    expect(r.stdout).toContain('fastapi is pinned to 2 different versions: 0.104.1 (market-data-ingestion), 0.116.0 (ai-behavioral-nudge-engine, risk-calculation-engine); minor drift');
    expect(r.stderr).toBe('depaudit: 3 error(s), 22 warning(s)\n');
  });

  it('check seed-platform --format json: the same finding as data', () => {
    const r = run(['check', SEED, '--format', 'json']);
    expect(r.code).toBe(1);
    const fastapi = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; package: string; severity: string; data: unknown }> }).findings.filter(
      (f) => f.package === 'fastapi' && f.rule === 'version-conflict',
    );
    expect(fastapi).toHaveLength(1);
    expect(fastapi[0]!.severity).toBe('error');
    expect(fastapi[0]!.data).toEqual({ drift: 'minor', versions: { '0.104.1': ['market-data-ingestion'], '0.116.0': ['ai-behavioral-nudge-engine', 'risk-calculation-engine'] } });
  });

  it('check seed-platform-consolidated: exit 0', () => {
    const r = run(['check', CONSOLIDATED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n\nno findings\n$/);
    expect(r.stderr).toBe('depaudit: 0 error(s), 0 warning(s)\n');
  });

  it('report exits 0 even with findings', () => expect(run(['report', SEED]).code).toBe(0));

  it.each(['check', 'report', 'explain fastapi'])('%s on a missing root: exit 2, one line naming it', (cmd) => {
    expectUsageError(run([...cmd.split(' '), '/nonexistent/platform']), /^depaudit: root directory not found: \/nonexistent\/platform\n$/);
  });

  it('a root that is a file', () => expectUsageError(run(['check', 'package.json']), /root is not a directory: package\.json/));

  it.each([
    ['an unknown key', 'extend: strict\n', /invalid config .*depaudit\.config\.yaml: \(top level\): unknown key "extend" \(allowed: extends, rules, ignore, allowDrift, services, base\)/],
    ['a bad severity', 'rules:\n  duplicate: warning\n', /rules\.duplicate: expected "error", "warn" or "off"/],
    ['a bad package@version', 'ignore:\n  versions: [black]\n', /ignore\.versions\.0: expected package@version/],
    ['bad rule options', 'rules:\n  duplicate: [warn, {minServices: 1}]\n', /invalid options for rule duplicate: minServices: /],
    ['broken YAML', 'rules: [\n', /depaudit\.config\.yaml:\d+:\d+: invalid YAML: /],
  ])('an invalid config (%s): exit 2, one line', (_, config, re) => {
    const dir = tempCopy(CONSOLIDATED);
    writeFileSync(path.join(dir, 'depaudit.config.yaml'), config);
    expectUsageError(run(['check', dir]), re);
  });

  it('--config pointing nowhere', () => expectUsageError(run(['check', CONSOLIDATED, '--config', 'nope.yaml']), /config file not found: nope\.yaml/));

  it.each([
    [['check', SEED, '--format', 'xml'], /argument 'xml' is invalid/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['check', '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['check', SEED, '--max-file-size', 'lots'], /expected a size/],
    [['check', SEED, '--env', 'NOEQUALS'], /expected NAME=VALUE/],
    [['check', SEED, '--update-baseline'], /--update-baseline needs --baseline FILE/],
  ])('usage error %j: exit 2', (args, re) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(re);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('a valid config is honoured', () => {
    const dir = tempCopy(SEED);
    writeFileSync(path.join(dir, 'depaudit.config.yaml'), 'ignore:\n  packages: [fastapi, pydantic, uvicorn]\n');
    const r = run(['check', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('depaudit: 0 error(s), 19 warning(s)\n');
  });
});

describe('--help and --version', () => {
  it('--help: usage, commands, examples and exit codes on stdout, exit 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: depaudit /);
    for (const cmd of ['report', 'check', 'explain', 'schema']) expect(r.stdout).toContain(`  ${cmd}`);
    expect(r.stdout).toContain('Examples:\n  $ depaudit report fixtures/seed-platform');
    expect(r.stdout).toContain('$ depaudit check . --baseline depaudit-baseline.json');
    expect(r.stdout).toContain('Exit codes: 0 clean, 1 findings at error severity, 2 usage, config or input error.');
  });
  it('check --help lists its options', () => {
    const r = run(['check', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--format', '--baseline', '--update-baseline', '--config', '--env', '--max-file-size']) expect(r.stdout).toContain(o);
  });
  it.each(['--version', '-V'])('%s prints the package version', (flag) => {
    const r = run([flag]);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('output formats match the report goldens', () => {
  const strip = (s: string) => s.replace(`"version": "${VERSION}"`, `"version": "${VERSION_PLACEHOLDER}"`).replace(`depaudit ${VERSION}:`, `depaudit ${VERSION_PLACEHOLDER}:`);
  const golden = (f: string) => readFileSync(path.join(goldenDir, f), 'utf8');
  it.each([
    ['seed-platform', ['report', SEED, '--format', 'json'], 'report.json'],
    ['seed-platform', ['report', SEED, '--format', 'markdown'], 'report.md'],
    ['seed-platform', ['report', SEED], 'report.table.txt'],
    ['seed-platform', ['check', SEED, '--format', 'github'], 'check.github.txt'],
    ['seed-platform-consolidated', ['report', CONSOLIDATED, '--format', 'json'], 'report.json'],
    ['seed-platform-consolidated', ['report', CONSOLIDATED, '--format', 'markdown'], 'report.md'],
    ['seed-platform-consolidated', ['report', CONSOLIDATED], 'report.table.txt'],
  ])('%s: %j', (fixture, args, file) => {
    const r = run(args);
    expect(strip(r.stdout) === golden(`${fixture}.${file}`), `${fixture}.${file}`).toBe(true);
  });
  it('report --format json prints only JSON on stdout and nothing on stderr', () => {
    const r = run(['report', SEED, '--format', 'json']);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toBe('');
  });
  it('schema: valid JSON, draft 2020-12, the contract’s top-level properties', () => {
    const r = run(['schema']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { $schema: string; properties: object; required: string[]; additionalProperties: boolean };
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(s.properties)).toEqual(['schemaVersion', 'tool', 'root', 'services', 'manifests', 'runtimes', 'summary', 'packages', 'findings']);
    expect(s.required).toHaveLength(9);
    expect(s.additionalProperties).toBe(false);
  });
});

describe('check --format github', () => {
  it('escapes % , : in file and title properties, % in messages', () => {
    const dir = tempTree({ '100%,x:y/requirements.txt': 'pkg==1\n', 'svc/requirements.txt': 'pkg==2\n' });
    const r = run(['check', dir, '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toContain(
      '::error file=100%25%2Cx%3Ay/requirements.txt,line=1,title=depaudit version-conflict%3A pkg::pkg is pinned to 2 different versions: 1 (100%25,x:y), 2 (svc); major drift',
    );
    for (const l of lines) expect(l).toMatch(/^::(error|warning) (file=[^,:]+,(line=\d+,)?)?title=[^,:]+::/);
  });
  it('a message with a line break stays on one line', () => {
    const dir = tempTree({ 'a/requirements.txt': 'ok==1\n--foo\n' });
    const r = run(['check', dir, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('::error file=a/requirements.txt,line=2,title=depaudit parse-error::a/requirements.txt:2:1: no such option: --foo\n');
  });
});

describe('--baseline', () => {
  it('update, then check passes; a new drift fails alone; a moved line does not', () => {
    const dir = tempCopy(SEED);
    const baseline = path.join(dir, 'depaudit-baseline.json');

    const update = run(['check', dir, '--baseline', baseline, '--update-baseline']);
    expect(update).toEqual({ code: 0, stdout: '', stderr: `depaudit: wrote 25 findings to ${baseline}\n` });
    const saved = JSON.parse(readFileSync(baseline, 'utf8')) as { schemaVersion: number; findings: unknown[] };
    expect(saved.schemaVersion).toBe(1);
    expect(saved.findings).toHaveLength(25);

    const clean = run(['check', dir, '--baseline', baseline]);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('depaudit: 0 error(s), 0 warning(s), 25 accepted by the baseline\n');

    // Moving lines (a comment on top) changes no fingerprint.
    const risk = path.join(dir, 'tools/services/risk-calculation-engine/requirements.txt');
    writeFileSync(risk, `# moved\n${readFileSync(risk, 'utf8')}`);
    expect(run(['check', dir, '--baseline', baseline]).code).toBe(0);

    // A new drift: numpy moves in one service.
    writeFileSync(risk, readFileSync(risk, 'utf8').replace('numpy==1.26.2', 'numpy==1.26.3'));
    const r = run(['check', dir, '--baseline', baseline, '--format', 'json']);
    expect(r.code).toBe(1);
    const fresh = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; package: string; data: { drift: string } }> }).findings;
    expect(fresh.map((f) => [f.rule, f.package, f.data.drift])).toEqual([['version-conflict', 'numpy', 'patch']]);
    expect(r.stderr).toBe('depaudit: 1 error(s), 0 warning(s), 25 accepted by the baseline\n');
  });

  it('a baseline that does not exist or is not JSON: exit 2', () => {
    expectUsageError(run(['check', SEED, '--baseline', '/nonexistent/b.json']), /baseline file not found: \/nonexistent\/b\.json \(create it with --update-baseline\)/);
    const dir = tempTree({ 'b.json': '{ nope' });
    expectUsageError(run(['check', SEED, '--baseline', path.join(dir, 'b.json')]), /is not valid JSON/);
    writeFileSync(path.join(dir, 'c.json'), '{"schemaVersion": 2, "findings": []}');
    expectUsageError(run(['check', SEED, '--baseline', path.join(dir, 'c.json')]), /is invalid: schemaVersion/);
  });
});

describe('explain', () => {
  it('fastapi in seed-platform: the three declarations with file:line, and the findings', () => {
    const r = run(['explain', 'fastapi', SEED]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('fastapi: declared by 3 service(s)');
    const decl = lines.slice(1, 4).map((l) => l.trim().split(/\s+/).slice(0, 3));
    expect(decl).toEqual([
      ['ai-behavioral-nudge-engine', 'tools/services/ai-behavioral-nudge-engine/requirements.txt:5', '==0.116.0'],
      ['market-data-ingestion', 'tools/services/market-data-ingestion/requirements.txt:6', '==0.104.1'],
      ['risk-calculation-engine', 'tools/services/risk-calculation-engine/requirements.txt:5', '==0.116.0'],
    ]);
    for (const l of lines.slice(1, 4)) expect(l).toMatch(/\(direct\)$/);
    const findings = lines.slice(lines.indexOf('Findings:') + 1).filter(Boolean);
    expect(findings.map((l) => l.split(':')[0])).toEqual(['  warning duplicate', '  error version-conflict']);
    expect(r.stdout).toContain('  error version-conflict: fastapi is pinned to 2 different versions: 0.104.1 (market-data-ingestion), 0.116.0 (ai-behavioral-nudge-engine, risk-calculation-engine); minor drift\n');
  });
  it('any spelling of the name; inherited declarations say so', () => {
    const r = run(['explain', 'FastAPI', CONSOLIDATED]);
    expect(r.stdout.split('\n').slice(1, 4).every((l) => l.includes('tools/services/shared/requirements.txt:7') && l.endsWith('(inherited)'))).toBe(true);
    expect(r.stdout).toContain('No findings involve it.');
  });
  it('a package nobody declares', () => {
    expect(run(['explain', 'left-pad', SEED])).toEqual({ code: 0, stdout: `left-pad is not declared anywhere under ${SEED}\n`, stderr: '' });
  });
  it('--format json', () => {
    const j = JSON.parse(run(['explain', 'fastapi', SEED, '--format', 'json']).stdout) as { package: string; declarations: unknown[]; findings: unknown[] };
    expect(j.package).toBe('fastapi');
    expect(j.declarations).toHaveLength(3);
    expect(j.findings).toHaveLength(2);
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  it.each([
    ['not a TTY, nothing set: no colour', {}, false],
    ['FORCE_COLOR=1: colour', { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=0: no colour', { FORCE_COLOR: '0' }, false],
    ['NO_COLOR=1 wins over FORCE_COLOR=1', { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
  ])('%s', (_, env, colour) => {
    for (const args of [['check', SEED], ['report', SEED], ['explain', 'fastapi', SEED]]) {
      const r = run(args, { env });
      expect(r.stdout.includes(ESC), args.join(' ')).toBe(colour);
      expect(r.stderr.includes(ESC)).toBe(false);
    }
  });
  it('JSON, markdown and github output never have colour', () => {
    for (const args of [['report', SEED, '--format', 'json'], ['report', SEED, '--format', 'markdown'], ['check', SEED, '--format', 'github']]) {
      expect(run(args, { env: { FORCE_COLOR: '1' } }).stdout.includes(ESC), args.join(' ')).toBe(false);
    }
  });
});

describe('streams: results on stdout, logs on stderr', () => {
  it('check: findings on stdout, the tally on stderr only', () => {
    const r = run(['check', SEED]);
    expect(r.stdout).not.toContain('error(s)');
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(['depaudit: 3 error(s), 22 warning(s)']);
  });
  it('check --format json: stdout is one JSON document', () => {
    expect(() => JSON.parse(run(['check', SEED, '--format', 'json']).stdout)).not.toThrow();
  });
  it('runs from another working directory with a relative root', () => {
    const r = run(['check', 'seed-platform-consolidated'], { cwd: path.join(repoRoot, 'fixtures') });
    expect(r.code).toBe(0);
  });
});

describe('JSON into a pipe', () => {
  // ~7 MB of JSON: several 1 MiB chunks, each far more than a pipe holds (64 KiB).
  const platform = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'depaudit-e2e-'));
    temps.push(dir);
    generate({ dir, services: 100, deps: 40, seed: 7 });
    return dir;
  };
  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  it('a slow reader gets every byte in order (the writer waits for the pipe to drain)', async () => {
    const dir = platform();
    const file = path.join(dir, 'expected.json');
    const fd = openSync(file, 'w');
    spawnSync(process.execPath, [cli, 'report', '--format', 'json', dir], { stdio: ['ignore', fd, 'ignore'], env: cleanEnv() });
    closeSync(fd);
    const expected = readFileSync(file);
    expect(expected.length).toBeGreaterThan(4 << 20);

    const child = spawn(process.execPath, [cli, 'report', '--format', 'json', dir], { env: cleanEnv() });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const chunks: Buffer[] = [];
    for await (const chunk of child.stdout) {
      chunks.push(chunk as Buffer);
      if (chunks.length % 8 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    expect(await exited(child)).toBe(0);
    expect(stderr).toBe('');
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it('a reader that stops early (`| head`): exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [cli, 'report', '--format', 'json', platform()], { env: cleanEnv() });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    expect(await exited(child)).toBe(0);
    expect(stderr).toBe('');
  });
});
