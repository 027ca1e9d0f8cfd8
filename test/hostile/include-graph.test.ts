/**
 * Include graphs shaped to blow up a walk: long rings, deep chains, and files that include the
 * next one twice (2^n paths). Discovery, cycle detection, service assignment and pip-order
 * expansion must stay bounded, iterative (no stack overflow) and quick.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/inventory/scan.js';
import { expandLikePip, findIncludeCycles, MAX_EXPANDED, reachableFiles } from '../../src/inventory/expand.js';
import type { ParsedManifest } from '../../src/model/manifest.js';
import { memoryIo, type Files } from '../helpers/inventory.js';

const BUDGET_MS = 10_000;

async function timedScan(files: Files) {
  const start = performance.now();
  const inventory = await scan(memoryIo(files), { rootName: 'repo' });
  return { inventory, byPath: new Map<string, ParsedManifest>(inventory.manifests.map((m) => [m.path, m])), ms: performance.now() - start };
}

describe('include graphs stay bounded', () => {
  it('a 1,000-file ring: every line on it is reported, briefly, and the ring keeps its service', async () => {
    const n = 1_000;
    const files: Files = { 'svc-good/requirements.txt': 'requests==2.31.0\n' };
    for (let i = 0; i < n; i++) files[`ring/r${i}-requirements.txt`] = `-r r${(i + 1) % n}-requirements.txt\npkg${i}==1.0\n`;
    const { inventory, byPath, ms } = await timedScan(files);
    expect(ms).toBeLessThan(BUDGET_MS);
    const cycles = inventory.manifests.flatMap((m) => m.diagnostics.filter((d) => d.code === 'include-cycle'));
    expect(cycles).toHaveLength(n);
    expect(Math.max(...cycles.map((d) => d.message.length))).toBeLessThan(400);
    expect(cycles[0]!.message).toMatch(/ -> … \(994 more\) -> /);
    expect(inventory.services.map((s) => s.name)).toEqual(['ring', 'svc-good']);
    const start = performance.now();
    expect(reachableFiles(byPath, 'ring/r0-requirements.txt').size).toBe(n);
    expect(expandLikePip(byPath, 'ring/r0-requirements.txt').entries).toHaveLength(65); // MAX_INCLUDE_DEPTH + 1 files
    expect(performance.now() - start).toBeLessThan(BUDGET_MS);
  });

  it('a 5,000-deep include chain is walked without recursion', async () => {
    const n = 5_000;
    const files: Files = { 'svc/requirements.txt': '-r ../chain/0.txt\n' };
    for (let i = 0; i < n; i++) files[`chain/${i}.txt`] = `${i + 1 < n ? `-r ${i + 1}.txt\n` : ''}c${i}==1.0\n`;
    const { inventory, byPath, ms } = await timedScan(files);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(inventory.services.map((s) => s.name)).toEqual(['svc']);
    expect(inventory.manifests.filter((m) => m.role === 'base')).toHaveLength(n);
    expect(findIncludeCycles(byPath.values())).toEqual([]);
    expect(reachableFiles(byPath, 'svc/requirements.txt').size).toBe(n + 1);
    const expanded = expandLikePip(byPath, 'svc/requirements.txt');
    expect(expanded.truncated).toBe(true);
  });

  it('files that include the next one twice (2^40 paths) with nothing else in them', async () => {
    const files: Files = { 'svc/requirements.txt': '-r ../d/0.txt\nx==1\n' };
    for (let i = 0; i < 40; i++) files[`d/${i}.txt`] = `-r ${i + 1}.txt\n-r ${i + 1}.txt\n`;
    files['d/40.txt'] = 'leaf==1.0\n';
    const { byPath } = await timedScan(files);
    const start = performance.now();
    const expanded = expandLikePip(byPath, 'svc/requirements.txt');
    expect(performance.now() - start).toBeLessThan(BUDGET_MS);
    expect(expanded.truncated).toBe(true);
    expect(expanded.entries.length).toBeLessThanOrEqual(MAX_EXPANDED + 2);
    expect(reachableFiles(byPath, 'svc/requirements.txt').size).toBe(42);
  });

  it('the same doubling with a line in every file stops at the expansion cap', async () => {
    const files: Files = { 'svc/requirements.txt': '-r ../d/0.txt\n' };
    for (let i = 0; i < 40; i++) files[`d/${i}.txt`] = `p${i}==1\n-r ${i + 1}.txt\n-r ${i + 1}.txt\n`;
    files['d/40.txt'] = 'leaf==1.0\n';
    const { byPath } = await timedScan(files);
    const start = performance.now();
    const expanded = expandLikePip(byPath, 'svc/requirements.txt');
    expect(performance.now() - start).toBeLessThan(BUDGET_MS);
    expect(expanded.truncated).toBe(true);
    expect(expanded.entries.length).toBeLessThanOrEqual(MAX_EXPANDED + 2);
  });

  it('a cycle that nothing outside reaches owns its directory; what it includes stays a base', async () => {
    const { inventory } = await timedScan({
      'svc/requirements.txt': '-r requirements-dev.txt\n-r ../shared/base.txt\na==1\n',
      'svc/requirements-dev.txt': '-r requirements.txt\nb==1\n',
      'shared/base.txt': 'c==1\n',
    });
    expect(inventory.services).toEqual([{ name: 'svc', path: 'svc', manifests: ['svc/requirements-dev.txt', 'svc/requirements.txt'] }]);
    expect(inventory.manifests.find((m) => m.path === 'shared/base.txt')).toMatchObject({ role: 'base', service: null });
  });
});
