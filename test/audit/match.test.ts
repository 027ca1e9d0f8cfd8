/** matchPin / matchRange over the committed OSV fixture (test/audit/fixtures/osv). */
import { describe, expect, it } from 'vitest';
import { loadAdvisories } from '../../src/audit/load.js';
import { lowestAdmitted, matchPin, matchRange } from '../../src/audit/match.js';
import { parseSpecifierSet, parseVersion } from '../../src/pep440/index.js';
import { dbOf, OSV_FIXTURE, record } from './helpers.js';

const db = loadAdvisories(OSV_FIXTURE);
const pin = (name: string, v: string) => matchPin(db, name, { version: parseVersion(v), text: v });
const specs = (s: string) => {
  const r = parseSpecifierSet(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const range = (name: string, s: string) => matchRange(db, name, specs(s));

describe('matchPin', () => {
  it('records that share an alias are one match: the smallest id speaks for the group', () => {
    expect(pin('requests', '2.30.0')).toEqual([
      {
        advisory: 'x_DEMO-0001', advisories: ['x_DEMO-0001', 'x_DEMO-0002'], aliases: ['CVE-2099-0001', 'GHSA-demo-0002'],
        summary: 'Proxy-Authorization header leaks on redirect.', fixed: ['2.31.0'], upgradeTo: '2.31.0',
      },
    ]);
  });
  it.each([
    ['requests', '2.25.1', [['x_DEMO-0001', '2.31.0'], ['x_DEMO-0003', '2.32.2']]],
    ['requests', '2.31.0a1', [['x_DEMO-0001', '2.31.0']]],
    ['requests', '2.31.0', []],
    ['requests', '2.32.1', [['x_DEMO-0003', '2.32.2']]],
    ['requests', '1.2', [['x_DEMO-0003', '2.0']]],
    ['requests', '3.0', []],
    ['Flask', '2.3.3', [['x_DEMO-0010', null]]],
    ['flask', '2.3.3.post1', []],
    ['flask', '1.0.5', [['x_DEMO-0010', '1.1.4']]],
    ['flask', '1.1.2', []],
    ['flask', '0.11', [['x_DEMO-0011', '0.12.3']]],
    ['left-pad', '1.0', []],
  ] as const)('%s==%s', (name, v, want) => {
    expect(pin(name, v).map((m) => [m.advisory, m.upgradeTo])).toEqual(want);
  });
  it('the withdrawn record (every release) matches nothing', () => {
    expect(pin('requests', '99').map((m) => m.advisory)).toEqual([]);
  });
  it('an unparsable === pin matches listed versions by text only', () => {
    const d = dbOf({ 'a.json': record('x_T-1', 'odd', [{ introduced: '0' }], { versions: ['Custom-Build'] }) });
    expect(matchPin(d, 'odd', { version: null, text: 'custom-build' }).map((m) => [m.advisory, m.upgradeTo])).toEqual([['x_T-1', null]]);
    expect(matchPin(d, 'odd', { version: null, text: 'other' })).toEqual([]);
  });
  it('the fix it suggests is itself unaffected', () => {
    const ranges = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1' }] }, { type: 'ECOSYSTEM', events: [{ introduced: '1.0.5' }, { fixed: '1.3' }] }];
    const d = dbOf({ 'a.json': record('x_T-2', 'p', [], { ranges }) });
    expect(matchPin(d, 'p', { version: parseVersion('1.0'), text: '1.0' }).map((m) => m.upgradeTo)).toEqual(['1.3']);
  });
});

describe('lowestAdmitted', () => {
  const low = (s: string) => {
    const r = lowestAdmitted(specs(s));
    return r && (r[0].p ? `${r[0].incl ? '[' : '('}${r[0].p.v.release.join('.')}` : '-inf');
  };
  it.each([
    ['>=2.28', '[2.28'],
    ['>2.28', '(2.28'],
    ['~=2.30', '[2.30'],
    ['<3', '-inf'],
    ['!=1.0', '-inf'],
    ['==2.*', '[2'],
    ['>=1.0,!=1.0', '(1.0'],
    ['>=3,<2', null],
  ])('%s → %s', (s, want) => expect(low(s)).toBe(want));
});

describe('matchRange', () => {
  it('a floor inside the affected interval: raise it to the fix', () => {
    expect(range('requests', '>=2.28')).toEqual([
      expect.objectContaining({ advisory: 'x_DEMO-0001', advisories: ['x_DEMO-0001', 'x_DEMO-0002'], lowest: { version: '2.28', inclusive: true }, raiseTo: '2.31.0', raiseAdmitted: true }),
    ]);
  });
  it.each([
    ['<3', [['x_DEMO-0003', null, '2.0', true]]],
    ['~=2.30', [['x_DEMO-0001', '2.30', '2.31.0', true]]],
    ['>=2.30,<2.31', [['x_DEMO-0001', '2.30', '2.31.0', false]]],
    ['>2.30.0', [['x_DEMO-0001', '2.30.0', '2.31.0', true]]],
    ['>=2.31.0', []],
    ['==2.*', []],
    ['>=2.32.0', [['x_DEMO-0003', '2.32.0', '2.32.2', true]]],
    ['>=3,<2', []],
  ] as const)('requests%s', (s, want) => {
    expect(range('requests', s).map((m) => [m.advisory, m.lowest?.version ?? null, m.raiseTo, m.raiseAdmitted])).toEqual(want);
  });
  it('>2.30.0 admits versions just above 2.30.0 (not 2.30.0 itself)', () => {
    expect(range('requests', '>2.30.0')[0]!.lowest).toEqual({ version: '2.30.0', inclusive: false });
  });
  it('no fix known (last_affected): raiseTo is null', () => {
    expect(range('flask', '>=2.0').map((m) => [m.advisory, m.raiseTo, m.raiseAdmitted])).toEqual([['x_DEMO-0010', null, false]]);
  });
});
