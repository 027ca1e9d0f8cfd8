/** `depaudit report --format html` through the built CLI (`npm test` builds first); no browser needed. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MatrixData } from '../../src/report/html/matrix.js';

const repo = path.resolve(import.meta.dirname, '../..');
const run = (args: string[]) => spawnSync(process.execPath, [path.join(repo, 'dist/cli.js'), ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
const data = (html: string) => JSON.parse(/<script type="application\/json" id="depaudit-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as MatrixData;

describe('report --format html', () => {
  it('prints one HTML page for fixtures/seed-platform, exit 0 with findings, nothing on stderr', () => {
    const r = run(['report', 'fixtures/seed-platform', '--format', 'html']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>\n')).toBe(true);
    expect(r.stdout.endsWith('</html>\n')).toBe(true);
    const d = data(r.stdout);
    expect(d.services).toEqual(['ai-behavioral-nudge-engine', 'market-data-ingestion', 'risk-calculation-engine']);
    expect(d.rows).toHaveLength(37);
    expect(d.paths.every((p) => p.startsWith('tools/services/'))).toBe(true);
  });

  it('an empty tree still gives a page, with no rows', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'depaudit-html-empty-'));
    try {
      const r = run(['report', dir, '--format', 'html']);
      expect(r.status).toBe(0);
      expect(data(r.stdout)).toMatchObject({ services: [], rows: [], conflicts: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('html is one of the --format choices of report only', () => {
    expect(run(['check', 'fixtures/seed-platform', '--format', 'html']).status).toBe(2);
  });
});
