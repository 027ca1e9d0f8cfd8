/**
 * Hostile input: deep nesting (100,000 levels), dotted keys, alias bombs, custom tags, long
 * lines and large lists. Every parser returns (never throws, never hangs) with a diagnostic
 * where the input is refused, and stays linear where it is not.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedFormat } from '../../src/model/manifest.js';
import { parseConda } from '../../src/formats/conda/parse.js';
import { parsePipfile } from '../../src/formats/pipfile/parse.js';
import { expandDependencyGroup, parsePyproject } from '../../src/formats/pyproject/parse.js';
import { parseSetupCfg } from '../../src/formats/setup-cfg/parse.js';

const N = 100_000;
/** Generous (this runs beside other suites on a busy machine); quadratic behaviour would take minutes. */
const BUDGET_MS = 10_000;
const TIMEOUT = 60_000;

function timed(parse: () => ParsedFormat): { m: ParsedFormat; ms: number } {
  const start = performance.now();
  const m = parse();
  return { m, ms: performance.now() - start };
}

const toml = (t: string) => parsePyproject(t, { path: 'pyproject.toml' });
const yaml = (t: string) => parseConda(t, { path: 'environment.yml' });
const cfg = (t: string) => parseSetupCfg(t, { path: 'setup.cfg' });

const REFUSED: Array<[string, () => ParsedFormat, string]> = [
  ['TOML arrays nested 100,000 deep', () => toml(`a = ${'['.repeat(N)}${']'.repeat(N)}`), 'invalid-toml'],
  ['TOML inline tables nested 100,000 deep', () => toml(`a = ${'{b='.repeat(N)}1${'}'.repeat(N)}`), 'invalid-toml'],
  ['a dotted key of 100,000 parts', () => toml(`a${'.a'.repeat(N)} = 1`), 'invalid-toml'],
  ['a table header of 100,000 parts', () => toml(`[a${'.a'.repeat(N)}]\nx = 1`), 'invalid-toml'],
  ['an array-of-tables header of 100,000 parts', () => toml(`[[a${'.a'.repeat(N)}]]\nx = 1`), 'invalid-toml'],
  ['a Pipfile entry nested 100,000 deep', () => parsePipfile(`[packages]\na = ${'{b='.repeat(N)}1${'}'.repeat(N)}`, { path: 'Pipfile' }), 'invalid-toml'],
  ['an unterminated 2 MB TOML string', () => toml(`a = "${'x'.repeat(2_000_000)}`), 'invalid-toml'],
  ['YAML flow collections nested 100,000 deep', () => yaml(`dependencies: ${'['.repeat(N)}${']'.repeat(N)}`), 'invalid-yaml'],
  ['YAML block sequences nested 3,000 deep', () => yaml(`dependencies:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x`), 'invalid-yaml'],
  ['setup.cfg lines with 1 MB of inner whitespace', () => cfg(`[options]\ninstall_requires = a${' '.repeat(1_000_000)}b\nx${' '.repeat(1_000_000)}y\n`), 'invalid-requirement'],
  ['a setup.cfg section header without its bracket', () => cfg(`[${'a'.repeat(1_000_000)}\nx = 1\n`), 'invalid-ini'],
];

describe('refused with a diagnostic, quickly', () => {
  it.each(REFUSED)('%s', (_label, parse, code) => {
    const { m, ms } = timed(parse);
    expect(m.declarations).toEqual([]);
    expect(m.diagnostics.map((d) => d.code)).toContain(code);
    expect(ms).toBeLessThan(BUDGET_MS);
  }, TIMEOUT);
});

describe('read, in linear time', () => {
  it('a billion-laughs alias bomb is never expanded', () => {
    const levels = 'abcdefghij';
    const lines = [`a: &a [${Array(9).fill('"lol"').join(',')}]`];
    for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]`);
    const { m, ms } = timed(() => yaml(`${lines.join('\n')}\ndependencies: [*j, numpy]\n`));
    expect(m.declarations.map((d) => d.name)).toEqual(['numpy']);
    expect(m.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-value' })]);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('20,000 aliases of a name anchored 1,000 times resolve by lookup', () => {
    const text = `x0: &a numpy\n${Array.from({ length: 1000 }, (_, i) => `x${i + 1}: &a scipy${i}\n`).join('')}dependencies:\n${'  - *a\n'.repeat(20_000)}`;
    const { m, ms } = timed(() => yaml(text));
    expect(m.declarations).toHaveLength(20_000);
    expect(m.declarations[0]!.name).toBe('scipy999');
    expect(ms).toBeLessThan(BUDGET_MS);
  }, TIMEOUT);

  it('custom tags are warnings', () => {
    const { m } = timed(() => yaml('dependencies:\n  - !!python/object/apply:os.system ["rm -rf /"]\n  - !include other.yml\n  - numpy\n'));
    expect(m.diagnostics.map((d) => d.code)).toEqual(['yaml-unknown-tag', 'invalid-value', 'yaml-unknown-tag']);
    expect(m.declarations.map((d) => d.name)).toEqual(['other.yml', 'numpy']);
  });

  it('long MatchSpecs are refused, not matched with quadratic regexes', () => {
    const { m, ms } = timed(() => yaml(`dependencies:\n  - "a[${'b'.repeat(200_000)}]"\n  - "a ${'1 '.repeat(100_000)}"\n  - ok\n`));
    expect(m.declarations.map((d) => d.name)).toEqual(['ok']);
    expect(m.diagnostics.map((d) => d.code)).toEqual(['invalid-matchspec', 'invalid-matchspec']);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it.each<[string, () => ParsedFormat, number]>([
    ['20,000 pyproject dependencies', () => toml(`[project]\ndependencies = [\n${'  "requests>=2.31; python_version >= \'3.8\'",\n'.repeat(20_000)}]\n`), 20_000],
    ['20,000 chained dependency groups', () => toml(`[dependency-groups]\n${Array.from({ length: 20_000 }, (_, i) => `g${i} = ["x${i}", {include-group = "g${i + 1}"}]`).join('\n')}\ng20000 = []\n`), 20_000],
    ['40,000 setup.cfg lines', () => cfg(`[options]\ninstall_requires =\n${'  requests>=2\n'.repeat(40_000)}`), 40_000],
    ['60,000 items on one setup.cfg line', () => cfg(`[options]\ninstall_requires = ${'a;'.repeat(60_000)}\n`), 60_000],
    ['10,000 pip: lines', () => yaml(`dependencies:\n  - pip:\n${'    - requests==2.31\n'.repeat(10_000)}`), 10_000],
    ['a 1 MB Poetry constraint', () => toml(`[tool.poetry.dependencies]\na = "${'>=1 '.repeat(100_000)}"\nb = "${' '.repeat(1_000_000)}x"\nc = "${'|'.repeat(100_000)}"\n`), 1],
  ])('%s', (_label, parse, count) => {
    const { m, ms } = timed(parse);
    expect(m.declarations).toHaveLength(count);
    expect(ms).toBeLessThan(BUDGET_MS);
  }, TIMEOUT);

  it('an include-group ring of 20,000 groups is one cycle diagnostic', () => {
    const { m, ms } = timed(() => toml(`[dependency-groups]\n${Array.from({ length: 20_000 }, (_, i) => `g${i} = [{include-group = "g${(i + 1) % 20_000}"}]`).join('\n')}\n`));
    expect(m.diagnostics.map((d) => d.code)).toEqual(['include-group-cycle']);
    const p = m as ReturnType<typeof parsePyproject>;
    expect(expandDependencyGroup(p.dependencyGroups, p.declarations, 'g0').ok).toBe(false);
    expect(ms).toBeLessThan(BUDGET_MS);
  }, TIMEOUT);

  it('an interpolation bomb is cut off', () => {
    const vars = Array.from({ length: 10 }, (_, i) => `v${i} = %(v${i + 1})s%(v${i + 1})s`).join('\n');
    const { m, ms } = timed(() => cfg(`[options]\n${vars}\nv10 = ${'x'.repeat(10_000)}\ninstall_requires = %(v0)s\n`));
    expect(m.diagnostics.map((d) => d.code)).toEqual(['invalid-ini']);
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
