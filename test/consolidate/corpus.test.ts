/**
 * The "Done when" with pip's own parser: scripts/oracle/check-consolidate.py on two corpus
 * repositories and on fixtures/seed-platform (consolidate --write succeeds, a second run writes
 * nothing, no comment line is lost, pip reports no new error on a rewritten file, and every change
 * in a service's effective requirements is listed in the JSON plan). Skipped, with the reason,
 * without ../shared or a python3 with pip 23.2.1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distIsFresh, fixturesDir, repoRoot } from './helpers.js';

const shared = path.resolve(repoRoot, '../shared');
const REPOS = ['deepset-ai__haystack-core-integrations', 'Azure__azureml-examples'];

function missing(): string | null {
  if (!existsSync(path.join(shared, 'oracle/pip_oracle.py'))) return `${shared}/oracle/pip_oracle.py not found`;
  if (!REPOS.every((r) => existsSync(path.join(shared, 'corpus', r)))) return `corpus repositories missing under ${shared}/corpus`;
  const py = spawnSync('python3', ['-c', 'import pip, packaging; print(pip.__version__)'], { encoding: 'utf8' });
  if (py.status !== 0) return 'python3 with pip and packaging not found';
  if (py.stdout.trim() !== '23.2.1') return `pip ${py.stdout.trim()} found, the oracle needs 23.2.1`;
  if (!distIsFresh()) return 'dist/ is stale: run npm run build';
  return null;
}

interface RepoResult {
  repo: string;
  rewritten?: number;
  status?: string;
  failures: string[];
}

const why = missing();

describe('consolidate on the corpus, checked by pip (scripts/oracle/check-consolidate.py)', () => {
  if (why) {
    it.skip(`skipped: ${why}`, () => {});
    return;
  }
  it(`${REPOS.join(', ')} and seed-platform`, () => {
    const run = spawnSync('python3', ['scripts/oracle/check-consolidate.py', shared, '--json', '--only', REPOS.join(','), '--repo', path.join(fixturesDir, 'seed-platform')], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, PYTHONUTF8: '1' },
    });
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as RepoResult[];
    expect(results.map((r) => r.repo).sort()).toEqual([...REPOS, 'seed-platform'].sort());
    for (const r of results) {
      expect(r.failures, r.repo).toEqual([]);
      // Each of these has something to consolidate with the defaults.
      expect(r.rewritten, r.repo).toBeGreaterThan(0);
      expect(r.status, r.repo).toMatch(/^depaudit: wrote \d+ file\(s\)/);
    }
    expect(run.status).toBe(0);
  }, 180_000);
});
