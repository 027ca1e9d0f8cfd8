import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  formatSpecifier,
  formatSpecifierSet,
  parseSpecifier,
  parseSpecifierSet,
  parseVersion,
  specifierContains,
  specifierSetContains,
  type Specifier,
  type Version,
} from '../../src/pep440/index.js';
import { hasShared, loadGolden, loadShared, Mismatches } from './golden-helpers.js';

interface SpecifierCase {
  input: string;
  source: string;
  valid: boolean;
  operator?: string;
  version?: string;
  str?: string;
  error?: string;
}

interface SetCase {
  input: string;
  source: string;
  valid: boolean;
  len?: number;
  str?: string;
  str_error?: string;
  error?: string;
}

interface Contains3 {
  default?: boolean;
  prereleases_false?: boolean;
  prereleases_true?: boolean;
  default_error?: string;
  prereleases_false_error?: string;
  prereleases_true_error?: string;
}

interface ContainsCase {
  version: string;
  spec: string;
  version_object?: boolean;
  source?: string;
  version_compare?: boolean | null;
  version_compare_error?: string;
  specifier_contains?: Contains3;
  error?: string;
}

const COMPARE: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '==': (c) => c === 0,
  '!=': (c) => c !== 0,
  '>=': (c) => c >= 0,
  '>': (c) => c > 0,
};

/**
 * What depaudit returns for an explicit policy. Where packaging raises instead of answering
 * (an AssertionError for `~=` versions its regex lets through but Version() rejects, or a
 * ValueError for integers over 4300 digits), depaudit answers false.
 */
function expected(c: Contains3, pre: boolean): boolean {
  return (pre ? c.prereleases_true : c.prereleases_false) ?? false;
}

describe('parseSpecifier against packaging 26.2', () => {
  const cases = loadGolden<SpecifierCase>('specifiers.json');

  it('accepts exactly what Specifier() accepts, with the same operator, version, str() and error', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2000);
    const bad = new Mismatches('specifiers');
    for (const c of cases) {
      const r = parseSpecifier(c.input);
      const got = r.ok
        ? { valid: true, operator: r.value.operator, version: r.value.version, str: formatSpecifier(r.value) }
        : { valid: false, error: r.error };
      const want = c.valid
        ? { valid: true, operator: c.operator, version: c.version, str: c.str }
        : { valid: false, error: c.error };
      bad.check(JSON.stringify(got) === JSON.stringify(want), () => ({ input: c.input, want, got }));
    }
    bad.assertNone();
  });
});

describe('parseSpecifierSet / formatSpecifierSet against packaging 26.2', () => {
  const cases = loadGolden<SetCase>('specifier-sets.json');

  it('accepts exactly what SpecifierSet() accepts and prints the same normal form', () => {
    const bad = new Mismatches('specifier sets');
    for (const c of cases) {
      const r = parseSpecifierSet(c.input);
      if (!c.valid) {
        bad.check(!r.ok && r.error === c.error, () => ({ input: c.input, want: c.error, got: r }));
        continue;
      }
      bad.check(r.ok && r.value.length === c.len, () => ({ input: c.input, want: c.len, got: r }));
      if (r.ok && c.str !== undefined) {
        const str = formatSpecifierSet(r.value);
        bad.check(str === c.str, () => ({ input: c.input, want: c.str, got: str }));
      }
    }
    bad.assertNone();
  });

  it('handles the documented edge cases', () => {
    expect(parseSpecifierSet('')).toEqual({ ok: true, value: [] });
    expect(parseSpecifierSet('>=1.0,')).toEqual({ ok: true, value: [{ operator: '>=', version: '1.0' }] });
    expect(parseSpecifierSet('>=1.0, foo')).toEqual({ ok: false, error: "Invalid specifier: 'foo'" });
    expect(parseSpecifier('~=1')).toEqual({ ok: false, error: "Invalid specifier: '~=1'" });
    expect(parseSpecifier(' == 2.0+cpu ')).toEqual({ ok: true, value: { operator: '==', version: '2.0+cpu' } });
    const set = parseSpecifierSet('>= 2.8.1, == 2.8.*');
    expect(set.ok && formatSpecifierSet(set.value)).toBe('==2.8.*,>=2.8.1');
  });
});

function checkContains(cases: ContainsCase[], single: boolean, bad: Mismatches): void {
  for (const c of cases) {
    const specs: Result<Specifier[]> = single ? wrap(parseSpecifier(c.spec)) : parseSpecifierSet(c.spec);
    const item: Version | string | null = c.version_object ? parseVersion(c.version) : c.version;
    if (c.error) {
      // Either the specifier or the Version() item is invalid.
      bad.check(!specs.ok || item === null, () => ({ case: c, why: 'expected an error' }));
      continue;
    }
    if (!specs.ok || item === null || !c.specifier_contains) {
      bad.check(false, () => ({ case: c, why: 'did not parse' }));
      continue;
    }
    for (const pre of [false, true]) {
      const got = single
        ? specifierContains(specs.value[0] as Specifier, item, pre)
        : specifierSetContains(specs.value, item, pre);
      const want = expected(c.specifier_contains, pre);
      bad.check(got === want, () => `${single ? 'Specifier' : 'SpecifierSet'}(${JSON.stringify(c.spec)})` +
        `.contains(${c.version_object ? 'Version' : ''}(${JSON.stringify(c.version)}), prereleases=${pre}): ` +
        `want ${want}, got ${got}`);
    }
    if (single && c.version_compare !== undefined && c.version_compare !== null) {
      const spec = specs.value[0] as Specifier;
      const a = parseVersion(c.version);
      const b = parseVersion(spec.version);
      const got = a && b ? COMPARE[spec.operator]?.(compareVersions(a, b)) : undefined;
      bad.check(got === c.version_compare, () => `Version(${c.version}) ${spec.operator} Version(${spec.version})`);
    }
  }
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };
const wrap = (r: Result<Specifier>): Result<Specifier[]> => (r.ok ? { ok: true, value: [r.value] } : r);

describe('specifierContains / specifierSetContains against packaging 26.2', () => {
  it('matches Specifier.contains(v, prereleases=False/True) on every golden case', () => {
    const cases = loadGolden<ContainsCase>('contains.json');
    expect(cases.length).toBeGreaterThanOrEqual(2000);
    const bad = new Mismatches('specifier containment checks');
    checkContains(cases, true, bad);
    bad.assertNone();
  });

  it('matches SpecifierSet.contains(v, prereleases=False/True) on every golden case', () => {
    const bad = new Mismatches('specifier-set containment checks');
    checkContains(loadGolden<ContainsCase>('set-contains.json'), false, bad);
    bad.assertNone();
  });

  it('stays linear on long near-miss specifiers', () => {
    const inputs = [
      `==${'1.'.repeat(50_000)}x`,
      `==${'1'.repeat(100_000)}x`,
      `===${'a'.repeat(100_000)}${' '.repeat(100_000)}x`,
      `>=1.0a${'1'.repeat(100_000)}x`,
      `~=1.0${'-'.repeat(100_000)}`,
      `==1.0+${'a.'.repeat(50_000)}!`,
      `${' , '.repeat(30_000)}>=1,x`,
    ];
    for (const text of inputs) {
      const start = performance.now();
      expect(parseSpecifierSet(text).ok).toBe(false);
      expect(performance.now() - start).toBeLessThan(500);
    }
  });

  it('applies the explicit pre-release policy, never a library default', () => {
    const ge = parseSpecifierSet('>=1.0');
    if (!ge.ok) throw new Error(ge.error);
    expect(specifierSetContains(ge.value, '2.0a1', false)).toBe(false);
    expect(specifierSetContains(ge.value, '2.0a1', true)).toBe(true);
    expect(specifierSetContains([], '2.0a1', false)).toBe(false);
    expect(specifierSetContains([], 'not-a-version', false)).toBe(true); // like packaging's empty set
  });
});

interface SharedSpecContains {
  spec: string;
  normalized: string;
  results: { version: string; prereleases_false?: boolean; prereleases_true?: boolean; error?: string }[];
}

interface SharedVersionLine {
  input: string;
  version_compare?: boolean | null;
  specifier_contains?: Contains3;
  error?: string;
}

describe.skipIf(!hasShared)('the shared pip oracle goldens (spec-contains*.json, versions.json)', () => {
  for (const name of [
    'spec-contains.json',
    'spec-contains-only-pre.json',
    // pip's vendored packaging 21.3: only its default (prereleases=None) differs from 26.2,
    // and depaudit never uses a default, so the explicit answers must agree as well.
    'spec-contains-only-pre.pip-vendored.json',
  ]) {
    it(name, () => {
      const data = loadShared<SharedSpecContains>(name);
      const set = parseSpecifierSet(data.spec);
      if (!set.ok) throw new Error(set.error);
      expect(formatSpecifierSet(set.value)).toBe(data.normalized);
      for (const r of data.results) {
        if (r.error) {
          expect(parseVersion(r.version)).toBeNull();
          continue;
        }
        expect(specifierSetContains(set.value, r.version, false), r.version).toBe(r.prereleases_false);
        expect(specifierSetContains(set.value, r.version, true), r.version).toBe(r.prereleases_true);
      }
    });
  }

  it('versions.json "A op B" lines', () => {
    const { results } = loadShared<{ results: SharedVersionLine[] }>('versions.json');
    const bad = new Mismatches('oracle lines');
    for (const r of results) {
      const parts = r.input.split(/\s+/);
      if (parts.length !== 3 || parts[0] === 'compare' || parts[0] === 'normalize') continue;
      const [a, op, b] = parts as [string, string, string];
      const spec = parseSpecifier(op + b);
      if (r.error) {
        bad.check(!spec.ok, () => r.input);
        continue;
      }
      if (!spec.ok || !r.specifier_contains) {
        bad.check(false, () => r.input);
        continue;
      }
      for (const pre of [false, true]) {
        bad.check(specifierContains(spec.value, a, pre) === expected(r.specifier_contains, pre), () => `${r.input} pre=${pre}`);
      }
      if (typeof r.version_compare === 'boolean') {
        const va = parseVersion(a);
        const vb = parseVersion(b);
        bad.check(!!va && !!vb && COMPARE[op]?.(compareVersions(va, vb)) === r.version_compare, () => r.input);
      }
    }
    expect(bad.count).toBeGreaterThan(10);
    bad.assertNone();
  });
});
