/**
 * OSV range evaluation. Tables for the cases the schema spells out, and a property: compiled
 * intervals answer exactly what the schema's evaluation pseudocode answers when walked literally
 * for each version (sorted events, introduced/fixed/last_affected, limits).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affects, compileAffected, PEP440, SEMVER } from '../../src/audit/affected.js';
import type { OsvAffected } from '../../src/audit/osv.js';
import { compareVersions, parseVersion, type Version } from '../../src/pep440/index.js';

const entry = (events: Array<Record<string, string>>, versions: string[] = [], type: 'ECOSYSTEM' | 'SEMVER' | 'GIT' = 'ECOSYSTEM'): OsvAffected =>
  ({ package: { ecosystem: 'PyPI', name: 'p' }, ranges: [{ type, events }], versions }) as OsvAffected;
const hit = (a: OsvAffected, v: string) => affects(compileAffected(a, PEP440), parseVersion(v), v, PEP440);

describe('PEP 440 ranges', () => {
  it.each([
    ['introduced 0, fixed', [{ introduced: '0' }, { fixed: '2.0' }], { '0.1': true, '1.9.9': true, '2.0rc1': true, '2.0': false, '2.0.post1': false, '3': false }],
    ['introduced only', [{ introduced: '1.5' }], { '1.4': false, '1.5': true, '99': true }],
    ['last_affected is inclusive', [{ introduced: '1.0' }, { last_affected: '1.2' }], { '1.2': true, '1.2.0': true, '1.2+local': false, '1.2.post1': false, '0.9': false }],
    ['two intervals', [{ introduced: '0' }, { fixed: '1.0' }, { introduced: '2.0' }, { fixed: '2.1' }], { '0.5': true, '1.5': false, '2.0.5': true, '2.1': false }],
    ['events out of order are sorted', [{ fixed: '2.1' }, { introduced: '2.0' }, { fixed: '1.0' }, { introduced: '0' }], { '0.5': true, '1.5': false, '2.0.5': true, '2.1': false }],
    ['a tie: introduced then fixed at the same version is empty', [{ introduced: '1.0' }, { fixed: '1.0' }], { '1.0': false, '1.1': false }],
    ['a limit caps the range', [{ introduced: '1.0' }, { limit: '1.1' }], { '1.0.9': true, '1.1': false, '5': false }],
    ['limit * is no limit', [{ introduced: '1.0' }, { limit: '*' }], { '5': true }],
    ['PEP 440 spellings are one version', [{ introduced: '1.0' }, { fixed: '1.1.0' }], { '1.0.0': true, 'v1.0a1': false, '1.1': false, '1.0-post1': true }],
  ] as const)('%s', (_, events, cases) => {
    for (const [v, want] of Object.entries(cases)) expect([v, hit(entry([...events]), v)]).toEqual([v, want]);
  });

  it('explicit versions match by PEP 440 equality; unparsable ones by text', () => {
    const a = entry([], ['1.0', 'weird-1']);
    expect(hit(a, '1.0.0')).toBe(true);
    expect(hit(a, '1.0.1')).toBe(false);
    expect(affects(compileAffected(a, PEP440), null, 'WEIRD-1', PEP440)).toBe(true);
  });

  it('GIT ranges are commits, never versions', () => {
    expect(hit(entry([{ introduced: '0' }, { fixed: 'a'.repeat(40) }], [], 'GIT'), '1.0')).toBe(false);
  });

  it('a range with an unparsable event is skipped and reported; the others still count', () => {
    const c = compileAffected(
      { package: { ecosystem: 'PyPI', name: 'p' }, versions: [], ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2019-09-12' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }] },
      ] } as OsvAffected,
      PEP440,
    );
    expect(c.problems).toEqual(['ECOSYSTEM range skipped: fixed "2019-09-12" is not a PEP 440 version']);
    expect(c.intervals).toHaveLength(1);
    expect(c.fixed.map((f) => f.text)).toEqual(['1.2']);
  });
});

describe('SemVer (npm)', () => {
  const c = compileAffected(entry([{ introduced: '1.0.0' }, { fixed: '1.4.2' }], ['0.9.0'], 'SEMVER'), SEMVER);
  it.each([['1.4.1', true], ['1.4.2', false], ['1.4.2-beta.1', true], ['0.9.0', true], ['v1.2.0', true], ['2.0.0', false]] as const)('%s → %s', (v, want) => {
    expect(affects(c, SEMVER.parse(v), v, SEMVER)).toBe(want);
  });
});

/** The schema's pseudocode, walked for one version (the spec's own words, no intervals). */
function literal(events: Array<{ kind: string; v: Version | null }>, v: Version): boolean {
  const rank: Record<string, number> = { introduced: 0, fixed: 1, last_affected: 2, limit: 3 };
  const sorted = [...events].sort((a, b) => (a.v === null ? -1 : b.v === null ? 1 : compareVersions(a.v, b.v)) || rank[a.kind]! - rank[b.kind]!);
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((l) => compareVersions(v, l.v!) < 0)) return false;
  let affected = false;
  for (const e of sorted) {
    if (e.kind === 'introduced' && (e.v === null || compareVersions(v, e.v) >= 0)) affected = true;
    else if (e.kind === 'fixed' && compareVersions(v, e.v!) >= 0) affected = false;
    else if (e.kind === 'last_affected' && compareVersions(v, e.v!) > 0) affected = false;
  }
  return affected;
}

describe('compiled intervals = the literal pseudocode', () => {
  const version = fc.tuple(fc.nat(3), fc.nat(3), fc.constantFrom('', 'a1', '.post1', '.dev0')).map(([a, b, s]) => `${a}.${b}${s}`);
  const event = fc.oneof(
    version.map((v) => ({ introduced: v })),
    fc.constant({ introduced: '0' }),
    version.map((v) => ({ fixed: v })),
    version.map((v) => ({ last_affected: v })),
    version.map((v) => ({ limit: v })),
  );
  it('for random event lists and versions', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 6 }), fc.array(version, { minLength: 1, maxLength: 8 }), (events, versions) => {
        const c = compileAffected(entry(events as Array<Record<string, string>>), PEP440);
        const parsed = events.map((e) => {
          const [kind, text] = Object.entries(e)[0]!;
          return { kind, v: kind === 'introduced' && text === '0' ? null : parseVersion(text) };
        });
        for (const t of versions) {
          const v = parseVersion(t)!;
          expect([t, affects(c, v, t, PEP440)]).toEqual([t, literal(parsed, v)]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
