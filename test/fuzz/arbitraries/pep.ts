/**
 * PEP 440 versions and specifiers, PEP 508 names, extras, markers, URLs and requirement strings:
 * mostly well-formed, with the spellings packaging normalizes (`v1`, `1.0-RC_1`, `1!2`, `+local`)
 * and, about one part in ten, the near misses it refuses, so every format's requirement paths
 * see both.
 */
import fc, { type Arbitrary } from 'fast-check';
import { maybe, mostly, SPACE } from './common.js';

const sep = fc.constantFrom('', '.', '-', '_');
const num = mostly(fc.nat(30).map(String), fc.constantFrom('007', '99999999999999999999', '0'), 30);
/** Whitespace inside a requirement: usually a plain space or none, rarely what only Python calls space. */
const WS = mostly(fc.constantFrom('', '', ' ', '  '), SPACE, 30);

/** A PEP 440 version as someone might write it. */
export const version: Arbitrary<string> = fc
  .tuple(
    mostly(fc.constant(''), fc.constantFrom('v', 'V', '1!', '0!'), 6),
    fc.array(num, { minLength: 1, maxLength: 4 }),
    maybe(fc.tuple(sep, fc.constantFrom('a', 'b', 'rc', 'c', 'alpha', 'beta', 'pre', 'preview', 'RC'), maybe(num, '', 80)), null, 25),
    maybe(fc.tuple(sep, fc.constantFrom('post', 'rev', 'r'), num), null, 15),
    maybe(fc.tuple(sep, fc.constantFrom('dev', 'DEV'), maybe(num, '', 80)), null, 15),
    // A local label is valid only after == and != (and in versions), so keep it rare.
    maybe(mostly(fc.constantFrom('+local', '+ubuntu.1', '+abc-1_2'), fc.constantFrom('+', '+-x', '+é')), null, 5),
  )
  .map(([prefix, release, pre, post, dev, local]) => [prefix, release.join('.'), pre?.join('') ?? '', post?.join('') ?? '', dev?.join('') ?? '', local ?? ''].join(''));

const VALID_OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '~=', '==='] as const;

/** One specifier, sometimes with space around the operator, sometimes a wildcard. */
export const specifier: Arbitrary<string> = fc
  .tuple(mostly(fc.constantFrom(...VALID_OPERATORS), fc.constantFrom('=', '=>', '~', '^', ''), 20), WS, version, mostly(fc.constant(''), fc.constantFrom('.*', '*', '.x'), 10))
  .map(([op, ws, v, tail]) => `${op}${ws}${v}${tail}`);

/** A comma-separated specifier set (a trailing comma included). */
export const specifierSet: Arbitrary<string> = fc
  .tuple(fc.array(specifier, { minLength: 1, maxLength: 3 }), fc.constantFrom(',', ', ', ' ,'), mostly(fc.constant(''), fc.constant(','), 4))
  .map(([specs, comma, tail]) => specs.join(comma) + tail);

/** Project names: common, normalizable, and (rarely) invalid or special in JavaScript. */
export const name: Arbitrary<string> = mostly(
  fc.oneof(
    fc.constantFrom('requests', 'numpy', 'Django', 'zope.interface', 'Foo_Bar', 'foo-bar', 'a', 'X1', 'typing_extensions', 'python'),
    fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,10}[A-Za-z0-9])?$/),
  ),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '-a', 'a-', 'a_', '.a', 'é', 'a b', ''),
);

export const extras: Arbitrary<string> = fc
  .array(mostly(fc.constantFrom('security', 'socks', 'a', 'B_c', 'x.y', ' dev '), fc.constantFrom('', '-x', 'é')), { maxLength: 3 })
  .map((es) => `[${es.join(',')}]`);

const VARIABLES = [
  'python_version', 'python_full_version', 'os_name', 'sys_platform', 'platform_machine', 'platform_system',
  'platform_release', 'implementation_name', 'platform_python_implementation', 'extra', 'os.name', 'dependency_groups',
];
// A marker has several comparisons, so each part is wrong only about one time in thirty.
const value = mostly(
  fc.constantFrom('3.8', '3.11', '2.7', 'win32', 'linux', 'nt', 'posix', 'x86_64', 'cpython', 'Windows', 'security', '', '3.*', '1.0+local'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }).map((s) => s.replace(/['"]/g, '')),
  4,
);
const quoted = fc.tuple(value, mostly(fc.constantFrom("'", '"'), fc.constant(''), 30)).map(([v, q]) => `${q}${v}${q}`);
const markerOp = mostly(fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in'), fc.constantFrom('is', '=', '=<'), 30);
const comparison = fc
  .tuple(mostly(fc.constant(false), fc.constant(true), 6), mostly(fc.constantFrom(...VARIABLES), fc.constant('bogus'), 30), WS, markerOp, WS, quoted)
  .map(([flip, v, a, op, b, q]) => (flip ? `${q}${a || ' '}${op}${b || ' '}${v}` : `${v}${a || ' '}${op}${b || ' '}${q}`));

/** Markers from a grammar (and/or, parentheses, a few levels deep). */
export const marker: Arbitrary<string> = fc.letrec<{ m: string; atom: string }>((tie) => ({
  atom: fc.oneof({ maxDepth: 2, depthIdentifier: 'marker', withCrossShrink: true }, comparison, tie('m').map((m) => `(${m})`)),
  m: fc
    .tuple(tie('atom'), fc.array(fc.tuple(mostly(fc.constantFrom(' and ', ' or '), fc.constantFrom(' and', 'or ', ' AND '), 30), tie('atom')), { maxLength: 2, depthIdentifier: 'marker' }))
    .map(([first, rest]) => first + rest.map(([o, a]) => o + a).join('')),
})).m;

export const url: Arbitrary<string> = mostly(
  fc.constantFrom(
    'https://example.com/pkg-1.0.tar.gz', 'https://files.example/p/requests-2.31.0-py3-none-any.whl', 'file:///srv/wheels/x-1.0.whl',
    'git+https://github.com/org/repo.git@v1.2#egg=repo', 'git+ssh://git@github.com/org/repo.git@0123456789abcdef0123456789abcdef01234567',
    'hg+https://hg.example/repo#egg=repo&subdirectory=sub', 'http://insecure.example/x.zip',
  ),
  fc.constantFrom('https://h/p.whl;x', 'file:../local', 'https://[::1/x', 'git+https://h/r.git@', '://x'),
);

/** A PEP 508 requirement string. */
export const requirement: Arbitrary<string> = fc
  .tuple(
    WS,
    name,
    maybe(extras, '', 25),
    fc.oneof(
      { weight: 5, arbitrary: fc.tuple(WS, specifierSet).map(([ws, s]) => ws + s) },
      { weight: 1, arbitrary: specifierSet.map((s) => ` (${s})`) },
      { weight: 1, arbitrary: url.map((u) => ` @ ${u}`) },
      { weight: 2, arbitrary: fc.constant('') },
    ),
    maybe(fc.tuple(fc.constantFrom(';', '; ', ' ; ', ' ;'), marker).map(([s, m]) => s + m), '', 30),
    WS,
  )
  .map((parts) => parts.join(''));

/** Tokens of the PEP 440/508 grammars, for soups and mutations. */
export const PEP_FRAGMENTS = [
  'requests', 'a', '1.0', '2', '.*', '==', '>=', '~=', '!=', '<', '===', ',', ';', ' ; ', '[', ']', '(', ')', '@', ' @ ',
  'https://h/x.whl', "'", '"', ' and ', ' or ', 'python_version', 'extra', ' in ', ' not in ', 'rc1', '.post1', '.dev0', '+local', '!', 'v',
];
