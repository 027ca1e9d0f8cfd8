/**
 * fast-check properties of the format parsers: none throws on arbitrary input, every
 * declaration points at its own text, TOML positions agree with smol-toml on generated files,
 * and Poetry's caret/tilde ranges hold their lower bound and exclude their upper bound.
 */
import fc from 'fast-check';
import { parse as parseToml, stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import type { ParsedFormat } from '../../src/model/manifest.js';
import { parseSpecifierSet, parseVersion, specifierSetContains } from '../../src/pep440/index.js';
import { parseRequirement } from '../../src/pep508/index.js';
import { parseConda } from '../../src/formats/conda/parse.js';
import { parseMatchSpec } from '../../src/formats/conda/matchspec.js';
import { condaVersionToPep440 } from '../../src/formats/conda/version.js';
import { parsePipfile } from '../../src/formats/pipfile/parse.js';
import { convertPoetryConstraint } from '../../src/formats/pyproject/poetry-constraint.js';
import { parsePyproject } from '../../src/formats/pyproject/parse.js';
import { parseSetupCfg } from '../../src/formats/setup-cfg/parse.js';
import { parseSetupPy } from '../../src/formats/setup-py/parse.js';

const OPTS = { seed: 735, numRuns: 400 };

/** Pieces of every format's syntax, so random strings reach the interesting paths. */
const FRAGMENTS = [
  '[project]', '[tool.poetry.dependencies]', '[dependency-groups]', '[[source]]', '[packages]', '[options]', '[options.extras_require]',
  'dependencies', 'dependencies:', 'install_requires', 'pip:', '- ', '  - ', 'dependencies = [', ']', '[', '{', '}', '{include-group = "a"}',
  ' = ', '=', ':', ',', '"', "'", '"""', "'''", '\\', '\\u00e9', '#', ';', '\n', '\r\n', '\r', '\t', ' ', '    ', '\uFEFF',
  'requests>=2', 'a', 'b', 'x.y', '^1.2', '~1', '*', '1.2.*', '||', 'python', 'version', 'extras', 'markers', 'git', 'path',
  'python_version < "3.8"', '%(a)s', '%', 'file:', '&a', '*a', '!tag', '---', '-r x.txt', '-e .', 'numpy=1.2=py_0', 'ch::pkg',
  '__proto__', 'constructor', 'é', '😀', '\u2028', '\x0c',
];
const fragmentText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((p) => p.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), fragmentText);

type Parser = (text: string) => ParsedFormat;
const PARSERS: Array<[string, Parser]> = [
  ['pyproject', (t) => parsePyproject(t, { path: 'a/pyproject.toml' })],
  ['Pipfile', (t) => parsePipfile(t, { path: 'a/Pipfile' })],
  ['setup.cfg', (t) => parseSetupCfg(t, { path: 'a/setup.cfg' })],
  ['conda', (t) => parseConda(t, { path: 'a/environment.yml' })],
  ['setup.py', (t) => parseSetupPy(t, { path: 'a/setup.py' })],
];

function checkShape(m: ParsedFormat, text: string): void {
  expect(m.text).toBe(text);
  for (const d of m.declarations) {
    expect(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= text.length).toBe(true);
    expect(text.slice(d.span.start, d.span.end)).toBe(d.text);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.endLine).toBeGreaterThanOrEqual(d.line);
  }
  for (const diag of m.diagnostics) expect(diag.line).toBeGreaterThanOrEqual(0);
}

describe('no parser throws, and declarations point at their text', () => {
  it.each(PARSERS)('%s', (_name, parse) => {
    fc.assert(fc.property(anyText, (text) => checkShape(parse(text), text)), OPTS);
  });

  it('MatchSpecs and conda version specs', () => {
    const spec = fc.array(fc.constantFrom('numpy', 'a', '=', '==', '>=', '<', '!', '~', ',', '|', '*', '.', '1', '2', ' ', '[', ']', "'", '"', 'version=', 'build=', '::', ':', '#', '(', ')', '-', '.tar.bz2', '/', 'py_0'), { maxLength: 20 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(spec, fc.string({ maxLength: 40 })), (s) => {
        const r = parseMatchSpec(s);
        if (r.ok && r.value.version !== null) condaVersionToPep440(r.value.version);
        condaVersionToPep440(s);
      }),
      OPTS,
    );
  });
});

describe('TOML positions agree with smol-toml', () => {
  const requirement = fc
    .tuple(fc.constantFrom('requests', 'Foo.Bar', 'x'), fc.constantFrom('', '[a]', ' [a, b]'), fc.constantFrom('', '>=1', ' == 2.*', '>=1,<2'), fc.constantFrom('', "; os_name == 'nt'", ' ; python_version < "3.9"'))
    .map((p) => p.join(''));
  const item = fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
    { arbitrary: requirement, weight: 3 },
    { arbitrary: fc.constantFrom('bad==', 'a"b', "it's", 'back\\slash', 'tab\there', 'nl\nhere', '"""', "'''"), weight: 1 },
  );
  /** A TOML string for `s` in one of the four forms, or null when that form cannot hold it. */
  const quote = (s: string, form: number): string | null => {
    if (form === 1 && !/['\n\r\u0000-\u0008\u000b-\u001f\u007f]/.test(s)) return `'${s}'`;
    if (form === 2 && !s.includes("'''") && !s.endsWith("'") && !/[\r\u0000-\u0008\u000b-\u001f\u007f]/.test(s)) return `'''${s}'''`;
    if (form === 3) return `"""${stringify({ x: s }).slice(5, -1)}"""`;
    return stringify({ x: s }).slice(4);
  };
  const layout = fc.constantFrom(' ', '\n  ', ' # comment\n  ', '\r\n', '\t');

  it('every valid string is declared once, in order, at the source of its value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(item, fc.integer({ min: 0, max: 3 }), layout), { maxLength: 8 }), (items) => {
        const written = items.map(([s, form, ws]) => [s, quote(s, form) ?? quote(s, 0)!, ws] as const);
        const text = `[project]\nname = "x"\ndependencies = [${written.map(([, q, ws]) => `${ws}${q}`).join(',')}\n]\n[dependency-groups]\ng = [${written.map(([, q]) => q).join(', ')}]\n`;
        let values: string[];
        try {
          values = (parseToml(text) as { project: { dependencies: string[] } }).project.dependencies;
        } catch {
          return; // a form smol-toml refuses (e.g. a multi-line string ending in a quote): nothing to compare
        }
        const m = parsePyproject(text, { path: 'p' });
        const valid = values.filter((v) => parseRequirement(v).ok);
        const main = m.declarations.filter((d) => d.group === 'main');
        expect(main.map((d) => d.requirement)).toEqual(valid);
        for (const d of m.declarations) expect((parseToml(`x = ${d.text}`) as { x: string }).x).toBe(d.requirement);
        expect(m.diagnostics.filter((d) => d.code === 'invalid-requirement')).toHaveLength(2 * (values.length - valid.length));
      }),
      OPTS,
    );
  });
});

describe('Poetry ranges', () => {
  const release = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 4 });
  it('^v and ~v contain v and exclude their upper bound', () => {
    fc.assert(
      fc.property(release, fc.constantFrom('^', '~'), (parts, op) => {
        const v = parts.join('.');
        const c = convertPoetryConstraint(`${op}${v}`);
        expect(c.ok).toBe(true);
        if (!c.ok) return;
        const set = parseSpecifierSet(c.specifier);
        expect(set.ok).toBe(true);
        if (!set.ok) return;
        expect(specifierSetContains(set.value, parseVersion(v)!, false)).toBe(true);
        const upper = set.value.find((s) => s.operator === '<')!;
        expect(specifierSetContains(set.value, parseVersion(upper.version)!, false)).toBe(false);
      }),
      OPTS,
    );
  });
});
