/**
 * The built CLI on the eight real repositories of ../shared/corpus: `report --format json` must
 * finish, exit 0, print nothing on stderr and print a document reportSchema accepts. Skipped
 * when ../shared is not checked out next to the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/report/schema.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
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
  }, 90_000);
});
