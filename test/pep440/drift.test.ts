import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, driftClass, formatVersion, parseVersion, type DriftClass, type Version } from '../../src/pep440/index.js';
import { loadGolden } from './golden-helpers.js';

function v(text: string): Version {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`invalid version ${text}`);
  return parsed;
}

describe('driftClass', () => {
  const table: [string, string, DriftClass | null][] = [
    ['1.0', '1.0.0', null],
    ['1.0.0.0', '1', null],
    ['v1.0', '1.0', null],
    ['1.0c1', '1.0rc1', null],
    ['1.0-1', '1.0.post1', null],
    ['1.0+ABC', '1.0+abc', null],
    ['1.0+a-b', '1.0+a.b', null],
    ['1!1.0', '1.0', 'epoch'],
    ['1!1.0', '2!1.0', 'epoch'],
    ['1!2.0', '2.0rc1', 'epoch'],
    ['1.0', '2.0', 'major'],
    ['2.0', '1.0.5', 'major'],
    ['0.1', '1', 'major'],
    ['1.0', '1.1', 'minor'],
    ['1.10', '1.9', 'minor'],
    ['1.1', '1', 'minor'],
    ['1.0', '1.0.1', 'patch'],
    ['1.0.0.1', '1.0', 'patch'],
    ['1.2.3.4', '1.2.3.5', 'patch'],
    ['1.2.3', '1.2.3.0.0.1', 'patch'],
    ['1.0.1a1', '1.0', 'patch'],
    ['1.0a1', '1.0', 'pre'],
    ['1.0a1', '1.0b1', 'pre'],
    ['1.0a1', '1.0a2', 'pre'],
    ['1.0rc1', '1.0.post1', 'pre'],
    ['1.0a1.dev1', '1.0', 'pre'],
    ['1.0', '1.0.post1', 'post'],
    ['1.0.post1', '1.0.post2', 'post'],
    ['1.0a1.post1', '1.0a1', 'post'],
    ['1.0.post1', '1.0.post1.dev0', 'dev'],
    ['1.0.dev1', '1.0', 'dev'],
    ['1.0.dev1', '1.0.dev2', 'dev'],
    ['1.0+a', '1.0', 'local'],
    ['1.0+abc.5', '1.0+abc.10', 'local'],
    ['1.0.post1+cpu', '1.0.post1+gpu', 'local'],
  ];
  for (const [a, b, want] of table) {
    it(`${a} vs ${b} -> ${want}`, () => {
      expect(driftClass(v(a), v(b))).toBe(want);
      expect(driftClass(v(b), v(a))).toBe(want);
    });
  }

  it('is null exactly when packaging calls the versions equal (every golden comparison)', () => {
    const cases = loadGolden<{ a: string; b: string; cmp: number }>('compare.json');
    for (const c of cases) {
      expect(driftClass(v(c.a), v(c.b)) === null, `${c.a} vs ${c.b}`).toBe(c.cmp === 0);
    }
  });

  it('is symmetric and null only for equal versions (fast-check)', () => {
    const n = fc.integer({ min: 0, max: 2 });
    const version = fc.record({
      epoch: fc.constantFrom(0, 0, 1),
      release: fc.array(n, { minLength: 1, maxLength: 4 }),
      pre: fc.option(fc.tuple(fc.constantFrom('a' as const, 'b' as const, 'rc' as const), n)),
      post: fc.option(n),
      dev: fc.option(n),
      local: fc.option(fc.constantFrom<(string | number)[]>(['abc'], [1], ['abc', 0])),
    });
    fc.assert(
      fc.property(version, version, (a, b) => {
        const d = driftClass(a, b);
        // Round-trip through text as well: driftClass only sees parsed versions.
        const same = driftClass(v(formatVersion(a)), v(formatVersion(b))) === d;
        return same && d === driftClass(b, a) && (d === null) === (compareVersions(a, b) === 0);
      }),
      { numRuns: 5000, seed: 442 },
    );
  });
});
