/**
 * The built CLI's CI outputs (`npm run build` first): SARIF and GitLab from check/report, every
 * format of `audit`, byte for byte against the goldens; `audit` on the real PyPA advisory
 * database (../shared) agrees with an independent Python check (scripts/oracle/audit-pins.py).
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditGoldenDir, goldenDir, VERSION_PLACEHOLDER } from '../report/golden-helpers.js';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/cli.js');
const SEED = 'fixtures/seed-platform';
const SEED_ADVISORIES = 'test/audit/fixtures/seed-advisories';
const PYPA = path.resolve(repoRoot, '../shared/advisories/pypa-advisory-database');
const VERSION = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

function run(args: string[], cwd = repoRoot) {
  const env = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEPAUDIT_DEBUG']) delete env[k];
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The tool version as the goldens write it. */
const strip = (s: string) =>
  s
    .replaceAll(`"version": "${VERSION}"`, `"version": "${VERSION_PLACEHOLDER}"`)
    .replaceAll(`"semanticVersion": "${VERSION}"`, `"semanticVersion": "${VERSION_PLACEHOLDER}"`)
    .replace(`depaudit ${VERSION}:`, `depaudit ${VERSION_PLACEHOLDER}:`);

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build');
});

describe('check and report: sarif and gitlab', () => {
  it.each([
    [['check', SEED, '--format', 'sarif'], 'seed-platform.check.sarif', 1],
    [['report', SEED, '--format', 'sarif'], 'seed-platform.check.sarif', 0],
    [['check', SEED, '--format', 'gitlab'], 'seed-platform.check.gitlab.json', 1],
    [['check', 'fixtures/seed-platform-consolidated', '--format', 'sarif'], 'seed-platform-consolidated.check.sarif', 0],
  ] as const)('%j matches %s', (args, golden, code) => {
    const r = run([...args]);
    expect(r.code).toBe(code);
    expect(strip(r.stdout) === readFileSync(path.join(goldenDir, golden), 'utf8'), golden).toBe(true);
  });
  it('paths are relative to the working directory when the root lies inside it, else to the root', () => {
    const inside = JSON.parse(run(['check', 'seed-platform', '--format', 'gitlab'], path.join(repoRoot, 'fixtures')).stdout) as Array<{ location: { path: string } }>;
    expect(inside[0]!.location.path).toMatch(/^seed-platform\/tools\/services\//);
    const atRoot = JSON.parse(run(['check', '.', '--format', 'gitlab'], path.join(repoRoot, SEED)).stdout) as Array<{ location: { path: string } }>;
    expect(atRoot[0]!.location.path).toMatch(/^tools\/services\//);
  });
});

describe('audit', () => {
  it.each([
    ['table', 'audit.table.txt'],
    ['json', 'audit.json'],
    ['markdown', 'audit.md'],
    ['github', 'audit.github.txt'],
    ['sarif', 'audit.sarif'],
    ['gitlab', 'audit.gitlab.json'],
  ])('--format %s matches the golden; exit 1 on vulnerable pins; the advisory tally on stderr', (format, golden) => {
    const r = run(['audit', SEED, '--advisories', SEED_ADVISORIES, '--format', format]);
    expect(r.code).toBe(1);
    expect(strip(r.stdout) === readFileSync(path.join(auditGoldenDir, `seed-platform.${golden}`), 'utf8'), golden).toBe(true);
    const log = r.stderr.split('\n').filter(Boolean);
    expect(log[0]).toMatch(/^depaudit: advisories: 6 files \(6 parsed, 0 name no declared package\), 5 records indexed, 1 withdrawn skipped, 0 problem\(s\); \d+\.\d\d s$/);
    expect(log.at(-1)).toBe('depaudit: 4 error(s), 1 warning(s)');
  });

  it('exit 0 when only warnings remain', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'depaudit-audit-'));
    temps.push(dir);
    mkdirSync(path.join(dir, 'svc'));
    writeFileSync(path.join(dir, 'svc/requirements.txt'), 'redis>=5.0\nrequests\n');
    const r = run(['audit', dir, '--advisories', SEED_ADVISORIES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning  vulnerable-range  redis');
    expect(r.stderr).toMatch(/depaudit: 0 error\(s\), 1 warning\(s\)\n$/);
  });

  it('broken advisory files are reported on stderr and skipped, never a crash', () => {
    const r = run(['audit', SEED, '--advisories', 'test/audit/fixtures/osv', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.stderr).toMatch(/depaudit: advisories: error: broken\/not-yaml\.yaml: skipped: not valid YAML: /);
    expect(r.stderr).not.toContain('internal error');
  });

  it.each([
    [['audit', SEED], /required option '--advisories <path>' not specified/],
    [['audit', SEED, '--advisories', '/nonexistent/db'], /^depaudit: advisories not found: \/nonexistent\/db\n$/],
    [['audit', SEED, '--advisories', 'README.md'], /must be a directory, or a \.zip, \.json or \.yaml file/],
    [['audit', SEED, '--advisories', SEED_ADVISORIES, '--format', 'xml'], /argument 'xml' is invalid/],
  ])('usage error %j: exit 2, nothing on stdout', (args, re) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(re);
  });

  it('check --advisories gates on drift and vulnerabilities together', () => {
    const r = run(['check', SEED, '--advisories', SEED_ADVISORIES, '--format', 'json']);
    expect(r.code).toBe(1);
    const rules = new Set((JSON.parse(r.stdout) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule));
    expect([...rules].sort()).toEqual(['duplicate', 'range-mismatch', 'version-conflict', 'vulnerable', 'vulnerable-range']);
    expect(r.stderr).toMatch(/^depaudit: advisories: 6 files/);
    expect(r.stderr).toMatch(/depaudit: 7 error\(s\), 23 warning\(s\)\n$/);
  });
});

describe('sbom', () => {
  const sbomGolden = (f: string) => readFileSync(path.join(repoRoot, 'test/goldens/sbom', f), 'utf8');
  it('CycloneDX 1.6, reproducible: the golden byte for byte, exit 0, nothing on stderr', () => {
    const r = run(['sbom', SEED]);
    expect(r).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
    expect(strip(r.stdout) === sbomGolden('seed-platform.cdx.json')).toBe(true);
    expect(run(['sbom', SEED, '--format', 'cyclonedx']).stdout).toBe(r.stdout);
  });
  it('--advisories records the vulnerable pins', () => {
    const r = run(['sbom', SEED, '--advisories', SEED_ADVISORIES]);
    expect(r.code).toBe(0);
    expect(strip(r.stdout) === sbomGolden('seed-platform.vulnerable.cdx.json')).toBe(true);
    expect(r.stderr).toMatch(/^depaudit: advisories: 6 files/);
  });
  it('--timestamp stamps the instance: a timestamp and a random serial number', () => {
    const [a, b] = [run(['sbom', SEED, '--timestamp']), run(['sbom', SEED, '--timestamp'])].map((r) => JSON.parse(r.stdout) as { serialNumber: string; metadata: { timestamp: string } });
    expect(a!.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a!.serialNumber).not.toBe(b!.serialNumber);
    expect(a!.metadata.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
  it('an unknown format is a usage error', () => {
    expect(run(['sbom', SEED, '--format', 'spdx']).code).toBe(2);
  });
});

interface Finding { rule: string; package: string; data: { version: string; advisories: string[] } }
const oracle = spawnSync('python3', ['-c', 'import packaging, yaml, pip']);
describe.skipIf(!existsSync(PYPA))('audit on the PyPA advisory database (../shared)', () => {
  let result: ReturnType<typeof run>;
  beforeAll(() => {
    result = run(['audit', SEED, '--advisories', PYPA, '--format', 'json']);
  });
  it('exits 1; black 23.9.1 (PYSEC-2024-48) and fastapi 0.104.1 (PYSEC-2024-38) are vulnerable, and nothing else', () => {
    expect(result.code).toBe(1);
    const found = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
    expect(found.map((f) => `${f.rule} ${f.package} ${f.data.version} ${f.data.advisories.join(',')}`)).toEqual([
      'vulnerable black 23.9.1 PYSEC-2024-48',
      'vulnerable fastapi 0.104.1 PYSEC-2024-38',
    ]);
    const load = /depaudit: advisories: (\d+) files \((\d+) parsed.*; (\d+\.\d\d) s\n/.exec(result.stderr);
    expect(load, result.stderr).not.toBeNull();
    console.log(`PyPA advisory database: ${load![1]} files, ${load![2]} parsed, loaded in ${load![3]} s`);
  });
  it.skipIf(oracle.status !== 0)('agrees exactly with the independent pip + packaging check', async () => {
    // Asynchronous: the oracle reads every advisory (~20 s) and must not block the test worker.
    const { stdout } = await execFileAsync('python3', ['scripts/oracle/audit-pins.py', SEED, PYPA], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    const expected = JSON.parse(stdout) as Array<{ package: string; version: string; advisory: string }>;
    const found = (JSON.parse(result.stdout) as { findings: Finding[] }).findings
      .filter((f) => f.rule === 'vulnerable')
      .flatMap((f) => f.data.advisories.map((advisory) => ({ package: f.package, version: f.data.version, advisory })))
      .sort((a, b) => `${a.package} ${a.version} ${a.advisory}`.localeCompare(`${b.package} ${b.version} ${b.advisory}`));
    expect(found).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  }, 300_000);
});
if (!existsSync(PYPA)) console.warn(`skipped the PyPA database audit: ${PYPA} is absent`);
else if (oracle.status !== 0) console.warn('skipped the oracle comparison: python3 with packaging, yaml and pip is not available');
