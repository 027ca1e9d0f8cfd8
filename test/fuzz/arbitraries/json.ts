/**
 * package.json documents: the four dependency groups with every npm specifier kind, the
 * package-level fields (workspaces as array or object, bun catalogs, engines), keys that are
 * special to JavaScript (`__proto__`, `constructor`) plain and escaped, duplicate keys, odd
 * whitespace, a BOM, and arrays or objects nested past any sane depth.
 */
import fc, { type Arbitrary } from 'fast-check';
import { inputMix, mostly, nested } from './common.js';
import { name, version } from './pep.js';

const WS = fc.constantFrom('', ' ', '\n  ', '\r\n    ', '\t', '\n');

/** A JSON string for `s`: JSON.stringify's form, or with the first character \u-escaped. */
const jstr = (s: Arbitrary<string>): Arbitrary<string> =>
  fc.tuple(s, fc.nat(5)).map(([v, f]) => (f === 5 && v.length > 0 ? `"\\u${v.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(v.slice(1)).slice(1)}` : JSON.stringify(v)));

const object = (members: Arbitrary<Array<[string, string]>>): Arbitrary<string> =>
  fc.tuple(members, WS, WS).map(([ms, a, b]) => `{${ms.map(([k, v]) => `${a}${k}:${b === '\t' ? ' ' : ''}${v}`).join(',')}${ms.length > 0 ? a : ''}}`);

const npmName = fc.oneof(
  { weight: 4, arbitrary: name },
  { weight: 2, arbitrary: fc.constantFrom('@scope/pkg', 'react', 'lodash', '@types/node', 'React', '@s/') },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '', ' ') },
);
const npmSpec = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('', '^', '~', '>=', '<', '=', 'v'), version).map((p) => p.join('')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '*', '', 'latest', 'next', '1.x', '>=1.0.0 <2.0.0', '^1 || ^2', '1.0.0 - 2.0.0', 'workspace:*', 'workspace:^', 'workspace:../x', 'catalog:', 'catalog:old',
      'npm:other@^1.0.0', 'npm:@s/x@2', 'npm:', 'file:../lib', 'link:./x', 'git+https://github.com/u/r.git#v1', 'git://h/r.git', 'github:u/r', 'u/r#semver:^1',
      'https://h/x.tgz', 'http://h/x.tgz', '^1.2.3.4', '>=', 'not a range', '\u0000',
    ),
  },
);
const deps = object(fc.array(fc.tuple(jstr(npmName), mostly(jstr(npmSpec), fc.constantFrom('1', 'null', '{}', '[]', 'true'), 12)), { maxLength: 6 }));
const globs = fc.array(jstr(fc.constantFrom('packages/*', 'apps/**', '!x', '')), { maxLength: 3 }).map((gs) => `[${gs.join(', ')}]`);
const catalogs = object(fc.array(fc.tuple(jstr(fc.constantFrom('old', 'new', '__proto__')), deps), { maxLength: 2 }));

/** Values no reader expects: other JSON types, deep nesting, and (rarely) what JSON refuses. */
const junk = mostly(
  fc.oneof(
    fc.constantFrom('null', 'true', '1e400', '-0', '"\\ud800"', '[]', '{}', '"x"'),
    nested('[', ']', '0'),
    nested('{"a":', '}', '0'),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  ),
  fc.constantFrom('01', '1.', '.5', '+1', 'NaN', "'x'", '"a\tb"', '[1,]', '{"a":1,}'),
  6,
);

const FIELDS: Array<Arbitrary<[string, string]>> = [
  fc.tuple(jstr(fc.constantFrom('dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies')), fc.oneof({ weight: 8, arbitrary: deps }, { weight: 1, arbitrary: junk })),
  fc.tuple(jstr(fc.constantFrom('name', 'version', 'packageManager')), fc.oneof(jstr(npmName), jstr(version), junk)),
  fc.tuple(jstr(fc.constant('private')), fc.constantFrom('true', 'false', '"true"')),
  fc.tuple(jstr(fc.constant('engines')), object(fc.array(fc.tuple(jstr(fc.constantFrom('node', 'npm')), jstr(fc.constantFrom('>=18', '^20.1', '20.x', 'lts'))), { maxLength: 2 }))),
  fc.tuple(jstr(fc.constant('workspaces')), fc.oneof(globs, object(fc.array(fc.oneof(fc.tuple(jstr(fc.constant('packages')), globs), fc.tuple(jstr(fc.constant('catalog')), deps), fc.tuple(jstr(fc.constant('catalogs')), catalogs)), { maxLength: 3 })), junk)),
  fc.tuple(jstr(fc.constantFrom('catalog', 'catalogs')), fc.oneof(deps, catalogs)),
  fc.tuple(jstr(fc.constantFrom('__proto__', 'constructor', 'scripts', 'x')), junk),
];

export const JSON_FRAGMENTS = [
  '{', '}', '[', ']', ':', ',', '"', '\\', '\\u', '"dependencies"', '"__proto__"', '"^1.0.0"', 'true', 'null', '1', ' ', '\n', '\r', '\t', '\ufeff', '/*', '//',
];

/** A package.json. */
export const packageJsonText: Arbitrary<string> = inputMix(
  fc.tuple(fc.constantFrom('', '', '', '\ufeff', ' '), object(fc.array(fc.oneof(...FIELDS), { maxLength: 6 })), fc.constantFrom('\n', '', '\r\n', '\n\n')).map((p) => p.join('')),
  JSON_FRAGMENTS,
);
