/** The `vulnerable-range` rule over in-memory trees, with advisories from test/audit/fixtures/osv. */
import { describe, expect, it } from 'vitest';
import { loadAdvisories } from '../../src/audit/load.js';
import { services, type Files } from '../helpers/inventory.js';
import { auditTree, OSV_FIXTURE } from '../audit/helpers.js';

const db = loadAdvisories(OSV_FIXTURE);
const ranges = async (files: Files, config: Record<string, unknown> = {}) => (await auditTree(files, db, config)).filter((f) => f.rule === 'vulnerable-range');

describe('vulnerable-range', () => {
  it('a floor inside the affected interval: a warning by default, with the fix to raise it to', async () => {
    const found = await ranges(services({ api: 'requests>=2.28\n', web: 'requests >= 2.28\n' }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      package: 'requests',
      message: 'requests>=2.28 admits 2.28, which x_DEMO-0001 (x_DEMO-0002, CVE-2099-0001, GHSA-demo-0002) affects: Proxy-Authorization header leaks on redirect; raise the floor to >=2.31.0',
      locations: [{ path: 'api/requirements.txt', line: 1 }, { path: 'web/requirements.txt', line: 1 }],
      data: {
        advisory: 'x_DEMO-0001', advisories: ['x_DEMO-0001', 'x_DEMO-0002'], aliases: ['CVE-2099-0001', 'GHSA-demo-0002'], summary: 'Proxy-Authorization header leaks on redirect.',
        specifier: '>=2.28', lowest: '2.28', fixed: ['2.31.0'], raiseTo: '2.31.0', services: ['api', 'web'],
      },
    });
  });

  it.each([
    ['requests<3', ['x_DEMO-0003 null 2.0']],
    ['requests~=2.30', ['x_DEMO-0001 2.30 2.31.0']],
    ['requests>2.30.0,<2.31', ['x_DEMO-0001 2.30.0 2.31.0']],
    ['requests>=2.32.0', ['x_DEMO-0003 2.32.0 2.32.2']],
    ['flask>=2.0', ['x_DEMO-0010 2.0 null']],
    ['requests>=2.31.0', []],
    ['requests==2.30.0', []],
    ['requests', []],
    ['requests>=3,<2', []],
  ])('%s', async (line, want) => {
    const found = await ranges(services({ a: `${line}\n` }));
    expect(found.map((f) => `${String(f.data.advisory)} ${String(f.data.lowest)} ${String(f.data.raiseTo)}`)).toEqual(want);
  });

  it('says when the upper bound excludes the fix', async () => {
    const [f] = await ranges(services({ a: 'requests>2.30.0,<2.31\n' }));
    expect(f!.message).toBe(
      'requests<2.31,>2.30.0 admits versions just above 2.30.0, which x_DEMO-0001 (x_DEMO-0002, CVE-2099-0001, GHSA-demo-0002) affects: Proxy-Authorization header leaks on redirect; raise the floor to >=2.31.0 (the range excludes 2.31.0: move its upper bound too)',
    );
  });

  it('different specifier sets are different findings; strict makes them errors; ignore accepts', async () => {
    const files = services({ a: 'requests>=2.28\n', b: 'requests>=2.29\n' });
    const found = await ranges(files, { extends: 'strict' });
    expect(found.map((f) => [f.data.specifier, f.severity])).toEqual([['>=2.28', 'error'], ['>=2.29', 'error']]);
    expect(await ranges(files, { rules: { 'vulnerable-range': ['warn', { ignore: ['GHSA-demo-0002'] }] } })).toEqual([]);
  });
});
