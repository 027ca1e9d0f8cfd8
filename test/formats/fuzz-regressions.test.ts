/**
 * Parser bugs found by `npm run fuzz` (scripts/fuzz.mjs), one test each, with the shrunk input
 * the fuzzer reported. The fix for each is the smallest one in the parser; accept/reject
 * decisions stay those of pip, packaging and tomllib.
 */
import { describe, expect, it } from 'vitest';
import { parseConda } from '../../src/formats/conda/parse.js';
import { parsePipfile } from '../../src/formats/pipfile/parse.js';
import { locateToml } from '../../src/formats/pyproject/toml-locate.js';

describe('TOML locations of tables only a header implies', () => {
  it('a Pipfile category entry that is an implied table points at the header that implies it', () => {
    // Shrunk input: "[tool.poetry.dependencies]" gave a declaration with an empty span at offset 0.
    const text = '[[source]]\nurl = "https://pypi.org/simple"\n\n[tool.poetry.dependencies]\nrequests = "*"\n';
    const m = parsePipfile(text, { path: 'Pipfile' });
    expect(m.declarations.map((d) => [d.group, d.name, d.line, d.text])).toEqual([['tool', 'poetry', 4, '[tool.poetry.dependencies]']]);
  });

  it('the first header that implies a table locates it; explicit tables and array-of-tables elements keep their own', () => {
    const text = '[a]\nx = 1\n[a.b.c]\ny = 2\n[a.b.d]\n[[t.u]]\n[[t.u]]\n[t.u.v.w]\n';
    const l = locateToml(text);
    const at = (path: Array<string | number>) => {
      const e = l.entry(path);
      return e && text.slice(e.start, e.end);
    };
    expect(at(['a'])).toBe('[a]\nx = 1');
    expect(at(['a', 'b'])).toBe('[a.b.c]');
    expect(at(['t'])).toBe('[[t.u]]');
    expect(at(['t', 'u', 1, 'v'])).toBe('[t.u.v.w]');
  });

  it('a diagnostic about an implied table points at its header, not at line 1', () => {
    const m = parsePipfile('[packages]\nrequests = "*"\n\n[docs."not a name".x]\ny = 1\n', { path: 'Pipfile' });
    expect(m.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['invalid-requirement', 4, 1]]);
  });
});

describe('YAML positions of a conda file', () => {
  it('count every line, also those of a block scalar the YAML parser recovers from', () => {
    // Shrunk input: the second document was reported at line 2, column 30 of a 15-character line.
    const m = parseConda('\t>!tag !=channels:\n  - conda-forge\n  - defaults\n---\nname: x\n', { path: 'environment.yml' });
    expect(m.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['invalid-yaml', 4, 1]]);
  });
});
