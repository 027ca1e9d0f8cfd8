/** conda MatchSpecs → PEP 440 and the pip: sub-list (python-manifests.md §8). */
import { describe, expect, it } from 'vitest';
import { isCondaEnvironmentName, parseConda } from '../../src/formats/conda/parse.js';
import { parseMatchSpec } from '../../src/formats/conda/matchspec.js';
import { condaVersionToPep440 } from '../../src/formats/conda/version.js';

const env = (deps: string, path = 'svc/environment.yml') => parseConda(`name: svc\ndependencies:\n${deps}`, { path });

describe('MatchSpec → declaration', () => {
  it.each([
    ['python=3.11', 'python', '==3.11.*', '=3.11', []],
    ['numpy>=1.24,<2', 'numpy', '<2,>=1.24', '>=1.24,<2', []],
    ['numpy==1.2', 'numpy', '==1.2', '==1.2', []],
    ['numpy 1.2', 'numpy', '==1.2', '1.2', []],
    ['numpy 1.2.*', 'numpy', '==1.2.*', '1.2.*', []],
    ['numpy 1.2*', 'numpy', '==1.2.*', '1.2*', []],
    ['numpy=1.2.*', 'numpy', '==1.2.*', '=1.2.*', []],
    ['numpy >=1.2', 'numpy', '>=1.2', '>=1.2', []],
    ['numpy>=1.2.*', 'numpy', '>=1.2', '>=1.2.*', []],
    ['numpy!=1.2.*', 'numpy', '!=1.2.*', '!=1.2.*', []],
    ['numpy~=1.2', 'numpy', '~=1.2', '~=1.2', []],
    ['numpy *', 'numpy', '', '*', []],
    ['numpy=', 'numpy', '', '=', []],
    ['NumPy', 'numpy', '', undefined, []],
    ['conda-forge::scipy=1.11.*', 'scipy', '==1.11.*', '=1.11.*', []],
    ['conda-forge/linux-64::scipy >=1.11', 'scipy', '>=1.11', '>=1.11', []],
    ['pkg=1.2=py311_0', 'pkg', '==1.2', '=1.2=py311_0', ['conda-build-string']],
    ['pkg 1.2.* py311_0', 'pkg', '==1.2.*', '1.2.* py311_0', ['conda-build-string']],
    ['libblas=*=*mkl', 'libblas', '', '=*=*mkl', ['conda-build-string']],
    ["blas[version='>=1.2']", 'blas', '>=1.2', "[version='>=1.2']", []],
    ['blas[version=">=1.2,<2", build_number=3]', 'blas', '<2,>=1.2', '[version=">=1.2,<2", build_number=3]', ['conda-build-string']],
    ['blas[build=mkl]', 'blas', '', '[build=mkl]', ['conda-build-string']],
    ['either 1.2|1.3', 'either', '', '1.2|1.3', ['conda-version']],
    ['either >=1,<2|>3', 'either', '', '>=1,<2|>3', ['conda-version']],
    ['openssl=1.1.1k', 'openssl', '', '=1.1.1k', ['conda-version']],
    ['glob 1.*.3', 'glob', '', '1.*.3', ['conda-version']],
    ['numpy=1.2 # a comment', 'numpy', '==1.2.*', '=1.2 # a comment', []],
  ])('%s', (spec, name, specifier, written, codes) => {
    const m = env(`  - "${spec.replace(/"/g, '\\"')}"\n`);
    expect(m.diagnostics.map((d) => d.code)).toEqual(codes);
    expect(m.declarations).toHaveLength(1);
    const d = m.declarations[0]!;
    expect(d).toMatchObject({ name, specifier, ecosystem: 'conda', dialect: 'conda', role: 'requirement', group: 'main', line: 3 });
    expect(d.written).toBe(written);
  });

  it('reads a package file URL', () => {
    const d = env('  - https://conda.anaconda.org/conda-forge/linux-64/foo-1.0-h123_0.tar.bz2\n').declarations[0];
    expect(d).toMatchObject({ name: 'foo', specifier: '==1.0', source: 'url', url: 'https://conda.anaconda.org/conda-forge/linux-64/foo-1.0-h123_0.tar.bz2' });
  });

  it.each(['">=1.2"', '"numpy[version=]"', '"b@d"'])('%s is an invalid MatchSpec', (spec) => {
    const m = env(`  - ${spec}\n  - ok\n`);
    expect(m.diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'error', code: 'invalid-matchspec' })]);
    expect(m.declarations.map((d) => d.name)).toEqual(['ok']);
  });

  it('splits version and build the way conda does', () => {
    expect(parseMatchSpec('pkg=1.2=py311_0')).toMatchObject({ ok: true, value: { name: 'pkg', version: '1.2', build: 'py311_0' } });
    expect(parseMatchSpec('pkg=1.2')).toMatchObject({ ok: true, value: { version: '1.2*', build: null } });
    expect(parseMatchSpec('pkg==1.2')).toMatchObject({ ok: true, value: { version: '1.2', build: null } });
    expect(parseMatchSpec('pkg >=1.2,<2 py_0')).toMatchObject({ ok: true, value: { version: '>=1.2,<2', build: 'py_0' } });
    expect(parseMatchSpec('ch::pkg')).toMatchObject({ ok: true, value: { name: 'pkg', channel: 'ch', version: null } });
  });

  it.each([
    ['1.2*', '==1.2.*'],
    ['>=1.2,<2', '<2,>=1.2'],
    ['(>=1.2,<2)', '<2,>=1.2'],
    ['==1.2.*', '==1.2'],
    ['=1.2', '==1.2.*'],
  ])('version spec %s → %s', (spec, pep440) => {
    expect(condaVersionToPep440(spec)).toEqual({ ok: true, specifier: pep440 });
  });
});

describe('the pip: sub-list', () => {
  const probe = { isDirectory: (p: string) => p === 'svc/libs/common', isFile: (p: string) => p === 'svc/libs/common/pyproject.toml' };
  const text = `name: svc
dependencies:
  - python=3.11
  - pip
  - pip:
    - -r requirements.txt
    - requests==2.31.0
    - -e ./libs/common
    - --extra-index-url https://pypi.example.com/simple
    - "flask>=2 ; python_version >= '3.8'"
    - bad==
`;
  const m = parseConda(text, { path: 'svc/environment.yml', probe });

  it('reads pip lines as a requirements file next to the environment file', () => {
    expect(m.declarations.map((d) => [d.line, d.name, d.ecosystem, d.dialect])).toEqual([
      [3, 'python', 'conda', 'conda'],
      [4, 'pip', 'conda', 'conda'],
      [7, 'requests', 'pypi', 'pip-line'],
      [8, null, 'pypi', 'pip-line'],
      [10, 'flask', 'pypi', 'pip-line'],
    ]);
    expect(m.declarations[3]).toMatchObject({ path: 'svc/libs/common', editable: true, source: 'path', text: '-e ./libs/common' });
    expect(m.declarations[4]).toMatchObject({ text: `"flask>=2 ; python_version >= '3.8'"`, marker: 'python_version >= "3.8"' });
  });

  it('resolves -r against the environment file directory and keeps options', () => {
    expect(m.includes).toEqual([{ line: 6, kind: 'requirement', raw: 'requirements.txt', target: 'svc/requirements.txt', url: null }]);
    expect(m.options).toEqual([{ line: 9, name: '--extra-index-url', value: 'https://pypi.example.com/simple' }]);
  });

  it('maps pip diagnostics back to the YAML line and column', () => {
    expect(m.diagnostics).toEqual([expect.objectContaining({ line: 11, column: 10, severity: 'error', code: 'invalid-requirement' })]);
  });

  it('a continuation joins two entries, as in the file conda writes', () => {
    const c = parseConda('dependencies:\n  - pip:\n    - "requests \\\\"\n    - ">=2.31"\n', { path: 'e.yml' });
    expect(c.declarations).toEqual([expect.objectContaining({ line: 3, endLine: 4, name: 'requests', specifier: '>=2.31' })]);
  });
});

describe('conda files', () => {
  it('knows the environment file names', () => {
    for (const n of ['environment.yml', 'environment-dev.yaml', 'conda.yaml', 'conda_dependencies.yml', 'env.yml']) expect(isCondaEnvironmentName(n)).toBe(true);
    for (const n of ['docker-compose.yml', 'envoy.yaml', 'environment.txt']) expect(isCondaEnvironmentName(n)).toBe(false);
  });

  it('a YAML without a dependencies list is not an environment', () => {
    expect(parseConda('name: x\n', { path: 'e.yml' }).diagnostics.map((d) => d.code)).toEqual(['conda-no-dependencies']);
    expect(parseConda('dependencies: numpy\n', { path: 'e.yml' }).diagnostics).toEqual([expect.objectContaining({ line: 1, code: 'conda-no-dependencies' })]);
  });

  it('bad YAML is one error with its position', () => {
    const m = parseConda('dependencies:\n  - numpy\n  bad: [\n', { path: 'e.yml' });
    expect(m.declarations).toEqual([]);
    expect(m.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'invalid-yaml', line: expect.any(Number) })]);
    expect(m.diagnostics[0]!.line).toBeGreaterThan(0);
  });

  it('unknown tags are warnings; the scalar is still read', () => {
    const m = parseConda('dependencies:\n  - !custom numpy=1.2\n  - !!python/object:os.system x\n', { path: 'e.yml' });
    expect(m.diagnostics.map((d) => [d.line, d.code])).toEqual([[2, 'yaml-unknown-tag'], [3, 'yaml-unknown-tag']]);
    expect(m.declarations.map((d) => d.name)).toEqual(['numpy', 'x']);
  });

  it("aliases stand for their anchors (an aliased list's items point at the anchored text)", () => {
    const m = parseConda('base: &np numpy=1.2\npips: &p [requests]\ndependencies:\n  - *np\n  - pip: *p\n', { path: 'e.yml' });
    expect(m.declarations.map((d) => [d.line, d.name, d.specifier, d.text])).toEqual([[2, 'requests', '', 'requests'], [4, 'numpy', '==1.2.*', '*np']]);
  });

  it('other installers and non-strings are reported', () => {
    const m = parseConda('dependencies:\n  - 3.8\n  - npm: [left-pad]\n  - numpy\n', { path: 'e.yml' });
    expect(m.diagnostics.map((d) => [d.line, d.severity, d.code])).toEqual([[2, 'error', 'invalid-value'], [3, 'warning', 'conda-unknown-installer']]);
    expect(m.declarations.map((d) => d.name)).toEqual(['numpy']);
  });
});
