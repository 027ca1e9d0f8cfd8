import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSpecifierSet, specifierSetsSatisfiable, type Specifier } from '../../src/pep440/index.js';
import { jointlySatisfiable, mentionsPrerelease } from '../../src/rules/unsatisfiable.js';
import { exactPin } from '../../src/analysis/pins.js';
import { loadGolden } from '../pep440/golden-helpers.js';
import { ruleTester } from './rule-tester.js';
import { goldenOf, PAIRS, pairTables } from './spec-pairs.js';

const shape = (specifier: string, services: string[], marker: string | null = null) => ({ specifier, marker, services });
const pairs = pairTables('unsatisfiable', (_, g) => ({ clashes: [[shape(g.a_str, ['svc-a']), shape(g.b_str, ['svc-b'])]] }));

ruleTester('unsatisfiable', {
  valid: [
    ...pairs.valid,
    {
      name: 'markers that can never both hold',
      files: { 'a/requirements.txt': 'numpy<2; python_version < "3.9"\n', 'b/requirements.txt': 'numpy>=2.0; python_version >= "3.9"\n' },
    },
    { name: 'no specifier at all', files: { 'a/requirements.txt': 'numpy\n', 'b/requirements.txt': 'numpy<1\n' } },
    { name: 'one declaration', files: { 'a/requirements.txt': 'numpy<2\n' } },
    { name: 'three ranges with a common version', files: { 'a/requirements.txt': 'pkg>=1\n', 'b/requirements.txt': 'pkg<3,!=2.0\n', 'c/requirements.txt': 'pkg~=2.0\n' } },
  ],
  invalid: [
    ...pairs.invalid,
    {
      name: 'numpy<2 vs numpy>=2.0 with the message',
      files: { 'a/requirements.txt': 'numpy<2\n', 'b/requirements.txt': '\nnumpy>=2.0\n' },
      findings: [
        {
          package: 'numpy',
          message: 'no version of numpy satisfies <2 (a) vs >=2.0 (b)',
          data: { clashes: [[shape('<2', ['a']), shape('>=2.0', ['b'])]] },
          locations: ['a/requirements.txt:1', 'b/requirements.txt:2'],
        },
      ],
    },
    {
      name: 'NumPy[extra] and numpy are one package',
      files: { 'a/requirements.txt': 'NumPy[dev]<2\n', 'b/requirements.txt': 'numpy>=2.0\n' },
      findings: [{ package: 'numpy', data: { clashes: [[shape('<2', ['a']), shape('>=2.0', ['b'])]] } }],
    },
    {
      name: 'markers that can both hold are compared',
      files: { 'a/requirements.txt': 'numpy<2; sys_platform == "linux"\n', 'b/requirements.txt': 'numpy>=2.0; python_version >= "3.9"\n' },
      findings: [
        {
          package: 'numpy',
          message: 'no version of numpy satisfies <2 ; sys_platform == "linux" (a) vs >=2.0 ; python_version >= "3.9" (b)',
          data: { clashes: [[shape('<2', ['a'], 'sys_platform == "linux"'), shape('>=2.0', ['b'], 'python_version >= "3.9"')]] },
        },
      ],
    },
    {
      name: 'only the clashing services are located',
      files: { 'a/requirements.txt': 'pkg<2\n', 'b/requirements.txt': 'pkg>=2\n', 'c/requirements.txt': 'pkg>=1.5\n', 'd/requirements.txt': 'pkg<2\n' },
      findings: [
        {
          package: 'pkg',
          data: { clashes: [[shape('<2', ['a', 'd']), shape('>=2', ['b'])]] },
          locations: ['a/requirements.txt:1', 'b/requirements.txt:1', 'd/requirements.txt:1'],
        },
      ],
    },
    {
      name: 'three sets that meet pairwise but not together (!= holes)',
      files: { 'a/requirements.txt': 'pkg>=1.0,<=1.1\n', 'b/requirements.txt': 'pkg>=1.1,<=1.2\n', 'c/requirements.txt': 'pkg!=1.1\n' },
      findings: [
        {
          package: 'pkg',
          message: 'no version of pkg satisfies all of <=1.1,>=1.0 (a), <=1.2,>=1.1 (b), !=1.1 (c) together',
          data: { clashes: [[shape('<=1.1,>=1.0', ['a']), shape('<=1.2,>=1.1', ['b']), shape('!=1.1', ['c'])]] },
          locations: ['a/requirements.txt:1', 'b/requirements.txt:1', 'c/requirements.txt:1'],
        },
      ],
    },
    {
      name: 'two different pins and a range: the range clashes with one pin',
      files: { 'a/requirements.txt': 'pkg==1.0\n', 'b/requirements.txt': 'pkg==2.0\n', 'c/requirements.txt': 'pkg>=1.5\n' },
      findings: [{ package: 'pkg', data: { clashes: [[shape('==1.0', ['a']), shape('>=1.5', ['c'])]] } }],
    },
    {
      name: 'a service against its base',
      files: { 'base/requirements.txt': 'numpy<2\n', 'a/requirements.txt': '-r ../base/requirements.txt\nnumpy>=2\n' },
      findings: [{ package: 'numpy', data: { clashes: [[shape('>=2', ['a']), shape('<2', ['a'])]] }, locations: ['a/requirements.txt:2', 'base/requirements.txt:1'] }],
    },
    {
      name: 'a constraint the requirement cannot meet',
      files: { 'constraints.txt': 'numpy<2\n', 'a/requirements.txt': '-c ../constraints.txt\nnumpy>=2\n' },
      findings: [{ package: 'numpy', data: { clashes: [[shape('>=2', ['a']), shape('<2', ['a'])]] } }],
    },
  ],
});

const sets = (a: string, b: string): Specifier[][] =>
  [a, b].map((s) => {
    const r = parseSpecifierSet(s);
    if (!r.ok) throw new Error(`${s}: ${r.error}`);
    return r.value;
  });

describe('unsatisfiable agrees with packaging 26.2 (spec-pairs.golden.json)', () => {
  it.each(PAIRS.map((c) => [`${c.a} vs ${c.b}`, c] as const))('%s', (_, c) => {
    const g = goldenOf(c);
    expect(jointlySatisfiable(sets(c.a, c.b))).toBe(g.satisfiable);
    expect(sets(c.a, c.b).some(mentionsPrerelease)).toBe(g.prereleases);
  });

  const python = spawnSync('python3', ['-c', 'import packaging; assert packaging.__version__ == "26.2"']);
  it.skipIf(python.status !== 0)('packaging accepts every witness depaudit gives', () => {
    const items = PAIRS.flatMap((c) => {
      const s = sets(c.a, c.b);
      const prereleases = s.some(mentionsPrerelease);
      const r = specifierSetsSatisfiable(s, { prereleases });
      return r.witness === undefined ? [] : [{ sets: [c.a, c.b], witness: r.witness, prereleases }];
    });
    expect(items.length).toBeGreaterThan(20);
    const run = spawnSync('python3', ['scripts/oracle/gen-rule-goldens.py', '--check-witnesses'], { input: JSON.stringify(items), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const verdicts = JSON.parse(run.stdout) as boolean[];
    expect(items.filter((_, i) => !verdicts[i])).toEqual([]);
  });
});

describe('jointlySatisfiable: a pin every set admits decides without the interval search', () => {
  // The fast path may only ever agree with the search: every golden case checked against packaging.
  const cases = loadGolden<{ sets: string[] }>('satisfiable.json');
  const parsed = cases.map(({ sets }) => sets.map((t) => {
    const r = parseSpecifierSet(t);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }));
  it(`answers as specifierSetsSatisfiable does on all ${cases.length} golden cases (${parsed.filter((sets) => sets.some((s) => exactPin(s))).length} with a pin)`, () => {
    const differ = parsed.filter((sets) => jointlySatisfiable(sets) !== specifierSetsSatisfiable(sets, { prereleases: sets.some(mentionsPrerelease) }).satisfiable);
    expect(differ.map((sets) => sets.map((s) => s.map((x) => x.operator + x.version).join(',')))).toEqual([]);
  });
});

describe('jointlySatisfiable: a plain pin against a set decides by whether the set admits it', () => {
  // The shortcut (src/rules/unsatisfiable.ts decidedByPin) must agree with the interval search on
  // every pair, including the ones it declines (local labels, `===`, wildcards) and pre-, post- and
  // dev releases, where `>V`, `<V` and `!=V` treat V's neighbours specially.
  const release = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }).map((r) => r.join('.'));
  const version = fc
    .tuple(
      fc.constantFrom('', '', '', '1!'),
      release,
      fc.constantFrom('', '', 'a1', 'rc0', 'b2'),
      fc.constantFrom('', '', '.post1'),
      fc.constantFrom('', '', '.dev0'),
      fc.constantFrom('', '', '', '+cpu', '+local.1'),
    )
    .map((parts) => parts.join(''));
  const spec = fc.oneof(
    fc.tuple(fc.constantFrom('==', '!=', '>=', '<=', '>', '<', '==='), version).map(([op, v]) => `${op}${v}`),
    fc.tuple(fc.constantFrom('==', '!='), release).map(([op, v]) => `${op}${v}.*`),
    fc.tuple(release.filter((r) => r.includes('.'))).map(([v]) => `~=${v}`),
  );
  const set = fc.array(spec, { minLength: 1, maxLength: 3 }).map((specs) => specs.join(','));
  const parse = (text: string): Specifier[] | null => {
    const r = parseSpecifierSet(text);
    return r.ok ? r.value : null;
  };
  it('equals specifierSetsSatisfiable (fast-check)', () => {
    fc.assert(
      fc.property(version, set, fc.boolean(), (pinned, other, pinFirst) => {
        const pin = parse(`==${pinned}`);
        const rest = parse(other);
        fc.pre(pin !== null && rest !== null);
        const sets = pinFirst ? [pin!, rest!] : [rest!, pin!];
        const full = specifierSetsSatisfiable(sets, { prereleases: sets.some(mentionsPrerelease) }).satisfiable;
        expect(jointlySatisfiable(sets)).toBe(full);
      }),
      { numRuns: 4000 },
    );
  });
});
