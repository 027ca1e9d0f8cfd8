/** Poetry constraints → PEP 440 (python-manifests.md §5.3 table) and `[tool.poetry]` tables. */
import { describe, expect, it } from 'vitest';
import { formatSpecifierSet, parseSpecifierSet } from '../../src/pep440/index.js';
import { convertPoetryConstraint } from '../../src/formats/pyproject/poetry-constraint.js';
import { platformMarker, pythonMarker } from '../../src/formats/pyproject/poetry-markers.js';
import { parsePyproject } from '../../src/formats/pyproject/parse.js';

/** The normalized form of a PEP 440 set, so the table can be written in reading order. */
function norm(set: string): string {
  const parsed = parseSpecifierSet(set);
  if (!parsed.ok) throw new Error(parsed.error);
  return formatSpecifierSet(parsed.value);
}

describe('convertPoetryConstraint', () => {
  it.each([
    ['^1.2.3', '>=1.2.3,<2.0.0'],
    ['^1.2', '>=1.2.0,<2.0.0'],
    ['^1', '>=1.0.0,<2.0.0'],
    ['^0.2.3', '>=0.2.3,<0.3.0'],
    ['^0.0.3', '>=0.0.3,<0.0.4'],
    ['^0.0', '>=0.0.0,<0.1.0'],
    ['^0', '>=0.0.0,<1.0.0'],
    ['^0.0.0', '>=0.0.0,<0.0.1'],
    ['^1.2.3.4', '>=1.2.3.4,<2.0.0'],
    ['^0.1.1a3', '>=0.1.1a3,<0.2.0'],
    ['^1.0.0-beta.2', '>=1.0.0b2,<2.0.0'],
    ['^2!1.2', '>=2!1.2.0,<2!2.0.0'],
    ['~1.2.3', '>=1.2.3,<1.3.0'],
    ['~1.2', '>=1.2.0,<1.3.0'],
    ['~1', '>=1.0.0,<2.0.0'],
    ['~=1.2.3', '>=1.2.3,<1.3.0'],
    ['~=1.2', '>=1.2.0,<2.0.0'],
    ['*', ''],
    ['1.*', '>=1.0.0,<2.0.0'],
    ['1.2.*', '>=1.2.0,<1.3.0'],
    ['==1.2.*', '>=1.2.0,<1.3.0'],
    ['!=1.2.*', '!=1.2.*'],
    ['1.2.3', '==1.2.3'],
    ['=1.2.3', '==1.2.3'],
    ['==1.2.3', '==1.2.3'],
    ['>= 1.2, < 1.5', '>=1.2,<1.5'],
    ['>=1.2 <1.5', '>=1.2,<1.5'],
    ['>=1.2,<1.5,!=1.3', '>=1.2,<1.5,!=1.3'],
    ['^1.2, !=1.5.0', '>=1.2.0,<2.0.0,!=1.5.0'],
    ['  ^1.2  ', '>=1.2.0,<2.0.0'],
    ['===1.0-foo', '===1.0-foo'],
  ])('%s → %s', (poetry, pep440) => {
    expect(convertPoetryConstraint(poetry)).toEqual({ ok: true, specifier: norm(pep440), alternatives: null });
  });

  it.each([
    ['>=1.2,<2 || >=3', ['>=1.2,<2', '>=3']],
    ['^1.2 | ^2.0', ['>=1.2.0,<2.0.0', '>=2.0.0,<3.0.0']],
    ['~2.7 || ^3.4', ['>=2.7.0,<2.8.0', '>=3.4.0,<4.0.0']],
    ['* || 1.0', ['', '==1.0']],
  ])('a union %s keeps its alternatives and no single specifier', (poetry, alternatives) => {
    expect(convertPoetryConstraint(poetry)).toEqual({ ok: true, specifier: '', alternatives: alternatives.map((a) => (a ? norm(a) : '')) });
  });

  it.each(['', '~=1', '^abc', '>=1.2.*', 'not a version', '^1.2+local', '1.2 ||', '>=1.0 <<2'])('%j is an error', (poetry) => {
    expect(convertPoetryConstraint(poetry).ok).toBe(false);
  });
});

describe('Poetry python and platform markers', () => {
  it.each([
    ['^3.9', 'python_version >= "3.9" and python_version < "4.0"'],
    ['>=3.8.1,<4.0', 'python_full_version >= "3.8.1" and python_version < "4.0"'],
    ['~2.7 || ^3.4', '(python_version >= "2.7" and python_version < "2.8") or (python_version >= "3.4" and python_version < "4.0")'],
    ['3.8.*', 'python_version >= "3.8" and python_version < "3.9"'],
    ['!=3.9.*', 'python_version != "3.9.*"'],
    ['*', null],
  ])('python = %j → %s', (python, marker) => {
    expect(pythonMarker(python)).toEqual({ ok: true, marker });
  });

  it.each([
    ['linux', 'sys_platform == "linux"'],
    ['!=win32', 'sys_platform != "win32"'],
    ['linux || darwin', 'sys_platform == "linux" or sys_platform == "darwin"'],
  ])('platform = %j → %s', (platform, marker) => {
    expect(platformMarker(platform)).toEqual({ ok: true, marker });
  });
});

const POETRY = `[tool.poetry]
name = "svc"

[tool.poetry.dependencies]
python = "^3.9"
requests = "^2.13"
Django = { version = ">=4.0,<5.0", extras = ["bcrypt"], optional = true }
uvloop = { version = "*", platform = "linux", markers = "implementation_name == 'cpython'" }
tomli = { version = "^2.0", python = "<3.11" }
flask = { git = "https://github.com/pallets/flask.git", branch = "main" }
private = { git = "git@github.com:o/private.git", rev = "abc123", subdirectory = "pkg" }
lib = { path = "../lib", develop = true }
wheel-dep = { url = "https://x/wheel_dep-1.0-py3-none-any.whl" }
foo = [
  { version = "<=1.9", python = ">=3.6,<3.8" },
  { version = "^2.0", python = ">=3.8" },
]
either = ">=1.2,<2 || >=3"

[tool.poetry.dev-dependencies]
pytest = "^7.0"

[tool.poetry.group.docs.dependencies]
sphinx = "1.2.3"

[tool.poetry.group.lint]
optional = true

[tool.poetry.group.lint.dependencies.black]
version = "^23.1"
extras = ["d"]

[[tool.poetry.source]]
name = "private"
url = "https://pypi.example.com/simple"
priority = "supplemental"

[[tool.poetry.source]]
name = "mirror"
url = "https://mirror.example.com/simple"
`;

describe('[tool.poetry]', () => {
  const m = parsePyproject(POETRY, { path: 'svc/pyproject.toml' });
  const by = (name: string) => m.declarations.filter((d) => d.name === name);

  it('reads every form, with the line of the entry that declares it', () => {
    const rows = m.declarations.map((d) => [d.line, d.endLine, d.name, d.group, d.role, d.specifier, d.marker, d.source]);
    expect(rows).toEqual([
      [6, 6, 'requests', 'main', 'requirement', '<3.0.0,>=2.13.0', null, 'index'],
      [7, 7, 'django', 'main', 'optional', '<5.0,>=4.0', null, 'index'],
      [8, 8, 'uvloop', 'main', 'requirement', '', 'sys_platform == "linux" and implementation_name == "cpython"', 'index'],
      [9, 9, 'tomli', 'main', 'requirement', '<3.0.0,>=2.0.0', 'python_version < "3.11"', 'index'],
      [10, 10, 'flask', 'main', 'requirement', '', null, 'vcs'],
      [11, 11, 'private', 'main', 'requirement', '', null, 'vcs'],
      [12, 12, 'lib', 'main', 'requirement', '', null, 'path'],
      [13, 13, 'wheel-dep', 'main', 'requirement', '', null, 'wheel'],
      [15, 15, 'foo', 'main', 'requirement', '<=1.9', 'python_version >= "3.6" and python_version < "3.8"', 'index'],
      [16, 16, 'foo', 'main', 'requirement', '<3.0.0,>=2.0.0', 'python_version >= "3.8"', 'index'],
      [18, 18, 'either', 'main', 'requirement', '', null, 'index'],
      [21, 21, 'pytest', 'dev', 'dev', '<8.0.0,>=7.0.0', null, 'index'],
      [24, 24, 'sphinx', 'docs', 'group', '==1.2.3', null, 'index'],
      [29, 31, 'black', 'lint', 'group', '<24.0.0,>=23.1.0', null, 'index'],
    ]);
  });

  it('keeps what was written and renders a PEP 508-like requirement', () => {
    expect(by('requests')[0]).toMatchObject({ text: 'requests = "^2.13"', written: '^2.13', requirement: 'requests<3.0.0,>=2.13.0', dialect: 'poetry' });
    expect(by('django')[0]).toMatchObject({ extras: ['bcrypt'], requirement: 'Django[bcrypt]<5.0,>=4.0', rawName: 'Django' });
    expect(by('flask')[0]).toMatchObject({ url: 'git+https://github.com/pallets/flask.git@main', requirement: 'flask @ git+https://github.com/pallets/flask.git@main' });
    expect(by('private')[0]!.url).toBe('git+ssh://git@github.com/o/private.git@abc123#subdirectory=pkg');
    expect(by('lib')[0]).toMatchObject({ path: 'lib', editable: true, requirement: 'lib @ ../lib' });
    expect(by('black')[0]!.text).toBe('[tool.poetry.group.lint.dependencies.black]\nversion = "^23.1"\nextras = ["d"]');
    expect(by('foo')[1]!.text).toBe('{ version = "^2.0", python = ">=3.8" }');
  });

  it('keeps the python key out of the declarations', () => {
    expect(by('python')).toEqual([]);
    expect(m.requiresPython).toEqual([{ line: 5, source: 'tool.poetry.dependencies.python', written: '^3.9', specifier: '<4.0.0,>=3.9.0' }]);
  });

  it('warns on a union, which one PEP 440 set cannot hold', () => {
    expect(m.diagnostics).toEqual([
      expect.objectContaining({ line: 18, severity: 'warning', code: 'poetry-union' }),
    ]);
    expect(by('either')[0]).toMatchObject({ specifier: '', written: '>=1.2,<2 || >=3', requirement: 'either' });
  });

  it('turns sources into index options', () => {
    expect(m.options).toEqual([
      { line: 35, name: '--extra-index-url', value: 'https://pypi.example.com/simple' },
      { line: 40, name: '--index-url', value: 'https://mirror.example.com/simple' },
    ]);
  });

  it('reports bad entries at their line and reads the rest', () => {
    const bad = parsePyproject('[tool.poetry.dependencies]\na = "^x"\nb = 3\n"c d" = "1.0"\ne = { version = "1", markers = "os_name = 1" }\nf = "1.0"\n', { path: 'p' });
    expect(bad.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 'invalid-poetry-constraint'], [3, 'invalid-value'], [4, 'invalid-requirement'], [5, 'invalid-marker'],
    ]);
    expect(bad.declarations.map((d) => d.name)).toEqual(['f']);
  });

  it('Poetry 2: with a static [project] dependencies, the main table only enriches them', () => {
    const p2 = parsePyproject('[project]\nname = "x"\ndependencies = ["requests>=2"]\n[tool.poetry.dependencies]\nrequests = { source = "private" }\nextra-one = "^1.0"\n', { path: 'p' });
    expect(p2.declarations.map((d) => [d.name, d.dialect])).toEqual([['requests', 'pep508'], ['extra-one', 'poetry']]);
    expect(p2.diagnostics.map((d) => [d.line, d.code])).toEqual([[6, 'poetry-not-in-project']]);
  });
});
