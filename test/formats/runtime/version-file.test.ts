/** .python-version (pyenv), .nvmrc (nvm) and .node-version (nodenv, fnm) → runtimes. */
import { describe, expect, it } from 'vitest';
import { parseNodeVersionFile, parseNvmrc, parsePythonVersionFile, parseRuntimeVersionFile } from '../../../src/formats/runtime/version-file.js';

const py = (text: string) => parsePythonVersionFile(text, { path: 'api/.python-version' });
const nvmrc = (text: string) => parseNvmrc(text, { path: 'web/.nvmrc' });
const nodeVersion = (text: string) => parseNodeVersionFile(text, { path: 'web/.node-version' });
const one = (r: { runtimes: Array<{ version: string | null; written: string; line: number; column: number }> }) =>
  r.runtimes.map((x) => `${x.version ?? '-'} ${x.written} ${x.line}:${x.column}`);

describe('.python-version', () => {
  it.each([
    ['3.11\n', '3.11 3.11 1:1'],
    ['3.11.4', '3.11.4 3.11.4 1:1'],
    ['3.12t\n', '3.12 3.12t 1:1'],
    ['3.13.0rc1\n', '3.13.0rc1 3.13.0rc1 1:1'],
    ['3.14-dev\n', '3.14 3.14-dev 1:1'],
    ['python-3.12\n', '3.12 python-3.12 1:1'],
    ['3.10.4/envs/api\n', '3.10.4 3.10.4/envs/api 1:1'],
    ['system\n', '- system 1:1'],
    ['my-venv\n', '- my-venv 1:1'],
    ['  3.11 # the service runtime\r\n', '3.11 3.11 1:3'],
  ])('%j → %s', (text, expected) => {
    const r = py(text);
    expect(one(r)).toEqual([expected]);
    expect(r.runtimes[0]).toMatchObject({ runtime: 'python', source: 'python-version', path: 'api/.python-version', range: null, service: null });
    expect(r.diagnostics).toEqual([]);
  });

  it('the first version is the runtime; later lines are extra interpreters', () => {
    expect(one(py('# for tox\n\n3.12.1\n3.11.7 3.10\n3.10.13\n'))).toEqual(['3.12.1 3.12.1 3:1']);
  });

  it('pyenv skips blank lines, # words and ..', () => {
    expect(one(py('\n   \n#3.9\n..\n\t3.11\n'))).toEqual(['3.11 3.11 5:2']);
  });

  it.each(['pypy3.10-7.3.12\n', 'pypy3.9\n3.11\n', 'miniconda3-latest\n', 'graalpy-23.1.0\n', 'jython-2.7.2\n'])('%j is not CPython: no declaration', (text) => {
    expect(py(text)).toEqual({ runtimes: [], diagnostics: [] });
  });

  it('an empty file declares nothing', () => {
    expect(py('')).toEqual({ runtimes: [], diagnostics: [] });
    expect(py('\n# only a comment\n')).toEqual({ runtimes: [], diagnostics: [] });
  });

  it('a BOM does not count as a column', () => {
    expect(one(py('\uFEFF3.11\n'))).toEqual(['3.11 3.11 1:1']);
  });
});

describe('.nvmrc', () => {
  it.each([
    ['20\n', '20 20 1:1'],
    ['v20.11.1\n', '20.11.1 v20.11.1 1:1'],
    ['20.11', '20.11 20.11 1:1'],
    ['lts/iron\n', '- lts/iron 1:1'],
    ['lts/*\n', '- lts/* 1:1'],
    ['node\n', '- node 1:1'],
    ['# pinned for the CI image\n  18 # hydrogen\n', '18 18 2:3'],
  ])('%j → %s', (text, expected) => {
    const r = nvmrc(text);
    expect(one(r)).toEqual([expected]);
    expect(r.runtimes[0]).toMatchObject({ runtime: 'node', source: 'nvmrc', path: 'web/.nvmrc', range: null });
    expect(r.diagnostics).toEqual([]);
  });

  it('key=value lines are options, not the version: none at all is a warning', () => {
    const r = nvmrc('node=20\n');
    expect(r.runtimes).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 0, severity: 'warning', code: 'invalid-version-file', message: '.nvmrc names no version' })]);
  });

  it('options beside the version', () => {
    expect(one(nvmrc('lts/iron\nnpm=10\n'))).toEqual(['- lts/iron 1:1']);
  });

  it.each(['>=18\n', '^20\n', ' ~20.1\n'])('a range (%j) is not something nvm reads: a warning, nothing declared', (text) => {
    const r = nvmrc(text);
    expect(r.runtimes).toEqual([]);
    expect(r.diagnostics).toEqual([
      { path: 'web/.nvmrc', line: 1, column: text.indexOf(text.trim()) + 1, severity: 'warning', code: 'invalid-version-file', message: `${text.trim()}: version managers read a version or an alias here, not a range` },
    ]);
  });

  it('two bare versions: a warning at the second, the first is read', () => {
    const r = nvmrc('18\n20\n');
    expect(one(r)).toEqual(['18 18 1:1']);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['2:1 invalid-version-file']);
  });
});

describe('.node-version', () => {
  it.each([
    ['20.11.1\n', '20.11.1 20.11.1 1:1'],
    ['v22\n', '22 v22 1:1'],
    ['\n# comment\n 18.19.0 trailing\n', '18.19.0 18.19.0 3:2'],
    ['lts/hydrogen\n', '- lts/hydrogen 1:1'],
  ])('%j → %s', (text, expected) => {
    const r = nodeVersion(text);
    expect(one(r)).toEqual([expected]);
    expect(r.runtimes[0]?.source).toBe('node-version');
  });
});

describe('by file name', () => {
  it('dispatches on the base name; other files declare nothing', () => {
    expect(parseRuntimeVersionFile('3.11\n', { path: 'a/.python-version' }).runtimes.map((r) => r.source)).toEqual(['python-version']);
    expect(parseRuntimeVersionFile('20\n', { path: '.nvmrc' }).runtimes.map((r) => r.source)).toEqual(['nvmrc']);
    expect(parseRuntimeVersionFile('20\n', { path: 'b/c/.node-version' }).runtimes.map((r) => r.source)).toEqual(['node-version']);
    expect(parseRuntimeVersionFile('20\n', { path: 'b/.nvmrc.bak' })).toEqual({ runtimes: [], diagnostics: [] });
  });
});
