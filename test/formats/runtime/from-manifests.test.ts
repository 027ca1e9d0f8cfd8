/** requires-python, Poetry's python, Pipfile [requires] and engines.node → runtimes. */
import { describe, expect, it } from 'vitest';
import { parsePackageJson } from '../../../src/formats/npm/package-json.js';
import { parsePipfile } from '../../../src/formats/pipfile/parse.js';
import { parsePyproject } from '../../../src/formats/pyproject/parse.js';
import { runtimesFromPackageJson, runtimesFromPipfile, runtimesFromPyproject } from '../../../src/formats/runtime/from-manifests.js';

describe('pyproject.toml', () => {
  const of = (text: string) => runtimesFromPyproject(parsePyproject(text, { path: 'api/pyproject.toml' }));

  it('requires-python is a range, normalized as PEP 440, written as in the file', () => {
    const r = of('[project]\nname = "api"\nrequires-python = ">= 3.9, <4"\n');
    expect(r).toEqual({
      runtimes: [{ runtime: 'python', source: 'requires-python', path: 'api/pyproject.toml', line: 3, column: 20, written: '>= 3.9, <4', version: null, range: '<4,>=3.9', service: null }],
      diagnostics: [],
    });
  });

  it("Poetry's python converts to PEP 440 and keeps its caret as written", () => {
    const r = of('[tool.poetry]\nname = "api"\n\n[tool.poetry.dependencies]\npython = "^3.10"\n');
    expect(r.runtimes.map((x) => [x.line, x.column, x.written, x.range])).toEqual([[5, 11, '^3.10', '<4.0.0,>=3.10.0']]);
  });

  it('a constraint that admits everything says nothing', () => {
    expect(of('[tool.poetry.dependencies]\npython = "*"\n').runtimes).toEqual([]);
  });

  it('no requires-python, no runtime; an escaped string has no column', () => {
    expect(of('[project]\nname = "api"\n').runtimes).toEqual([]);
    expect(of('[project]\nrequires-python = "\\u003e=3.9"\n').runtimes.map((x) => [x.line, x.column, x.range])).toEqual([[2, 0, '>=3.9']]);
  });
});

describe('Pipfile', () => {
  it('[requires] python_version and python_full_version are exact versions', () => {
    const p = parsePipfile('[packages]\nrequests = "*"\n\n[requires]\npython_version = "3.11"\npython_full_version = "3.11.4"\n', { path: 'svc/Pipfile' });
    expect(runtimesFromPipfile(p).runtimes.map((x) => `${x.source} ${x.version} ${x.range} ${x.line}:${x.column} ${x.written}`)).toEqual([
      'pipfile 3.11 null 5:19 3.11',
      'pipfile 3.11.4 null 6:24 3.11.4',
    ]);
  });
});

describe('package.json', () => {
  const of = (text: string) => runtimesFromPackageJson(parsePackageJson(text, { path: 'web/package.json' }));

  it('engines.node is a range as written', () => {
    expect(of('{\n  "name": "web",\n  "engines": { "node": ">=20 <23" }\n}\n')).toEqual({
      runtimes: [{ runtime: 'node', source: 'engines', path: 'web/package.json', line: 3, column: 25, written: '>=20 <23', version: null, range: '>=20 <23', service: null }],
      diagnostics: [],
    });
  });

  it('no engines, or engines for other tools, or any version: nothing', () => {
    expect(of('{ "name": "web" }').runtimes).toEqual([]);
    expect(of('{ "engines": { "npm": ">=10" } }').runtimes).toEqual([]);
    expect(of('{ "engines": { "node": "*" } }').runtimes).toEqual([]);
    expect(of('{ "engines": { "node": "" } }').runtimes).toEqual([]);
  });

  it('a range semver cannot read is a warning', () => {
    const r = of('{ "engines": { "node": "twenty" } }');
    expect(r.runtimes).toEqual([]);
    expect(r.diagnostics).toEqual([
      { path: 'web/package.json', line: 1, column: 24, severity: 'warning', code: 'invalid-engines-range', message: 'engines.node "twenty" is not a semver range; not compared' },
    ]);
  });

  it('a 2 MB range is refused before semver parses it (was: 16 s in one report)', () => {
    const start = performance.now();
    const r = of(`{ "engines": { "node": ">=${'1 '.repeat(1 << 20)}" } }`);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(r.runtimes).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['invalid-engines-range engines.node is 2097154 characters long, over 1024; not read as a semver range, not compared']);
  });
});
