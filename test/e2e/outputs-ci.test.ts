/**
 * Where users run depaudit: the pre-commit hook definition, and the CI jobs in the README. Every
 * depaudit command the README's CI section shows runs against the seed fixture without a usage
 * error (exit 0 or 1), so the documented jobs do not rot (code blocks only).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/cli.js');
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## CI outputs, vulnerability audit and SBOM'), readme.indexOf('\n## Development'));

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build');
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parseYaml(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks.find((h) => h.id === 'depaudit-check')!;
  it('depaudit-check: node, `depaudit check` on the whole tree', () => {
    expect(hook).toMatchObject({ id: 'depaudit-check', name: expect.any(String), entry: 'depaudit check', language: 'node', pass_filenames: false });
  });
  it.each([
    ['requirements.txt', true],
    ['svc/requirements-dev.txt', true],
    ['svc/dev-requirements.in', true],
    ['constraints.txt', true],
    ['a/b/constraints-py311.txt', true],
    ['svc/requirements/base.txt', true],
    ['svc/requirements/test.in', true],
    ['depaudit.config.yaml', true],
    ['svc/pyproject.toml', true],
    ['svc/Pipfile', true],
    ['svc/setup.cfg', true],
    ['svc/environment.yml', true],
    ['svc/conda.yaml', true],
    ['web/apps/a/package.json', true],
    ['web/pnpm-workspace.yaml', true],
    ['svc/Dockerfile', true],
    ['svc/Dockerfile.prod', true],
    ['svc/.python-version', true],
    ['web/.nvmrc', true],
    ['.github/workflows/ci.yml', false],
    ['svc/Pipfile.lock', false],
    ['web/package-lock.json', false],
    ['setup.py', false],
    ['README.txt', false],
    ['svc/constraints.yaml', false],
    ['requirements.txt.bak', false],
  ])('files matches %s: %s', (file, want) => {
    // pre-commit applies `files` with Python's re.search; this pattern means the same in JS.
    expect(new RegExp(hook.files as string).test(file)).toBe(want);
  });
});

describe('README: CI outputs, vulnerability audit and SBOM', () => {
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
  it('its YAML blocks are YAML; the GitHub job uploads SARIF and writes the step summary; GitLab keeps a codequality report', () => {
    const yaml = blocks.filter((b) => b.lang === 'yaml').map((b) => parseYaml(b.body) as Record<string, any>);
    expect(yaml).toHaveLength(3);
    const steps = yaml[0]!.jobs.depaudit.steps as Array<Record<string, any>>;
    expect(steps.some((s) => s.uses === 'github/codeql-action/upload-sarif@v3' && s.with.sarif_file === 'depaudit.sarif')).toBe(true);
    expect(steps.some((s) => /--format markdown >> "\$GITHUB_STEP_SUMMARY"/.test(s.run ?? ''))).toBe(true);
    expect(yaml[1]!.depaudit.artifacts.reports.codequality).toBe('gl-code-quality-report.json');
    expect(yaml[2]!.repos[0].hooks[0].id).toBe('depaudit-check');
  });
  const commands = blocks.flatMap((b) => [...b.body.matchAll(/\bdepaudit ((?:check|report|audit|sbom) [^\n|>#]*)/g)].map((m) => m[1]!.trim()));
  it('shows depaudit commands', () => expect(commands.length).toBeGreaterThan(5));
  it.each([...new Set(commands)])('`depaudit %s` runs (exit 0 or 1) on the seed fixture', (command) => {
    const args = command
      .replace(/"?\$RUNNER_TEMP\/advisories"?|advisory-database|PATH/g, 'test/audit/fixtures/seed-advisories')
      .split(/\s+/)
      .map((a) => (a === '.' ? 'fixtures/seed-platform' : a));
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect([0, 1], `${args.join(' ')}: ${r.stderr}`).toContain(r.status);
  });
});
