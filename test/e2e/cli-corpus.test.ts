/**
 * The built CLI on the eight real repositories of ../shared/corpus: `report --format json` must
 * finish, exit 0, print nothing on stderr and print a document reportSchema accepts. Skipped
 * when ../shared is not checked out next to the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/report/schema.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
/** Every manifest file under `dir` by an independent walk: the kinds the issue names, by file name (conda by content, as SOURCES.md says the corpus was built). */
function manifestsOnDisk(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (e.name === 'pyproject.toml') out.set(rel, 'pyproject');
    else if (e.name === 'Pipfile') out.set(rel, 'pipfile');
    else if (e.name === 'setup.cfg') out.set(rel, 'setup-cfg');
    else if (e.name === 'package.json') out.set(rel, 'package-json');
    else if (/\.ya?ml$/.test(e.name) && /^dependencies\s*:/m.test(readFileSync(full, 'utf8'))) out.set(rel, 'conda');
  }
  return out;
}

const repos = existsSync(corpus) ? readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];

describe.skipIf(repos.length === 0)('depaudit report on ../shared/corpus', () => {
  it.each(repos)('%s', (repo) => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'report', path.join(corpus, repo), '--format', 'json'], {
      encoding: 'utf8', timeout: 60_000, maxBuffer: 512 * 1024 * 1024,
    });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = reportSchema.parse(JSON.parse(r.stdout));
    expect(report.summary.services).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.locations.every((l) => !path.isAbsolute(l.path) && !l.path.startsWith('..')))).toBe(true);
    // Every pyproject.toml, Pipfile, setup.cfg, conda environment and package.json is listed, as its kind.
    const listed = new Map(report.manifests.map((m) => [m.path, m.kind]));
    const expected = manifestsOnDisk(path.join(corpus, repo));
    for (const [file, kind] of expected) expect(listed.get(file), file).toBe(kind);
  }, 90_000);
});
