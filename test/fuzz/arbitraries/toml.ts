/**
 * TOML documents shaped like pyproject.toml and Pipfile: every table the readers look at
 * (PEP 621, PEP 735 groups with include-group cycles, build-system, Poetry, uv, Pipfile
 * categories, sources, requires), values in all four string forms, inline tables, arrays laid
 * out with comments and CRLF, dotted keys, `__proto__` keys, TOML 1.1 syntax and deep nesting.
 */
import fc, { type Arbitrary } from 'fast-check';
import { distinct, inputMix, mostly, nested, sometimes } from './common.js';
import { marker, name, requirement, specifierSet, url, version, PEP_FRAGMENTS } from './pep.js';

type Form = 'basic' | 'literal' | 'multi-basic' | 'multi-literal' | 'escaped';
const FORMS: Form[] = ['basic', 'literal', 'multi-basic', 'multi-literal', 'escaped'];
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** `s` as a TOML string in `form`; the escaped form writes its first character as `\uXXXX`. */
export function tomlString(s: string, form: Form): string {
  switch (form) {
    case 'literal':
      return `'${s}'`;
    case 'multi-basic':
      return `"""${s}"""`;
    case 'multi-literal':
      return `'''${s}'''`;
    case 'escaped':
      return s.length > 0 ? `"\\u${s.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(s.slice(1)).slice(1)}` : '""';
    default:
      return JSON.stringify(s);
  }
}

/** Whether `form` can hold `s` as written (JSON.stringify's escapes are valid TOML basic-string escapes). */
function fits(s: string, form: Form): boolean {
  if (form === 'literal') return !/['\r\n]/.test(s) && !CONTROL.test(s);
  if (form === 'multi-basic') return !/["\\]/.test(s) && !CONTROL.test(s.replace(/\n/g, ''));
  if (form === 'multi-literal') return !s.includes("'") && !CONTROL.test(s.replace(/\n/g, ''));
  return !/[\ud800-\udfff\u007f]/.test(s);
}

/** A TOML string holding what `inner` generates; a form that cannot hold it is kept one time in ten. */
const str = (inner: Arbitrary<string>): Arbitrary<string> =>
  fc
    .tuple(inner, mostly(fc.constant<Form>('basic'), fc.constantFrom(...FORMS), 1), sometimes(10))
    .map(([s, form, keepUnfit]) => tomlString(s, fits(s, form) || keepUnfit ? form : 'basic'));

/** A key: bare when it can be, otherwise (or sometimes anyway) quoted. */
const key = (k: Arbitrary<string>): Arbitrary<string> =>
  fc.tuple(k, fc.nat(9)).map(([s, f]) => (/^[A-Za-z0-9_-]+$/.test(s) && f < 7 ? s : f === 9 && fits(s, 'literal') ? `'${s}'` : tomlString(s, f === 8 ? 'escaped' : 'basic')));

const LAYOUT = fc.constantFrom(' ', '', '\n  ', '\n    ', ' # comment\n  ', '\r\n  ', '\n# full-line comment\n  ');

/** An array whose items come from `item`, with per-item layout and an optional trailing comma. */
const array = (item: Arbitrary<string>): Arbitrary<string> =>
  fc
    .tuple(fc.array(fc.tuple(LAYOUT, item), { maxLength: 5 }), fc.constantFrom('', ',', ',\n', '\n'))
    .map(([items, tail]) => `[${items.map(([ws, v]) => ws + v).join(',')}${items.length > 0 ? tail : ''}]`);

type Entry = [string, string];
const entry = (k: string | Arbitrary<string>, v: Arbitrary<string>): Arbitrary<Entry> => fc.tuple(typeof k === 'string' ? fc.constant(k) : k, v);
/** Entries with distinct keys (a repeated key is a TOML error; mutation still makes some). */
const entries = (choices: Array<Arbitrary<Entry>>, maxLength: number): Arbitrary<Entry[]> =>
  fc.uniqueArray(fc.oneof(...choices), { maxLength, selector: ([k]) => k });

const inlineTable = (es: Arbitrary<Entry[]>): Arbitrary<string> =>
  fc.tuple(es, fc.constantFrom(', ', ',', ' , ')).map(([list, comma]) => `{ ${list.map(([k, v]) => `${k} = ${v}`).join(comma)} }`);

/** A `[header]` table with some of `choices` as `key = value` lines. */
const table = (header: string | Arbitrary<string>, choices: Array<Arbitrary<Entry>>, maxLength = 5): Arbitrary<string> =>
  fc.tuple(typeof header === 'string' ? fc.constant(header) : header, entries(choices, maxLength)).map(([h, es]) => `${h}\n${es.map(([k, v]) => `${k} = ${v}\n`).join('')}`);

const reqString = str(mostly(requirement, fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), 12));
const reqArray = array(reqString);
const bool = mostly(fc.constantFrom('true', 'false'), fc.constantFrom('"true"', '1'));

/** Values that are not what any reader expects: numbers, dates, nesting past the caps, TOML 1.1. */
const junkValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('1', '-0.5e3', 'inf', 'nan', '0x1F', '1979-05-27T07:32:00Z', '07:32:00', '1979-05-27', '[1, "a"]', '{}', '[]') },
  { weight: 2, arbitrary: fc.constantFrom('{ a = 1, }', '{\n a = 1\n}', '"\\e"', '"\\x41"', '07:32', '"\\uD800"') },
  { weight: 1, arbitrary: nested('[', ']', '1') },
  { weight: 1, arbitrary: nested('{a = ', '}', '1') },
);
const junkEntries = [
  entry(key(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a.b', 'x')), junkValue),
  entry(fc.constantFrom('__proto__.polluted', 'a.b.c', 'constructor.prototype.x', '"a".b', 'a . b'), junkValue),
];
const junkTable = table(fc.constantFrom('[x]', '[__proto__]', '[tool.__proto__]', '[constructor.prototype]'), junkEntries, 3);

// ---- pyproject.toml

const groupName = fc.constantFrom('test', 'lint', 'dev', 'docs', 'Test_Group', '__proto__');
const groupItem = fc.oneof(
  { weight: 5, arbitrary: reqString },
  { weight: 2, arbitrary: groupName.map((g) => `{include-group = ${JSON.stringify(g)}}`) },
  { weight: 1, arbitrary: fc.constantFrom('{include-group = 1}', '{other = "x"}', '{}', '1') },
);

const poetryConstraint = fc.oneof(
  fc.constantFrom('*', '^1.2', '~1.2.3', '~=1.2', '^0.0.1', '1.2.*', '>=1,<2', '>= 1.2, < 1.5', '^1 || ^2', '^1|2.0', '==1.0', '1.0', '', 'latest', '^', '~', '>=1 <2'),
  version.map((v) => `^${v}`),
  specifierSet,
);
const poetryTableEntries = [
  entry('version', str(poetryConstraint)),
  entry('extras', array(str(fc.constantFrom('socks', 'security', 'a b')))),
  entry('optional', bool),
  entry('python', str(fc.constantFrom('^3.8', '>=3.7,<4', '~2.7 || ^3.6', '3.*', '!=3.9', '<3'))),
  entry('markers', str(marker)),
  entry('platform', str(fc.constantFrom('linux', 'darwin', 'win32', 'linux || darwin', '!win32'))),
  entry('allow-prereleases', bool),
  entry('source', str(fc.constantFrom('pypi', 'private', ''))),
  entry(fc.constantFrom('git', 'url', 'path', 'file'), str(fc.oneof(url, fc.constantFrom('../lib', './x.whl', '/abs', 'C:/x')))),
  entry(fc.constantFrom('branch', 'rev', 'tag', 'subdirectory'), str(fc.constantFrom('main', 'v1.0', '0123abc', 'sub/dir'))),
  entry('develop', bool),
];
const poetryValue = fc.oneof(
  { weight: 5, arbitrary: str(poetryConstraint) },
  { weight: 3, arbitrary: inlineTable(entries(poetryTableEntries, 4)) },
  { weight: 1, arbitrary: array(inlineTable(entries(poetryTableEntries, 3))) },
  { weight: 1, arbitrary: junkValue },
);
const poetryDeps = [entry(key(name), poetryValue), entry('python', str(poetryConstraint))];

const uvSource = inlineTable(
  entries(
    [
      entry(fc.constantFrom('git', 'url', 'path'), str(fc.oneof(url, fc.constant('../lib')))),
      entry(fc.constantFrom('workspace', 'editable'), bool),
      entry(fc.constantFrom('index', 'branch', 'tag', 'rev', 'marker'), str(fc.constantFrom('main', 'pytorch', "sys_platform == 'linux'"))),
    ],
    3,
  ),
);

const PYPROJECT_SECTIONS: Array<Arbitrary<string>> = [
  table('[project]', [
    entry('name', str(name)),
    entry('version', str(version)),
    entry('requires-python', str(fc.oneof(specifierSet, fc.constantFrom('>=3.8', '3.11', '^3.8', '')))),
    entry('dependencies', reqArray),
    entry('dependencies', reqArray),
    entry('dynamic', array(str(fc.constantFrom('version', 'dependencies', 'optional-dependencies', 'readme')))),
    entry('optional-dependencies', inlineTable(entries([entry(key(groupName), reqArray)], 2))),
    ...junkEntries,
  ]),
  table('[project.optional-dependencies]', [entry(key(fc.oneof(groupName, name)), reqArray)]),
  table('[build-system]', [entry('requires', reqArray), entry('build-backend', str(fc.constant('setuptools.build_meta')))]),
  table('[dependency-groups]', [entry(key(groupName), array(groupItem))]),
  table('[tool.poetry.dependencies]', poetryDeps, 6),
  table(fc.constantFrom('[tool.poetry.dev-dependencies]', '[tool.poetry.group.dev.dependencies]', '[tool.poetry.group.test.dependencies]'), poetryDeps, 6),
  table('[tool.poetry.extras]', [entry(key(groupName), array(str(name)))]),
  table('[[tool.poetry.source]]', [entry('name', str(name)), entry('url', str(url)), entry('priority', str(fc.constantFrom('primary', 'supplemental', 'explicit')))]),
  table('[tool.uv]', [entry(fc.constantFrom('dev-dependencies', 'constraint-dependencies', 'override-dependencies'), reqArray)]),
  table('[tool.uv.sources]', [entry(key(name), uvSource)]),
  fc.tuple(name, poetryValue).map(([n, v]) => `[tool]\npoetry.dependencies.${/^[A-Za-z0-9_-]+$/.test(n) ? n : JSON.stringify(n)} = ${v}\n`),
  junkTable,
];

export const TOML_FRAGMENTS = [
  ...PEP_FRAGMENTS, '[project]', '[tool.poetry.dependencies]', '[dependency-groups]', '[[source]]', '[packages]', 'dependencies', ' = ', '=',
  '"', "'", '"""', "'''", '\\', '\\u0072', '{', '}', '{include-group = "test"}', '#', '\n', '\r\n', '\r', '.', '__proto__', '[', ']', '\ufeff',
];

/** A pyproject.toml. */
export const pyprojectText: Arbitrary<string> = inputMix(distinct(PYPROJECT_SECTIONS, 5).map((s) => s.join('\n')), TOML_FRAGMENTS);

// ---- Pipfile

const pipfileTableEntries = [
  entry('version', str(fc.oneof(specifierSet, version, fc.constantFrom('*', '', ' * ')))),
  entry('extras', array(str(fc.constantFrom('socks', 'security', '')))),
  entry('markers', str(marker)),
  entry(fc.constantFrom('os_name', 'sys_platform', 'python_version', 'platform_machine', 'implementation_name'), str(mostly(fc.constantFrom("== 'nt'", "!= 'win32'", '>= "3.8"'), fc.constantFrom('bad', '')))),
  entry(fc.constantFrom('git', 'file', 'path'), str(fc.oneof(url, fc.constantFrom('.', '../lib', './x.whl')))),
  entry(fc.constantFrom('ref', 'subdirectory', 'index'), str(fc.constantFrom('main', 'v1', 'sub', 'pypi'))),
  entry('editable', bool),
];
const pipfileValue = fc.oneof(
  { weight: 5, arbitrary: str(fc.oneof(specifierSet, version, fc.constantFrom('*', '==1.0', ''))) },
  { weight: 3, arbitrary: inlineTable(entries(pipfileTableEntries, 4)) },
  { weight: 1, arbitrary: junkValue },
);
const packages = [entry(key(name), pipfileValue)];

const PIPFILE_SECTIONS: Array<Arbitrary<string>> = [
  table('[[source]]', [entry('url', str(url)), entry('verify_ssl', bool), entry('name', str(fc.constantFrom('pypi', 'private')))]),
  table('[[source]]', [entry('url', str(url)), entry('verify_ssl', bool)]),
  table('[packages]', packages, 6),
  table('[dev-packages]', packages, 6),
  table(key(fc.constantFrom('docs', 'tests', '__proto__', 'a.b')).map((k) => `[${k}]`), packages),
  table('[requires]', [entry(fc.constantFrom('python_version', 'python_full_version'), str(mostly(fc.constantFrom('3.11', '3.11.4', '3', '3.*'), fc.constantFrom('x', ''))))]),
  table(fc.constantFrom('[scripts]', '[pipenv]'), [entry('test', str(fc.constant('pytest'))), entry('allow_prereleases', bool)]),
  fc.tuple(name, pipfileValue).map(([n, v]) => `packages.${/^[A-Za-z0-9_-]+$/.test(n) ? n : JSON.stringify(n)} = ${v}\n`),
  junkTable,
];

/** A Pipfile. */
export const pipfileText: Arbitrary<string> = inputMix(distinct(PIPFILE_SECTIONS, 5).map((s) => s.join('\n')), TOML_FRAGMENTS);
