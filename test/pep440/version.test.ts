import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, formatVersion, isPrerelease, parseVersion, publicVersion } from '../../src/pep440/index.js';
import { compareNumberLists, comparePublic, suffixKey, trimmedRelease, type Version } from '../../src/pep440/version.js';
import { hasShared, loadGolden, loadShared, Mismatches } from './golden-helpers.js';

interface VersionCase {
  input: string;
  source: string;
  valid: boolean;
  normalized?: string;
  public?: string;
  is_prerelease?: boolean;
  epoch?: number;
  release?: number[];
  pre?: [string, number] | null;
  post?: number | null;
  dev?: number | null;
  local?: (string | number)[] | null;
  error?: string;
}

interface CompareCase {
  a: string;
  b: string;
  cmp: number;
  source: string;
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Valid for packaging but holding an integer above 2^53 - 1: parseVersion rejects those on purpose. */
function hasUnsafeInteger(c: VersionCase): boolean {
  const numbers = [c.epoch, ...(c.release ?? []), c.pre?.[1], c.post, c.dev, ...(c.local ?? [])];
  return numbers.some((n) => typeof n === 'number' && !Number.isSafeInteger(n));
}

describe('parseVersion / formatVersion / publicVersion against packaging 26.2', () => {
  const cases = loadGolden<VersionCase>('versions.json');

  it('covers packaging\'s own vectors and enough cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2000);
    expect(cases.some((c) => c.source.startsWith('packaging-tests:'))).toBe(true);
  });

  it('accepts, normalizes and splits exactly like Version()', () => {
    const bad = new Mismatches('versions');
    let unsafe = 0;
    for (const c of cases) {
      const v = parseVersion(c.input);
      if (c.valid && hasUnsafeInteger(c)) {
        unsafe++;
        bad.check(v === null, () => ({ input: c.input, expected: 'null (integer above 2^53 - 1)' }));
        continue;
      }
      if (!c.valid) {
        bad.check(v === null, () => ({ input: c.input, expected: c.error, got: v && formatVersion(v) }));
        continue;
      }
      const got = v && {
        normalized: formatVersion(v),
        public: publicVersion(v),
        is_prerelease: isPrerelease(v),
        epoch: v.epoch,
        release: v.release,
        pre: v.pre,
        post: v.post,
        dev: v.dev,
        local: v.local,
      };
      const want = {
        normalized: c.normalized,
        public: c.public,
        is_prerelease: c.is_prerelease,
        epoch: c.epoch,
        release: c.release,
        pre: c.pre,
        post: c.post,
        dev: c.dev,
        local: c.local,
      };
      bad.check(JSON.stringify(got) === JSON.stringify(want), () => ({ input: c.input, want, got }));
    }
    bad.assertNone();
    expect(unsafe).toBeLessThan(10); // only the few deliberate oversized vectors
  });
});

describe('compareVersions against packaging 26.2', () => {
  const cases = loadGolden<CompareCase>('compare.json');

  it('orders every pair like Version.__lt__/__eq__', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2000);
    const bad = new Mismatches('comparisons');
    for (const c of cases) {
      const a = parseVersion(c.a);
      const b = parseVersion(c.b);
      const got = a && b ? sign(compareVersions(a, b)) : null;
      bad.check(got === c.cmp, () => `${c.a} vs ${c.b}: want ${c.cmp}, got ${got}`);
    }
    bad.assertNone();
  });
});

describe('comparePublic', () => {
  // The order packaging's _cmpkey gives: epoch, the release without trailing zeros, then the
  // pre/post/dev key. comparePublic walks the fields without building these lists.
  const byKeys = (a: Version, b: Version) =>
    Math.sign(a.epoch - b.epoch) || compareNumberLists(trimmedRelease(a.release), trimmedRelease(b.release)) || compareNumberLists(suffixKey(a), suffixKey(b));
  const small = fc.integer({ min: 0, max: 2 });
  const version: fc.Arbitrary<Version> = fc.record({
    epoch: fc.constantFrom(0, 0, 0, 1),
    release: fc.array(small, { minLength: 1, maxLength: 4 }),
    pre: fc.option(fc.tuple(fc.constantFrom('a' as const, 'b' as const, 'rc' as const), small), { freq: 3 }),
    post: fc.option(small, { freq: 3 }),
    dev: fc.option(small, { freq: 3 }),
    local: fc.constant(null),
  });
  it('orders every pair as comparing the key lists does (fast-check)', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(Math.sign(comparePublic(a, b))).toBe(Math.sign(byKeys(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });
});

interface OracleVersionLine {
  line: number;
  input: string;
  normalized?: string[];
  public?: string[];
  is_prerelease?: boolean[];
  cmp?: number;
  error?: string;
}

describe.skipIf(!hasShared)('the shared pip oracle goldens (versions.json)', () => {
  it('agrees with every compare/normalize line', () => {
    const { results } = loadShared<{ results: OracleVersionLine[] }>('versions.json');
    const bad = new Mismatches('oracle lines');
    for (const r of results) {
      const [kind, ...args] = r.input.split(/\s+/);
      if (kind !== 'compare' && kind !== 'normalize') continue;
      const vs = args.map(parseVersion);
      if (r.error) {
        bad.check(vs.some((v) => v === null), () => r.input);
        continue;
      }
      const parsed = vs.filter((v) => v !== null);
      bad.check(parsed.length === vs.length, () => r.input);
      bad.check(JSON.stringify(parsed.map(formatVersion)) === JSON.stringify(r.normalized), () => r.input);
      bad.check(JSON.stringify(parsed.map(publicVersion)) === JSON.stringify(r.public), () => r.input);
      bad.check(JSON.stringify(parsed.map(isPrerelease)) === JSON.stringify(r.is_prerelease), () => r.input);
      if (kind === 'compare' && parsed[0] && parsed[1]) {
        bad.check(sign(compareVersions(parsed[0], parsed[1])) === r.cmp, () => r.input);
      }
    }
    expect(bad.count).toBeGreaterThan(0);
    bad.assertNone();
  });
});

describe('parseVersion on hostile input', () => {
  it('stays linear on long near-miss strings', () => {
    const inputs = [
      `${'1.'.repeat(50_000)}x`,
      `1${' '.repeat(100_000)}x`,
      `${' '.repeat(100_000)}1x`,
      `1+${'a.'.repeat(50_000)}!`,
      `1+${'a'.repeat(100_000)}!`,
      `1${'0'.repeat(100_000)}-`,
      `1.0${'-'.repeat(100_000)}`,
      `1a${'1'.repeat(4000)}-post-dev-x`,
    ];
    for (const text of inputs) {
      const start = performance.now();
      expect(parseVersion(text)).toBeNull();
      expect(performance.now() - start).toBeLessThan(500);
    }
  });

  it("rejects numbers a JS number cannot hold exactly (a documented deviation)", () => {
    expect(parseVersion('9007199254740991')).not.toBeNull();
    expect(parseVersion('9007199254740992')).toBeNull(); // packaging accepts it
    expect(parseVersion(`1.${'9'.repeat(30)}`)).toBeNull(); // packaging accepts it
    expect(parseVersion('1'.repeat(4301))).toBeNull(); // packaging raises ValueError too
    expect(parseVersion(`1.0+${'1'.repeat(4301)}`)).toBeNull();
  });
});
