import { describe, expect, it } from 'vitest';
import { buildPackageIndex } from '../../src/analysis/package-index.js';
import { baseThreshold, summarize } from '../../src/analysis/summary.js';
import { auditFiles } from '../helpers/inventory.js';

async function summaryOf(files: Record<string, string>) {
  const { inventory, findings } = await auditFiles(files);
  const index = buildPackageIndex(inventory);
  return { index, summary: summarize(inventory, index, findings) };
}

describe('package index', () => {
  it('one entry per canonical name; uses know service, file, line, inherited and constraint', async () => {
    const { index } = await summaryOf({
      'shared/requirements.txt': 'Foo_Bar==1.0\n',
      'constraints.txt': 'foo.bar<2\n',
      'a/requirements.txt': '-r ../shared/requirements.txt\n-c ../constraints.txt\nFOO-BAR[x]==1.0\n',
    });
    expect([...index.packages.keys()]).toEqual(['foo-bar']);
    const uses = index.packages.get('foo-bar')!.uses.map((u) => [u.service, u.manifest, u.line, u.inherited, u.constraint]);
    expect(uses).toEqual([
      ['a', 'a/requirements.txt', 3, false, false],
      ['a', 'constraints.txt', 1, true, true],
      ['a', 'shared/requirements.txt', 1, true, false],
    ]);
  });
});

describe('summary', () => {
  it('a service directory named __proto__ is an ordinary key of a conflict, in service order', async () => {
    const { summary } = await summaryOf({
      '__proto__/requirements.txt': 'fastapi==0.104.1\n',
      'a/requirements.txt': 'fastapi==0.116.0\n',
      'z/requirements.txt': 'fastapi==0.104.1\n',
    });
    const versions = summary.conflicts[0]!.versions;
    expect(Object.getPrototypeOf(versions)).toBe(Object.prototype);
    expect(Object.keys(versions)).toEqual(['__proto__', 'a', 'z']);
    expect(JSON.stringify(versions)).toBe('{"__proto__":["0.104.1"],"a":["0.116.0"],"z":["0.104.1"]}');
  });

  it('drifting platform: conflicts by drift, base candidates, service-specific packages, duplication ratio', async () => {
    const { summary } = await summaryOf({
      'a/requirements.txt': 'fastapi==0.104.1\nnumpy==1.26.2\nquandl==3.7.0\n',
      'b/requirements.txt': 'fastapi==0.116.0\nnumpy==1.26.2\n',
      'c/requirements.txt': 'fastapi==0.116.0\nnumpy==1.26.2\ntorch==2.1.1\n',
    });
    expect(summary).toMatchObject({ services: 3, manifests: 3, declarations: 8, distinctPackages: 4, sharedPackages: 2 });
    // 8 direct uses; a shared base removes 2 + 2 of them.
    expect(summary.duplicationRatio).toBe(0.5);
    expect(summary.conflictsByDrift).toEqual({ minor: 1 });
    expect(summary.conflicts).toEqual([{ package: 'fastapi', ecosystem: 'pypi', drift: 'minor', versions: { a: ['0.104.1'], b: ['0.116.0'], c: ['0.116.0'] } }]);
    expect(summary.baseCandidates).toEqual([
      { package: 'fastapi', ecosystem: 'pypi', services: ['a', 'b', 'c'], proposedVersion: '0.116.0', inBase: false },
      { package: 'numpy', ecosystem: 'pypi', services: ['a', 'b', 'c'], proposedVersion: '1.26.2', inBase: false },
    ]);
    expect(summary.serviceSpecific).toEqual({ a: ['quandl'], b: [], c: ['torch'] });
  });

  it('consolidated platform: candidates are in the base, nothing left to remove', async () => {
    const { summary } = await summaryOf({
      'shared/requirements.txt': 'fastapi==0.116.0\n',
      'a/requirements.txt': '-r ../shared/requirements.txt\nquandl==3.7.0\n',
      'b/requirements.txt': '-r ../shared/requirements.txt\n',
    });
    expect(summary.services).toBe(2);
    expect(summary.duplicationRatio).toBe(0);
    expect(summary.baseCandidates).toEqual([{ package: 'fastapi', ecosystem: 'pypi', services: ['a', 'b'], proposedVersion: '0.116.0', inBase: true }]);
    expect(summary.serviceSpecific).toEqual({ a: ['quandl'], b: [] });
  });

  it('constraints install nothing: they make no package shared', async () => {
    const { summary } = await summaryOf({ 'constraints.txt': 'numpy<2\n', 'a/requirements.txt': '-c ../constraints.txt\n', 'b/requirements.txt': '-c ../constraints.txt\n' });
    expect(summary.sharedPackages).toBe(0);
    expect(summary.baseCandidates).toEqual([]);
  });

  it('ecosystems: a base is shared within one; the threshold counts the services using it; build requirements never count', async () => {
    const { summary } = await summaryOf({
      'a/requirements.txt': 'fastapi==0.116.0\n',
      'b/requirements.txt': 'fastapi==0.116.0\n',
      'c/pyproject.toml': '[build-system]\nrequires = ["setuptools>=68"]\n[project]\nname = "c"\nversion = "1"\ndependencies = ["fastapi==0.116.0"]\n',
      'd/pyproject.toml': '[build-system]\nrequires = ["setuptools>=68"]\n[project]\nname = "d"\nversion = "1"\n',
      'web/x/package.json': '{"name":"x","dependencies":{"fastapi":"^1.0.0","react":"^18.2.0"}}',
      'web/y/package.json': '{"name":"y","dependencies":{"react":"^18.2.0"}}',
    });
    // 6 services: pypi is used by a-d (threshold 2 of 4), npm by x and y (2 of 2).
    expect(summary.baseCandidates).toEqual([
      { package: 'fastapi', ecosystem: 'pypi', services: ['a', 'b', 'c'], proposedVersion: '0.116.0', inBase: false },
      { package: 'react', ecosystem: 'npm', services: ['x', 'y'], proposedVersion: '^18.2.0', inBase: false },
    ]);
    // npm's fastapi is another package: specific to x, under its qualified name.
    expect(summary.serviceSpecific).toEqual({ a: [], b: [], c: [], d: [], x: ['npm:fastapi'], y: [] });
  });

  it('base threshold: half the services, at least two', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => baseThreshold(n))).toEqual([2, 2, 2, 2, 3, 5]);
  });
});
