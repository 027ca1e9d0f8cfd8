/**
 * YAML documents shaped like conda environment files and pnpm-workspace.yaml: block and flow
 * lists, MatchSpecs in every spelling, `pip:` sub-lists of requirements lines, catalogs,
 * scalars plain / quoted / block, anchors, aliases (to missing anchors too), merge keys,
 * custom tags, several documents, comments, and nesting past the reader's cap.
 */
import fc, { type Arbitrary } from 'fast-check';
import { distinct, inputMix, maybe, mostly, nested, sometimes } from './common.js';
import { name, requirement, specifierSet, url, version, PEP_FRAGMENTS } from './pep.js';

type Form = 'plain' | 'single' | 'double' | 'literal' | 'folded';
const FORMS: Form[] = ['plain', 'single', 'double', 'literal', 'folded'];

/** A YAML scalar for `s` in `form`; block scalars put their content one level below `indent`. */
function scalar(s: string, form: Form, indent: string): string {
  if (form === 'single') return `'${s.replace(/'/g, "''")}'`;
  if (form === 'double') return JSON.stringify(s);
  if (form === 'literal') return `|\n${indent}  ${s}`;
  if (form === 'folded') return `>-\n${indent}  ${s}`;
  return s;
}

/** Whether `s` reads back as itself in `form` (in a flow collection when `flow`). */
function fits(s: string, form: Form, flow: boolean): boolean {
  if (/[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff\u2028\u2029]/.test(s)) return form === 'double' && !/[\ud800-\udfff]/.test(s);
  if (form === 'plain') return s !== '' && s.trim() === s && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/: |:$| #/.test(s) && !(flow && /[,[\]{}]/.test(s));
  if (form === 'literal' || form === 'folded') return s !== '' && s.trim() === s && !flow;
  return true;
}

/** A scalar holding `value`'s string; a form that cannot hold it is kept one time in ten. */
const scalarOf = (value: Arbitrary<string>, indent: string, flow: boolean): Arbitrary<string> =>
  fc
    .tuple(value, mostly(fc.constant<Form>('plain'), fc.constantFrom(...FORMS), 2), sometimes(10))
    .map(([v, form, keepUnfit]) => scalar(v, fits(v, form, flow) || keepUnfit ? form : 'double', indent));

const decorate = mostly(fc.constant(''), fc.constantFrom('&a ', '&b ', '!!str ', '!custom ', '!!python/object:os.system ', '!!binary ', '&a !!str '), 12);
const alias = fc.constantFrom('*a', '*b', '*missing');

/** A list item: a decorated scalar, sometimes an alias. */
const itemOf = (value: Arbitrary<string>, indent: string, flow: boolean): Arbitrary<string> =>
  mostly(fc.tuple(decorate, scalarOf(value, indent, flow)).map(([d, v]) => d + v), alias, 12);

/** A block list (`- x` lines at `indent`) or a flow list (`[a, b]`). */
const list = (value: Arbitrary<string>, indent: string): Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.tuple(itemOf(value, indent, false), mostly(fc.constant(''), fc.constant(' # comment'), 4)), { maxLength: 6 }).map((items) => items.map(([v, c]) => `\n${indent}- ${v}${c}`).join('')) },
    { weight: 1, arbitrary: fc.array(itemOf(value, indent, true), { maxLength: 4 }).map((items) => ` [${items.join(', ')}]`) },
  );

// ---- conda environment.yml

const matchSpec = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(name, fc.constantFrom('', '=', '==', '>=', ' ', '<'), fc.oneof(version, fc.constant(''))).map((p) => p.join('').trim()) },
  { weight: 2, arbitrary: fc.constantFrom('numpy=1.21=py39_0', 'conda-forge::numpy', 'numpy 1.2.* py_0', "numpy[version='>=1.2']", 'numpy[build_number=3]', 'python=3.11', 'pip', 'numpy>=1.2,<2|1.0', 'numpy=1.2.3=*_0', 'defaults/linux-64::x', 'x=1.0=h1_0[md5=abc]', 'numpy!=1.2') },
  { weight: 1, arbitrary: specifierSet.map((s) => `numpy${s}`) },
  { weight: 1, arbitrary: url },
);
const pipLine = mostly(
  requirement.map((r) => r.trim()),
  fc.constantFrom('-r requirements.txt', '-e ./lib', '--index-url https://h/simple', '-c ../constraints.txt', '--hash=sha256:ab', 'x \\', '# comment', '${VAR}'),
  6,
);
const pipBlock = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('    ', '      ').chain((indent) => list(pipLine, indent)).map((l) => `\n  - pip:${l}`) },
  { weight: 1, arbitrary: fc.constantFrom('\n  - pip: requests', '\n  - pip:', '\n  - {pip: [requests, "numpy==1.0"]}', '\n  - npm: [x]', '\n  - pip: *a') },
);
const dependencies = fc
  .tuple(list(matchSpec, '  '), maybe(pipBlock, '', 50), maybe(list(matchSpec, '  '), '', 20))
  .map(([a, pip, b]) => (a.startsWith(' [') ? a : a + pip + (b.startsWith(' [') ? '' : b)));

const CONDA_PREAMBLE: Array<Arbitrary<string>> = [
  fc.constantFrom('name: env', 'name: "my env"'),
  fc.constantFrom('channels:\n  - conda-forge\n  - defaults', 'channels: [conda-forge]'),
  fc.constantFrom('prefix: /opt/env', 'variables:\n  A: 1', 'x: &a numpy=1.0', 'y: &b [scipy, pip]', '__proto__: {polluted: 1}', '%YAML 1.2\n---'),
];
const CONDA_ODD = fc.oneof(
  fc.constantFrom('dependencies: *b', 'dependencies: numpy', 'dependencies:', '? dependencies\n: [x]', '"dependencies": [x]', 'dependencies: {a: 1}', 'dependencies: !!map {x: 1}'),
  fc.constantFrom('dependencies:\n- numpy\n- \t- tab', 'dependencies: [a, b', 'dependencies:\n  - "unterminated', '---\nname: x', '...'),
  nested('[', ']', 'x').map((n) => `dependencies: ${n}`),
);

export const YAML_FRAGMENTS = [
  ...PEP_FRAGMENTS, 'dependencies:', 'pip:', 'catalog:', 'catalogs:', 'packages:', '\n', '\n  ', '\n  - ', '- ', ': ', '&a ', '*a', '!tag ', '!!str ',
  '[', ']', '{', '}', ',', '"', "'", '|', '>', '#', '---', '...', '\t', '\r\n', '\r', '<<: ', '?', '%', '@', '`', '=', '::', '\ufeff', '\u2028', '\x85',
];

/** A conda environment.yml. */
export const condaText: Arbitrary<string> = inputMix(
  fc
    .tuple(distinct(CONDA_PREAMBLE, 3), mostly(dependencies.map((d) => `dependencies:${d}`), CONDA_ODD, 5), fc.boolean())
    .map(([pre, deps, last]) => (last ? [...pre, deps] : [deps, ...pre]).join('\n') + '\n'),
  YAML_FRAGMENTS,
);

// ---- pnpm-workspace.yaml

const npmName = mostly(name, fc.constantFrom('@scope/pkg', 'react', '__proto__', 'constructor', '<<', 'a: b'), 6);
const npmSpec = fc.oneof(
  fc.constantFrom('^1.2.3', '~1.0.0', '1.x', '>=1 <2 || ^3', 'workspace:*', 'npm:other@^1', 'catalog:', 'file:../x', 'github:u/r#v1', 'latest', '*', '', '1.0', '^1.2.3.4', 'https://h/x.tgz'),
  version.map((v) => `^${v}`),
);
const catalogBody = (indent: string): Arbitrary<string> =>
  fc
    .uniqueArray(fc.tuple(scalarOf(npmName, indent, false), decorate, scalarOf(npmSpec, indent, false)), { maxLength: 5, selector: ([n]) => n })
    .map((es) => es.map(([n, d, s]) => `\n${indent}${n}: ${d}${s}`).join(''));

const PNPM_SECTIONS: Array<Arbitrary<string>> = [
  list(fc.constantFrom('packages/*', 'apps/**', '!**/test/**', '.', 'quoted/*', ''), '  ').map((l) => `packages:${l}`),
  catalogBody('  ').map((b) => `catalog:${b}`),
  fc.uniqueArray(fc.tuple(fc.constantFrom('old', 'react17', 'default', '__proto__'), catalogBody('    ')), { maxLength: 3, selector: ([n]) => n }).map((cs) => `catalogs:${cs.map(([n, b]) => `\n  ${n}:${b}`).join('')}`),
  fc.constantFrom('onlyBuiltDependencies:\n  - esbuild', 'x: &a\n  react: ^18', 'y: &b\n  old:\n    lodash: ^4'),
];
const PNPM_ODD = fc.oneof(
  fc.constantFrom('catalogs:\n  x: *a', 'catalogs:\n  y:\n    <<: *a', 'packages: apps/*', 'catalog: [x]', '---\npackages: []', 'catalog:\n  a: 1\n  a: 2', 'catalog: {a: ^1, b: !!int 2}', 'catalogs: *b'),
  nested('{a: ', '}', '1').map((n) => `catalog: ${n}`),
);

/** A pnpm-workspace.yaml. */
export const pnpmText: Arbitrary<string> = inputMix(
  fc.tuple(distinct(PNPM_SECTIONS, 4), maybe(PNPM_ODD, null, 20)).map(([ss, odd]) => [...ss, ...(odd ? [odd] : [])].join('\n') + '\n'),
  YAML_FRAGMENTS,
);
