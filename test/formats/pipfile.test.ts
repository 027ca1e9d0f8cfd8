/** Pipfile forms (python-manifests.md §6). */
import { describe, expect, it } from 'vitest';
import { parsePipfile } from '../../src/formats/pipfile/parse.js';

const one = (entry: string) => {
  const m = parsePipfile(`[packages]\n${entry}\n`, { path: 'svc/Pipfile' });
  return { d: m.declarations[0], diagnostics: m.diagnostics };
};

describe('Pipfile entries', () => {
  it.each([
    ['requests = "*"', { name: 'requests', specifier: '', requirement: 'requests', written: '*' }],
    ['Django = ">=4.2,<5"', { name: 'django', rawName: 'Django', specifier: '<5,>=4.2', requirement: 'Django<5,>=4.2' }],
    ['pytest = "~=7.4"', { specifier: '~=7.4' }],
    ['"zope.interface" = "==5.*"', { name: 'zope-interface', specifier: '==5.*' }],
    ['records = {version = ">0.5.0", extras = ["pandas"]}', { specifier: '>0.5.0', extras: ['pandas'], requirement: 'records[pandas]>0.5.0' }],
    ['extras-only = {extras = ["socks"]}', { specifier: '', extras: ['socks'] }],
    ['pywinusb = {version = "*", sys_platform = "== \'win32\'"}', { marker: 'sys_platform == "win32"' }],
    [
      'unittest2 = {version = ">=1.0,<3.0", markers = "python_version < \'2.7.9\' or os_name == \'nt\'", platform_machine = "!=\'arm64\'"}',
      { specifier: '<3.0,>=1.0', marker: '(python_version < "2.7.9" or os_name == "nt") and platform_machine != "arm64"' },
    ],
    ['mypkg = {path = ".", editable = true}', { source: 'path', path: 'svc', editable: true, requirement: 'mypkg @ .' }],
    ['rq = {git = "https://github.com/rq/rq.git", ref = "v1.15", editable = true}', { source: 'vcs', url: 'git+https://github.com/rq/rq.git@v1.15', editable: true }],
    ['sub = {git = "https://h/o/r.git", subdirectory = "pkg"}', { url: 'git+https://h/o/r.git#subdirectory=pkg' }],
    ['whl = {file = "https://x/whl-1.0-py3-none-any.whl"}', { source: 'wheel', url: 'https://x/whl-1.0-py3-none-any.whl' }],
    ['tarball = {file = "https://x/tarball-1.0.tar.gz"}', { source: 'url' }],
    ['torch = {version = "==2.1", index = "pytorch"}', { specifier: '==2.1', source: 'index' }],
  ])('%s', (entry, expected) => {
    const { d, diagnostics } = one(entry);
    expect(diagnostics).toEqual([]);
    expect(d).toMatchObject({ ...expected, dialect: 'pipfile', group: 'packages', role: 'requirement', line: 2, text: entry });
  });

  it('reads a bare version as == and says so', () => {
    const { d, diagnostics } = one('bare = "1.2.3"');
    expect(d).toMatchObject({ specifier: '==1.2.3', written: '1.2.3' });
    expect(diagnostics.map((x) => x.code)).toEqual(['pipfile-bare-version']);
  });

  it.each([
    ['bad = "~=1"', 'invalid-specifier'],
    ['bad = 3', 'invalid-value'],
    ['bad = {extras = "x"}', 'invalid-value'],
    ['bad = {markers = "os_name = 1"}', 'invalid-marker'],
    ['bad = {git = "x", path = "y"}', 'invalid-value'],
    ['"not a name" = "*"', 'invalid-requirement'],
  ])('%s is an error at its line', (entry, code) => {
    const { d, diagnostics } = one(entry);
    expect(d).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ line: 2, severity: 'error', code })]);
  });
});

describe('Pipfile structure', () => {
  const m = parsePipfile(
    `[[source]]
name = "pypi"
url = "https://pypi.org/simple"
verify_ssl = true

[[source]]
name = "internal"
url = "http://pypi.internal:8080/simple"
verify_ssl = false

[packages]
requests = "*"

[dev-packages]
pytest = "*"

[docs]
sphinx = "*"

[scripts]
test = "pytest"

[pipenv]
allow_prereleases = true

[requires]
python_version = "3.11"
`,
    { path: 'Pipfile' },
  );

  it('reads packages, dev-packages and custom categories, never scripts or pipenv', () => {
    expect(m.declarations.map((d) => [d.line, d.name, d.group, d.role])).toEqual([
      [12, 'requests', 'packages', 'requirement'],
      [15, 'pytest', 'dev-packages', 'dev'],
      [18, 'sphinx', 'docs', 'group'],
    ]);
  });

  it('turns sources into index options, with --trusted-host when verify_ssl is false', () => {
    expect(m.options).toEqual([
      { line: 3, name: '--index-url', value: 'https://pypi.org/simple' },
      { line: 8, name: '--extra-index-url', value: 'http://pypi.internal:8080/simple' },
      { line: 8, name: '--trusted-host', value: 'pypi.internal:8080' },
    ]);
  });

  it('keeps [requires] as the Python constraint', () => {
    expect(m.requiresPython).toEqual([{ line: 27, source: 'requires.python_version', written: '3.11', specifier: '==3.11.*' }]);
    const full = parsePipfile('[requires]\npython_full_version = "3.11.4"\n', { path: 'P' });
    expect(full.requiresPython.map((p) => p.specifier)).toEqual(['==3.11.4']);
  });

  it('reports invalid TOML once, with its position', () => {
    const bad = parsePipfile('[packages]\nrequests = "*"\nrequests = "==1"\n', { path: 'P' });
    expect(bad.declarations).toEqual([]);
    expect(bad.diagnostics).toEqual([expect.objectContaining({ line: 3, column: 1, severity: 'error', code: 'invalid-toml' })]);
  });
});

describe('Pipfile values of the wrong type are errors, never skipped in silence (issue 8)', () => {
  it('a category, [[source]] or [requires] value that is not what pipenv reads', () => {
    const m = parsePipfile('packages = "requests"\n"dev-packages" = [1]\nsource = "x"\n[requires]\npython_version = 3\npython_full_version = ["3.11"]\n', { path: 'P' });
    expect(m.declarations).toEqual([]);
    expect(m.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code} ${d.message}`)).toEqual([
      '1 error invalid-value packages must be a table of packages',
      '2 error invalid-value dev-packages must be a table of packages',
      '3 error invalid-value source must be an array of tables ([[source]])',
      '5 error invalid-value requires.python_version must be a string such as "3.11"',
      '6 error invalid-value requires.python_full_version must be a string such as "3.11"',
    ]);
    const url = parsePipfile('[[source]]\nname = "x"\nurl = 1\n[packages]\nrequests = "*"\n', { path: 'P' });
    expect(url.diagnostics.map((d) => `${d.line} ${d.code} ${d.message}`)).toEqual(['3 invalid-value source[0].url must be a string']);
    expect(url.declarations.map((d) => d.name)).toEqual(['requests']);
  });
});
