/**
 * pyproject.toml beyond the goldens: how include-group is represented, uv's constraint and
 * override lists and indexes, dynamic fields, and what a broken file gives.
 */
import { describe, expect, it } from 'vitest';
import { expandDependencyGroup, MAX_GROUP_EXPANSION, parsePyproject } from '../../src/formats/pyproject/parse.js';

describe('[dependency-groups]', () => {
  const m = parsePyproject(
    `[dependency-groups]
Coverage = ["coverage[toml]"]
test = [
  "pytest>7",
  {include-group = "COVERAGE"},
  "hypothesis",
]
all = [{include-group = "test"}, {include-group = "coverage"}]
`,
    { path: 'pyproject.toml' },
  );

  it('declares each string once, under the group that writes it', () => {
    expect(m.declarations.map((d) => [d.line, d.name, d.group, d.role])).toEqual([
      [2, 'coverage', 'coverage', 'group'],
      [4, 'pytest', 'test', 'group'],
      [6, 'hypothesis', 'test', 'group'],
    ]);
  });

  it('keeps includes as items at their position, with normalized names', () => {
    expect(m.dependencyGroups).toEqual([
      { name: 'coverage', rawName: 'Coverage', line: 2, items: [{ kind: 'declaration', index: 0 }] },
      {
        name: 'test', rawName: 'test', line: 3,
        items: [{ kind: 'declaration', index: 1 }, { kind: 'include', group: 'coverage', rawGroup: 'COVERAGE', line: 5 }, { kind: 'declaration', index: 2 }],
      },
      {
        name: 'all', rawName: 'all', line: 8,
        items: [{ kind: 'include', group: 'test', rawGroup: 'test', line: 8 }, { kind: 'include', group: 'coverage', rawGroup: 'coverage', line: 8 }],
      },
    ]);
  });

  it('expands a group as PEP 735 does: in place, repeats kept', () => {
    const all = expandDependencyGroup(m.dependencyGroups, m.declarations, 'ALL');
    expect(all.ok && all.value.map((d) => d.name)).toEqual(['pytest', 'coverage', 'hypothesis', 'coverage']);
    expect(expandDependencyGroup(m.dependencyGroups, m.declarations, 'nope')).toEqual({ ok: false, error: 'dependency group "nope" not found' });
  });

  it('reports cycles, unknown groups and bad tables at the include', () => {
    const bad = parsePyproject('[dependency-groups]\na = [{include-group = "b"}]\nb = [{include-group = "a"}]\nc = [{include-group = "zz"}]\nd = [{include-group = "a", x = 1}]\n', { path: 'p' });
    expect(bad.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [3, 'include-group-cycle'], [4, 'unknown-dependency-group'], [5, 'invalid-include-group'],
    ]);
    for (const g of ['a', 'b', 'c', 'd']) expect(expandDependencyGroup(bad.dependencyGroups, bad.declarations, g).ok).toBe(false);
  });

  it('refuses an expansion that doubles at every level instead of running out of memory', () => {
    const levels = Array.from({ length: 40 }, (_, i) => `g${i + 1} = [{include-group = "g${i}"}, {include-group = "g${i}"}]`);
    const big = parsePyproject(`[dependency-groups]\ng0 = ["x"]\n${levels.join('\n')}\nempty0 = []\n${levels.map((l) => l.replace(/g(\d+)/g, 'empty$1')).join('\n')}\n`, { path: 'p' });
    const started = Date.now();
    expect(expandDependencyGroup(big.dependencyGroups, big.declarations, 'g40')).toEqual({ ok: false, error: `dependency group "g40" expands to more than ${MAX_GROUP_EXPANSION} requirements` });
    expect(expandDependencyGroup(big.dependencyGroups, big.declarations, 'empty40').ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('[tool.uv]', () => {
  const m = parsePyproject(
    `[project]
name = "svc"
dependencies = ["grpcio"]

[tool.uv]
constraint-dependencies = ["grpcio<1.65"]
override-dependencies = ["werkzeug==2.3.0; sys_platform == 'linux'"]
build-constraint-dependencies = ["setuptools<70"]
dev-dependencies = ["pytest"]
index-url = "https://mirror.example.com/simple"
extra-index-url = ["https://extra.example.com/simple"]

[[tool.uv.index]]
name = "pytorch"
url = "https://download.pytorch.org/whl/cpu"
explicit = true

[[tool.uv.index]]
name = "corp"
url = "https://pypi.corp/simple"
default = true
`,
    { path: 'pyproject.toml' },
  );

  it('gives constraints and overrides their roles', () => {
    expect(m.declarations.map((d) => [d.line, d.name, d.group, d.role, d.constraint, d.specifier])).toEqual([
      [3, 'grpcio', 'main', 'requirement', false, ''],
      [6, 'grpcio', 'main', 'constraint', true, '<1.65'],
      [7, 'werkzeug', 'main', 'override', false, '==2.3.0'],
      [8, 'setuptools', 'build', 'constraint', true, '<70'],
      [9, 'pytest', 'dev', 'dev', false, ''],
    ]);
  });

  it('turns indexes into options (default = true replaces PyPI)', () => {
    expect(m.options).toEqual([
      { line: 10, name: '--index-url', value: 'https://mirror.example.com/simple' },
      { line: 11, name: '--extra-index-url', value: 'https://extra.example.com/simple' },
      { line: 15, name: '--extra-index-url', value: 'https://download.pytorch.org/whl/cpu' },
      { line: 20, name: '--index-url', value: 'https://pypi.corp/simple' },
    ]);
  });
});

describe('the rest of pyproject.toml', () => {
  it('says when dependencies are dynamic', () => {
    const m = parsePyproject('[project]\nname = "x"\ndynamic = ["version", "dependencies"]\n', { path: 'p' });
    expect(m.dynamic).toEqual(['version', 'dependencies']);
    expect(m.diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'warning', code: 'dynamic-dependencies' })]);
  });

  it('bad TOML is one error with line and column, and nothing else', () => {
    const m = parsePyproject('[project]\ndependencies = ["a",\n  "b" "c"]\n', { path: 'p' });
    expect(m.declarations).toEqual([]);
    expect(m.diagnostics).toEqual([expect.objectContaining({ line: 3, column: 7, severity: 'error', code: 'invalid-toml' })]);
  });

  it.each([
    ['t = {a = 1,\n  b = 2}', 'a newline or comment inside an inline table', 12],
    ['t = {a = 1, }', 'a trailing comma in an inline table', 13],
    ['t = "\\e[0m"', 'the escape \\e', 6],
    ['t = "\\x41"', 'the escape \\x', 6],
    ['t = 07:32', 'a time without seconds', 5],
    ['t = 1979-05-27T07:32Z', 'a time without seconds', 5],
  ])('TOML 1.1 syntax (%j) is what tomllib refuses: an error, the file still read', (line, what, column) => {
    const m = parsePyproject(`[project]\ndependencies = ["a"]\n[tool.x]\n${line}\n`, { path: 'p' });
    expect(m.declarations.map((d) => d.name)).toEqual(['a']);
    expect(m.diagnostics).toEqual([expect.objectContaining({ line: 4, column, severity: 'error', code: 'invalid-toml', message: expect.stringContaining(what) })]);
  });

  it('TOML 1.0 forms are not flagged', () => {
    const m = parsePyproject('[tool.x]\nt = {a = [\n 1,\n 2,\n], b = "\\u00e9\\t"}\nd = 1979-05-27T07:32:00Z\ne = 07:32:00\nf = """\na \\\n  b"""\n', { path: 'p' });
    expect(m.diagnostics).toEqual([]);
  });

  it('a bad requirement is an error at its line; the others are read', () => {
    const m = parsePyproject('[project]\ndependencies = [\n  "ok1",\n  "bad==",\n  "ok2",\n]\n', { path: 'p' });
    expect(m.declarations.map((d) => d.name)).toEqual(['ok1', 'ok2']);
    expect(m.diagnostics).toEqual([expect.objectContaining({ line: 4, column: 7, severity: 'error', code: 'invalid-requirement' })]);
  });

  it('a byte-order mark is what tomllib refuses: an error, but the file is still read', () => {
    const m = parsePyproject('\uFEFF[project]\ndependencies = ["a"]\n', { path: 'p' });
    expect(m.bom).toBe(true);
    expect(m.declarations.map((d) => [d.line, d.name])).toEqual([[2, 'a']]);
    expect(m.diagnostics.map((d) => [d.line, d.code])).toEqual([[1, 'bom']]);
  });

  it('keys such as __proto__ and constructor are plain keys', () => {
    const m = parsePyproject('[project.optional-dependencies]\n__proto__ = ["a"]\nconstructor = ["b"]\n[dependency-groups]\n__proto__ = ["c"]\n', { path: 'p' });
    expect(m.declarations.map((d) => [d.name, d.group])).toEqual([['a', '-proto-'], ['b', 'constructor'], ['c', '-proto-']]);
  });

  it('records the file shape', () => {
    const m = parsePyproject('[project]\r\ndependencies = ["a"]', { path: 'p' });
    expect([m.kind, m.newline, m.finalNewline, m.encoding, m.sha256, m.blocks]).toEqual(['pyproject', '\r\n', false, 'utf-8', null, []]);
  });
});
