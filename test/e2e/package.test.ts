/**
 * The built CLI as npm ships it (`npm run build` first; `npm test` does): package.json's `files`
 * copied to a directory with no node_modules, so the bundle must carry its dependencies and find
 * rules/ and package.json from wherever its chunks are. And which files each start-up needs:
 * `--version` and `--help` must run with the command modules gone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string; files: string[]; bin: { depaudit: string } };
const SEED = path.join(repoRoot, 'fixtures/seed-platform');

const temps: string[] = [];
/** A copy of what `npm pack` ships: package.json plus every entry of `files`. */
function installed(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'depaudit-pkg-'));
  temps.push(dir);
  for (const f of ['package.json', ...pkg.files]) cpSync(path.join(repoRoot, f), path.join(dir, f), { recursive: true });
  return dir;
}

function run(root: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DEPAUDIT_DEBUG;
  const r = spawnSync(process.execPath, [path.join(root, pkg.bin.depaudit), ...args], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The bundle's files that hold code of the dependency `name` (their source maps list its files). */
function filesOf(root: string, name: string): string[] {
  const dist = path.join(root, 'dist');
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(dist, f))
    .filter((f) => (JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] }).sources.some((s) => s.includes(`node_modules/${name}/`)));
}

beforeAll(() => {
  if (!existsSync(path.join(repoRoot, pkg.bin.depaudit))) throw new Error(`${pkg.bin.depaudit} is missing: run npm run build`);
});
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the packed files, without node_modules', () => {
  let dir = '';
  beforeAll(() => {
    dir = installed();
  });

  it('print the same report as the build in the repository', () => {
    const here = run(repoRoot, ['report', SEED, '--format', 'json']);
    const there = run(dir, ['report', SEED, '--format', 'json']);
    expect(there.code, there.stderr).toBe(0);
    expect(there).toEqual(here);
  });

  it('find the version, the presets and every rule page (SARIF help)', () => {
    const r = run(dir, ['check', SEED, '--format', 'sarif']);
    expect(r.code, r.stderr).toBe(1);
    const driver = (JSON.parse(r.stdout) as { runs: { tool: { driver: { version: string; rules: { id: string; help: { markdown: string } }[] } } }[] }).runs[0]!.tool.driver;
    expect(driver.version).toBe(pkg.version);
    expect(driver.rules.length).toBeGreaterThan(0);
    for (const rule of driver.rules) {
      const id = rule.id.replace(/^depaudit\//, '');
      expect(rule.help.markdown, id).toBe(readFileSync(path.join(repoRoot, 'rules', `${id}.md`), 'utf8'));
    }
  });
});

describe('start-up loads only what it needs', () => {
  it('--version and -V run with the CLI wiring and every command module removed', () => {
    const dir = installed();
    rmSync(path.join(dir, 'dist/program.js'));
    rmSync(path.join(dir, 'dist/commands'), { recursive: true });
    for (const flag of ['--version', '-V']) expect(run(dir, [flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('a check of requirements files without a config runs with yaml and zod removed (they load for a config, a baseline, YAML files)', () => {
    const dir = installed();
    const removed = [...filesOf(dir, 'yaml'), ...filesOf(dir, 'zod')];
    expect(removed.length).toBeGreaterThan(1);
    removed.forEach((f) => rmSync(f));
    expect(run(dir, ['check', SEED, '--format', 'json'])).toEqual(run(repoRoot, ['check', SEED, '--format', 'json']));
    expect(run(dir, ['check', SEED, '--format', 'sarif'])).toEqual(run(repoRoot, ['check', SEED, '--format', 'sarif']));
  });

  it('--help and a usage error run with every command module removed', () => {
    const dir = installed();
    rmSync(path.join(dir, 'dist/commands'), { recursive: true });
    const help = run(dir, ['--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: depaudit /);
    const bad = run(dir, ['check', '--format', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'nope' is invalid");
  });
});
