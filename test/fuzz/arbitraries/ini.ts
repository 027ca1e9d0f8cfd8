/**
 * setup.cfg files as configparser and setuptools read them: `[options]` lists on one line
 * (split on `;`) or many (indented continuations, blank lines and comment lines inside),
 * `[options.extras_require]`, `[DEFAULT]`, `%(name)s` interpolation (and its bombs and
 * errors), `file:` directives, dash-separated keys, duplicate sections and options.
 */
import fc, { type Arbitrary } from 'fast-check';
import { distinct, inputMix, joinLines, mostly, SPACE } from './common.js';
import { requirement, specifierSet, PEP_FRAGMENTS } from './pep.js';

const INDENT = fc.constantFrom('  ', '    ', '\t', ' ');
const interpolation = fc.constantFrom('%(base)s', '%(missing)s', '%%', '%', '%(', '%(base)d', '%(bomb)s', '%(self)s');
const item = fc.oneof(
  { weight: 16, arbitrary: requirement },
  { weight: 1, arbitrary: interpolation },
  { weight: 1, arbitrary: fc.constantFrom('# commented', '; x', 'file: requirements.txt', '', 'requests # inline comment') },
);

/** A value: one line (items joined by `;`) or an empty first line followed by indented item lines. */
const listValue: Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.array(item, { minLength: 1, maxLength: 3 }), fc.constantFrom(';', '; ', ' ;')).map(([items, s]) => [items.join(s)]),
  fc
    .tuple(fc.constantFrom('', ' '), fc.array(fc.tuple(INDENT, item), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom('', '# comment', '; comment', '  # indented comment'), { maxLength: 1 }))
    .map(([first, items, extra]) => [first, ...items.map(([i, t]) => i + t), ...extra]),
);

type KeyLines = { key: string; lines: string[] };
const keyLine = (k: Arbitrary<string>, v: Arbitrary<string[]>): Arbitrary<KeyLines> =>
  fc.tuple(k, SPACE, fc.constantFrom('=', ':', ' = ', ' : '), v).map(([key, ws, d, [first, ...rest]]) => ({ key, lines: [`${key}${ws}${d}${first}`, ...rest] }));

/** A section: its header, then options with distinct keys (configparser refuses a repeated one). */
const section = (header: string, options: Arbitrary<KeyLines>, maxLength = 4): Arbitrary<string[]> =>
  fc.uniqueArray(options, { maxLength, selector: (o) => o.key }).map((os) => [header, ...os.flatMap((o) => o.lines)]);

const OPTION_KEYS = fc.constantFrom('install_requires', 'setup_requires', 'tests_require', 'install-requires', 'tests-require');
const optionLines = fc.oneof(
  { weight: 5, arbitrary: keyLine(OPTION_KEYS, listValue) },
  { weight: 2, arbitrary: keyLine(fc.constantFrom('python_requires', 'python-requires'), mostly(specifierSet, fc.constantFrom('%(py)s', '3')).map((v) => [v])) },
  { weight: 1, arbitrary: keyLine(fc.constantFrom('base', 'py', 'bomb', 'self', 'packages'), fc.constantFrom(['requests'], ['>=3.8'], ['%(self)s'], ['%(base)s%(base)s%(base)s'], ['find:'])) },
);

const SECTIONS: Array<Arbitrary<string[]>> = [
  section('[options]', optionLines),
  section('[options.extras_require]', keyLine(fc.constantFrom('socks', 'dev', 'Test_Extra', '__proto__', 'a b'), listValue), 3),
  section('[DEFAULT]', keyLine(fc.constantFrom('base', 'py', 'bomb'), fc.constantFrom(['requests'], ['%(bomb)s%(bomb)s'], ['>=3.8'])), 2),
  fc.constantFrom(['[metadata]', 'name = x', 'version = attr: x.__version__'], ['[options.packages.find]', 'where = src'], ['[bdist_wheel]', 'universal = 1']),
  fc.constantFrom(['no section header'], ['[options'], ['[]'], ['[options] trailing'], ['= value without key'], ['  indented = x'], ['# just a comment']),
];

export const INI_FRAGMENTS = [
  ...PEP_FRAGMENTS, '[options]', '[options.extras_require]', '[DEFAULT]', 'install_requires', ' = ', '=', ':', ';', '#', '\n', '\n  ', '\r\n', '\r',
  '%(', ')s', '%%', '%(base)s', 'file:', '\t', '\u00a0', '\f', '\x85',
];

/** A setup.cfg. */
export const setupCfgText: Arbitrary<string> = inputMix(
  joinLines(distinct(SECTIONS.slice(0, -1), 3).chain((ss) => mostly(fc.constant(ss), fc.tuple(SECTIONS.at(-1)!, fc.boolean()).map(([junk, first]) => (first ? [junk, ...ss] : [...ss, junk])), 6)).map((s) => s.flat())),
  INI_FRAGMENTS,
);
