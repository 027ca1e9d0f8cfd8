import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatVersion,
  parseSpecifierSet,
  parseVersion,
  specifierSetContains,
  specifierSetsSatisfiable,
  type Specifier,
} from '../../src/pep440/index.js';
import { goldenDir, loadGolden, Mismatches } from './golden-helpers.js';

interface SatCase {
  sets: string[];
  prereleases: boolean;
  packaging_unsatisfiable: boolean | string;
  pool_witness: string | null;
  source: string;
}

interface WitnessCheck {
  sets: string[];
  prereleases: boolean;
  witness: string;
  packaging_contains: boolean[];
}

function parseSets(texts: readonly string[]): Specifier[][] {
  return texts.map((t) => {
    const r = parseSpecifierSet(t);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });
}

const key = (sets: readonly string[], pre: boolean): string => `${JSON.stringify(sets)} pre=${pre}`;

// Witnesses found in this run; PEP440_DUMP_WITNESSES=FILE writes them for
// `python3 scripts/oracle/gen-pep440-goldens.py --witnesses FILE` to verify with packaging.
const found: { sets: string[]; prereleases: boolean; witness: string }[] = [];
afterAll(() => {
  const out = process.env['PEP440_DUMP_WITNESSES'];
  if (out) writeFileSync(out, JSON.stringify(found, null, 1));
});

function solve(sets: string[], prereleases: boolean) {
  const r = specifierSetsSatisfiable(parseSets(sets), { prereleases });
  if (r.witness !== undefined) found.push({ sets, prereleases, witness: r.witness });
  return r;
}

/**
 * Cases where packaging 26.2's SpecifierSet.is_unsatisfiable() says "satisfiable" although
 * no version is contained (its interval model drifts from its own contains()). Each was
 * checked by hand; none of the ~1000-version sample pool satisfies them either.
 */
const PACKAGING_MISSES_UNSAT = new Set(
  [
    // >1.0 sorts its boundary by base version only, so it seems to overlap 1.0.postN ranges;
    // but >1.0 excludes every 1.0.postN and 1.0+local.
    [['>1.0', '<=1.0.post1'], 'both'],
    [['==1.0.post1', '>1.0'], 'both'],
    [['>1.0', '==1.0.post1'], 'both'],
    [['==1.0.*', '>1.0', '==1.0.post1,~=1.0a1'], 'both'],
    [['==1.0.*,<=1.0.post1', '>1.0.0'], 'both'],
    [['>1.0a1', '<=1.0a1.post5'], 'both'],
    // The range between "after 1.0's locals" and 1.0.post0.dev0 holds no version.
    [['>=1.0,!=1.0', '<1.0.post0'], 'both'],
    // Nothing sorts below 0.dev0, and <=0.dev0 admits only pre-releases.
    [['<=0.dev0', '!=0.dev0'], 'both'],
    [['<=0.dev0'], false],
    [['!=0', '<=0'], false],
    // contains() reads ~= through the spelling (~=1.4.5.c1 means >=1.4.5rc1,==1.4.5.*;
    // ~=v1.4.5 and ~=1.4.5.c.1 match nothing); the interval model uses release[:-1].
    [['~=1.4.5.c1', '>=1.4.6'], 'both'],
    [['~=v1.4.5'], 'both'],
    [['~=1.4.5.c.1'], 'both'],
    [['~=1.4.5.c1.r1'], false],
    [['~=1.4.5.c1.r1', '>=1.4.5rc2'], 'both'],
  ].flatMap(([sets, pre]) =>
    (pre === 'both' ? [true, false] : [pre as boolean]).map((p) => key(sets as string[], p)),
  ),
);

describe('specifierSetsSatisfiable against packaging 26.2', () => {
  const cases = loadGolden<SatCase>('satisfiable.json');
  const witnessFile = path.join(goldenDir, 'satisfiable-witnesses.json');
  const verified = new Map(
    (existsSync(witnessFile) ? loadGolden<WitnessCheck>('satisfiable-witnesses.json') : []).map((w) => [
      `${key(w.sets, w.prereleases)} ${w.witness}`,
      w.packaging_contains.every(Boolean),
    ]),
  );

  it('finds a witness whenever one exists, and every witness is real', () => {
    expect(cases.length).toBeGreaterThan(1000);
    const bad = new Mismatches('satisfiability cases');
    let unconfirmed = 0;
    for (const c of cases) {
      const r = solve(c.sets, c.prereleases);
      const k = key(c.sets, c.prereleases);
      if (r.satisfiable) {
        const w = r.witness ?? '';
        const sets = parseSets(c.sets);
        bad.check(sets.every((s) => specifierSetContains(s, w, c.prereleases)), () => `${k}: bad witness ${w}`);
        const byPackaging = verified.get(`${k} ${w}`);
        if (byPackaging === undefined) unconfirmed++;
        else bad.check(byPackaging, () => `${k}: packaging rejects witness ${w}`);
      } else {
        bad.check(c.pool_witness === null, () => `${k}: unsatisfiable, but ${c.pool_witness} satisfies every set`);
      }
      if (r.satisfiable === (c.packaging_unsatisfiable === true)) {
        // Disagreeing with is_unsatisfiable() is fine when our witness proves it wrong...
        const proven = r.satisfiable;
        // ...or for the reviewed cases where it overlooks that nothing is contained.
        bad.check(proven || PACKAGING_MISSES_UNSAT.has(k), () => `${k}: ours ${r.satisfiable}, is_unsatisfiable() ${c.packaging_unsatisfiable}`);
      }
    }
    bad.assertNone();
    // A changed witness is still checked above (by specifierSetContains, itself checked
    // against packaging); refresh the packaging verdicts with:
    //   PEP440_DUMP_WITNESSES=/tmp/w.json npx vitest run test/pep440/satisfiable.test.ts
    //   python3 scripts/oracle/gen-pep440-goldens.py --witnesses /tmp/w.json
    expect(unconfirmed, 'witnesses not yet confirmed by packaging (see the comment above)').toBe(0);
  });
});

describe('specifierSetsSatisfiable: drift-rule table', () => {
  const table: [string[], boolean, boolean | string][] = [
    // [sets, prereleases, expected: false = unsatisfiable, true = satisfiable, or the witness]
    [['<2', '>=2.0'], true, false],
    [['~=1.10.2', '==2.5.0'], true, false],
    [['<2', '==2.0rc1'], true, false],
    [['<2', '==2.0rc1'], false, false],
    [['!=1.5', '==1.5'], true, false],
    [['<2', '>=1.20'], false, '1.20'],
    [['==1.0', '==1.0.0'], false, '1.0'],
    [['==1.0+cpu', '==1.0'], false, '1.0+cpu'],
    [['==1.0+cpu', '!=1.0'], false, false],
    [['==1.0+cpu', '>1.0'], false, false],
    [['==1.0+cpu', '<=1.0'], false, '1.0+cpu'],
    [['>=1.0', '<=1.0', '!=1.0'], true, false],
    [['>=1.0', '<=1.0', '!=1.0+a'], false, '1.0'],
    [['==1.0.*', '!=1.0'], false, '1.0.post0'],
    [['==1.0.*', '<1.0'], true, false],
    [['==1.*', '<=1.0'], false, '1'],
    [['~=1.4.5', '==1.5'], true, false],
    [['~=1.4.5', '<1.4.5'], true, false],
    [['>1.0', '<=1.0.post1'], true, false],
    [['>1.0', '<1.0.1'], false, '1.0.0.1'],
    [['>1.0'], false, '1.1'],
    [['>1.0', '<1.0.0.0.0.1'], false, '1.0.0.0.0.0.1'],
    [['>=1.0a1.post1', '<=1.0'], false, '1.0'],
    [['>=1.0a1', '<1.0'], false, false],
    [['>=1.0a1', '<1.0'], true, false],
    [['>=1.0a1', '<=1.0'], true, '1.0'],
    [['>=1.0a1', '<1.0rc1'], true, '1.0a1'],
    [['==1.0a1'], false, false],
    [['~=1.0a1'], false, '1.0'],
    [['>1.0.dev1', '<1.0.dev2'], true, false],
    [['>1.0.dev1', '<1.0.dev3'], true, '1.0.dev2'],
    [['>2.0.post1', '<2.0.post2'], true, false],
    [['>1.0a1', '<1.0a2'], true, '1.0a2.dev0'],
    [['==2!1.0', '<2'], true, false],
    [['<2!0', '>=5'], false, '5'],
    [['<0'], true, false],
    [['<0.post0'], false, '0'],
    [['==1.0+abc', '!=1.0+abc'], true, false],
    [['==1.0', '!=1.0+a', '!=1.0'], true, false],
    [['===1.0', '==1.0.0'], false, '1.0'],
    [['===1.0.0', '===1.0'], true, false],
    [['===foo', ''], false, 'foo'],
    [['===foo', '>=1'], true, false],
    [['===FOO', '===foo'], false, 'FOO'],
    [['===1.0a1'], false, false],
    [['===1.0a1'], true, '1.0a1'],
    [[], false, '0'],
    [['', ''], true, '0'],
    [['~=1.4.5.c1'], true, '1.4.5'],
    [['~=1.4.5.c1', '<1.4.5'], true, false],
    [['~=1.4.5.c1', '<=1.4.5'], true, '1.4.5'],
    [['~=1.4.5.c1', '<1.4.5rc2'], true, '1.4.5rc1'],
    [['~=v1.4.5'], true, false],
    [['~=1.4.5.Post1.Dev1'], true, '1.4.5.post1'],
    [['~=1.4.5.Post1.Dev1', '<1.4.5.post1'], true, false],
    [['~=1.4.5.Post1.Dev1', '<1.4.5.post1.dev3'], true, '1.4.5.post1.dev1'],
    [['>=3.8', '!=3.9.*', '!=3.10.0', '!=3.10.1', '~=3.10.2', '<3.14', '!=3.11.0'], false, '3.10.2'],
    [['>=1.0', '!=1.0', '!=1.0.post0', '<=1.0.post1'], false, '1.0.post1'],
    [['>=1.0', '!=1.0', '!=1.0.post0', '<1.0.post1'], true, '1.0.post0.dev0'],
    [['>=1.0', '!=1.0', '!=1.0.post0', '<1.0.post1'], false, false],
  ];
  for (const [sets, pre, want] of table) {
    it(`${JSON.stringify(sets)} prereleases=${pre}`, () => {
      const r = solve(sets, pre);
      if (typeof want === 'string') expect(r).toEqual({ satisfiable: true, witness: want });
      else expect(r.satisfiable).toBe(want);
    });
  }

  it('is not exponential: 300 clauses, many of them !=', () => {
    const clauses = Array.from({ length: 300 }, (_, i) => (i % 3 ? `!=1.${i}` : `!=1.${i}.*`));
    const start = performance.now();
    const r = specifierSetsSatisfiable(parseSets([...clauses, '>=1.0', '<2']), { prereleases: false });
    expect(r.satisfiable).toBe(true);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

// ---------------------------------------------------------------------------------------
// Properties: an "unsatisfiable" verdict is never contradicted by a version near any bound,
// and a witness always satisfies every set.
// ---------------------------------------------------------------------------------------
const small = fc.integer({ min: 0, max: 3 });
const releaseArb = fc.array(small, { minLength: 1, maxLength: 4 });
const versionArb = fc
  .record({
    epoch: fc.constantFrom(0, 0, 0, 1),
    release: releaseArb,
    pre: fc.option(fc.tuple(fc.constantFrom('a' as const, 'b' as const, 'rc' as const), small), { freq: 3 }),
    post: fc.option(small, { freq: 3 }),
    dev: fc.option(small, { freq: 3 }),
    local: fc.option(fc.constantFrom<(string | number)[]>(['abc'], [1], ['abc', 0], ['0abc'], [0]), { freq: 4 }),
  })
  .map((v) => formatVersion(v));

const specArb = fc
  .tuple(fc.constantFrom('~=', '==', '!=', '<=', '>=', '<', '>', '===', '==*', '!=*'), versionArb, releaseArb)
  .map(([op, v, release]) => {
    if (op === '==*' || op === '!=*') return `${op.slice(0, 2)}${release.join('.')}.*`;
    if (op === '~=') return `~=${[...release, 1].join('.')}${v.includes('a') ? 'a1' : ''}`;
    if (op !== '==' && op !== '!=' && op !== '===') return op + v.split('+')[0];
    return op + v;
  });

const setsArb = fc.array(
  fc.array(specArb, { minLength: 1, maxLength: 3 }).map((specs) => specs.join(',')),
  { minLength: 1, maxLength: 3 },
);

/** Versions around every bound: the bound itself and its pre/post/dev/local/longer neighbours. */
function neighbours(sets: Specifier[][]): string[] {
  const out = ['0', '0.dev0', '0+abc'];
  for (const spec of sets.flat()) {
    const base = spec.version.replace(/\.\*$/, '');
    const v = parseVersion(base);
    if (!v) {
      out.push(spec.version);
      continue;
    }
    const pub = formatVersion({ ...v, local: null });
    const rel = `${v.epoch ? `${v.epoch}!` : ''}${v.release.join('.')}`;
    out.push(formatVersion(v), pub, `${pub}+abc`, `${pub}+zzz.9`, `${rel}.post0`, `${rel}.post1`, `${rel}.dev0`);
    out.push(`${rel}a0`, `${rel}a1`, `${rel}rc9`, `${rel}.0.0.1`, `${rel}.1`, `${rel}.1.dev0`, `${rel}.9`);
    if (v.post !== null) out.push(`${rel}.post${v.post + 1}`, `${rel}.post${v.post + 1}.dev0`);
    if (v.dev !== null) out.push(formatVersion({ ...v, dev: v.dev + 1, local: null }));
    if (v.pre) out.push(formatVersion({ ...v, pre: [v.pre[0], v.pre[1] + 1], post: null, dev: 0, local: null }));
    const bumped = [...v.release.slice(0, -1), (v.release[v.release.length - 1] ?? 0) + 1];
    out.push(`${v.epoch ? `${v.epoch}!` : ''}${bumped.join('.')}.dev0`, `${v.epoch ? `${v.epoch}!` : ''}${bumped.join('.')}`);
  }
  return out;
}

describe('specifierSetsSatisfiable properties (fast-check)', () => {
  it('a witness satisfies every set; "unsatisfiable" survives random and boundary versions', () => {
    fc.assert(
      fc.property(setsArb, fc.array(versionArb, { maxLength: 30 }), fc.boolean(), (texts, randoms, pre) => {
        const sets = texts.map((t) => parseSpecifierSet(t)).flatMap((r) => (r.ok ? [r.value] : []));
        const r = specifierSetsSatisfiable(sets, { prereleases: pre });
        if (r.satisfiable) {
          return sets.every((s) => specifierSetContains(s, r.witness ?? '', pre));
        }
        const probes = [...randoms, ...neighbours(sets)];
        return probes.every((v) => !sets.every((s) => specifierSetContains(s, v, pre)));
      }),
      { numRuns: 3000, seed: 440 },
    );
  });

  it('agrees with a brute-force search over every small version', () => {
    // All versions with epoch 0, release of up to 2 segments in 0..2, and the common suffixes.
    const universe: string[] = [];
    for (const rel of ['0', '1', '2', '0.1', '1.0', '1.1', '1.2', '2.0', '2.1']) {
      for (const suffix of ['', '.dev0', '.dev1', 'a0', 'a1', 'a1.post0', 'b1', 'rc1', '.post0', '.post1', '.post1.dev0']) {
        universe.push(rel + suffix, `${rel}${suffix}+abc`);
      }
    }
    const smallSpec = fc
      .tuple(fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~='), fc.constantFrom(...universe.filter((u) => !u.includes('+'))))
      .filter(([op, v]) => op !== '~=' || /^[0-9]+\.[0-9]/.test(v))
      .map(([op, v]) => op + v);
    fc.assert(
      fc.property(fc.array(smallSpec, { minLength: 1, maxLength: 4 }), fc.boolean(), (specs, pre) => {
        const sets = parseSets(specs);
        const r = specifierSetsSatisfiable(sets, { prereleases: pre });
        const brute = universe.find((v) => sets.every((s) => specifierSetContains(s, v, pre)));
        // The universe is a subset of all versions: brute success implies satisfiable.
        return brute === undefined || r.satisfiable;
      }),
      { numRuns: 5000, seed: 441 },
    );
  });
});
