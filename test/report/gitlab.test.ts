/** GitLab Code Quality: the fields GitLab reads, one entry per location, unique stable fingerprints. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitlabSeverity, renderGitlab } from '../../src/report/gitlab.js';
import type { ReportJson } from '../../src/report/schema.js';
import { auditGoldenDir, goldenDir, goldenReport } from './golden-helpers.js';

type Finding = ReportJson['findings'][number];
interface Entry { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }

const f = (over: Partial<Finding>): Finding => ({
  rule: 'version-conflict', severity: 'error', package: 'pkg', ecosystem: 'pypi', message: 'm', locations: [{ path: 'a/requirements.txt', line: 3 }], data: {}, fingerprint: '0'.repeat(16), ...over,
});
const render = async (findings: Finding[], prefix = '') => JSON.parse(renderGitlab({ ...(await goldenReport('seed-platform-consolidated')), findings }, prefix)) as Entry[];

describe('renderGitlab', () => {
  it('exactly the fields GitLab processes, for every location of a finding', async () => {
    const out = await render([f({ locations: [{ path: 'a/requirements.txt', line: 3 }, { path: 'b/requirements.txt', line: 0 }] })], 'svc/');
    expect(out).toEqual([
      { description: 'm', check_name: 'depaudit/version-conflict', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'major', location: { path: 'svc/a/requirements.txt', lines: { begin: 3 } } },
      { description: 'm', check_name: 'depaudit/version-conflict', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'major', location: { path: 'svc/b/requirements.txt', lines: { begin: 1 } } },
    ]);
    expect(out[0]!.fingerprint).not.toBe(out[1]!.fingerprint);
  });
  it('fingerprints ignore line numbers but tell two locations in one file apart', async () => {
    const [a] = await render([f({})]);
    const [b] = await render([f({ locations: [{ path: 'a/requirements.txt', line: 9 }] })]);
    expect(a!.fingerprint).toBe(b!.fingerprint);
    const two = await render([f({ locations: [{ path: 'a/requirements.txt', line: 1 }, { path: 'a/requirements.txt', line: 2 }] })]);
    expect(new Set(two.map((e) => e.fingerprint)).size).toBe(2);
  });
  it('severity: a vulnerable pin is critical, other errors major, warnings minor', () => {
    expect([f({ rule: 'vulnerable' }), f({}), f({ severity: 'warning', rule: 'vulnerable-range' })].map(gitlabSeverity)).toEqual(['critical', 'major', 'minor']);
  });
  it('an empty array when there is nothing, and no BOM', async () => {
    expect(renderGitlab({ ...(await goldenReport('seed-platform-consolidated')), findings: [] })).toBe('[]\n');
  });
  it.each([
    path.join(goldenDir, 'seed-platform.check.gitlab.json'),
    path.join(auditGoldenDir, 'seed-platform.audit.gitlab.json'),
  ])('%s: a JSON array, every fingerprint unique', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0x5b);
    const entries = JSON.parse(text) as Entry[];
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.fingerprint)).size).toBe(entries.length);
    for (const e of entries) expect(['blocker', 'critical', 'major', 'minor', 'info']).toContain(e.severity);
  });
});
