/** setup.cfg splitting as setuptools 65.5 does it (python-manifests.md §7); the goldens cover fidelity. */
import { describe, expect, it } from 'vitest';
import { parseSetupCfg } from '../../src/formats/setup-cfg/parse.js';
import { readIni } from '../../src/formats/setup-cfg/ini.js';

const read = (text: string) => parseSetupCfg(text, { path: 'setup.cfg' });
const items = (text: string) => read(text).declarations.map((d) => [d.line, d.text, d.group]);

describe('setup.cfg requirement lists', () => {
  it.each([
    ['multi-line values split on newlines', '[options]\ninstall_requires =\n    a>=1\n    b; python_version < "3.10"\n', [[3, 'a>=1', 'main'], [4, 'b; python_version < "3.10"', 'main']]],
    ['the key line can hold the first item', '[options]\ninstall_requires = a\n    b\n', [[2, 'a', 'main'], [3, 'b', 'main']]],
    ['one-line values split on ";"', '[options]\nsetup_requires = a; b ;c\n', [[2, 'a', 'build'], [2, 'b', 'build'], [2, 'c', 'build']]],
    ['commas do not split', '[options]\ntests_require = a>=1,<2\n', [[2, 'a>=1,<2', 'tests']]],
    ['# and ; comment lines inside the block are skipped', '[options]\ninstall_requires =\n  a\n  # not b\n  ; not c\n  d\n', [[3, 'a', 'main'], [6, 'd', 'main']]],
    ['blank lines inside the block are kept and dropped as items', '[options]\ninstall_requires =\n  a\n\n  b\n', [[3, 'a', 'main'], [5, 'b', 'main']]],
    ['CRLF and a lone CR end lines', '[options]\r\ninstall_requires =\r\n  a\r  b\r\n', [[3, 'a', 'main'], [4, 'b', 'main']]],
    ['":" separates too', '[options]\ninstall_requires: a\n', [[2, 'a', 'main']]],
    ['extras are groups (PEP 685 names)', '[options.extras_require]\nSec_Urity = PySocks\n', [[2, 'PySocks', 'sec-urity']]],
    ['keys are case-sensitive', '[options]\nInstall_Requires = a\n', []],
    ['other sections are not read', '[metadata]\ninstall_requires = a\n[tool:pytest]\nsetup_requires = b\n', []],
  ])('%s', (_what, text, expected) => {
    expect(items(text)).toEqual(expected);
  });

  it('keeps inline comments: the item then fails as a requirement', () => {
    const m = read('[options]\ninstall_requires =\n    requests>=2.31  # note\n    flask\n');
    expect(m.declarations.map((d) => d.name)).toEqual(['flask']);
    expect(m.diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'error', code: 'invalid-requirement' })]);
  });

  it('warns when one line is split into a requirement and a marker (setuptools does too)', () => {
    const m = read('[options.extras_require]\none = a; python_version<"3.8"\n');
    expect(m.diagnostics.map((d) => [d.line, d.code])).toEqual([[2, 'setup-cfg-marker-split'], [2, 'invalid-requirement']]);
  });

  it('notes a file: directive without following it', () => {
    const m = read('[options]\ninstall_requires = file: requirements.txt, extra.txt\n');
    expect(m.declarations).toEqual([]);
    expect(m.diagnostics).toEqual([expect.objectContaining({ line: 2, severity: 'warning', code: 'setup-cfg-file-directive' })]);
    expect(m.includes).toEqual([]);
  });

  it('interpolates %(name)s and %% per line, keeping each item on its line', () => {
    const m = read('[DEFAULT]\nbase = requests>=2\n[options]\npin = ==1.0\ninstall_requires =\n  %(base)s\n  flask%(pin)s\n  x%%y\n');
    expect(m.declarations.map((d) => [d.line, d.requirement, d.text])).toEqual([[6, 'requests>=2', '%(base)s'], [7, 'flask==1.0', 'flask%(pin)s']]);
    expect(m.diagnostics.map((d) => [d.line, d.code])).toEqual([[8, 'invalid-requirement']]);
  });

  it('a bare % fails the whole value, as configparser does', () => {
    const m = read('[options]\ninstall_requires =\n  pkg @ https://x/a%20b.whl\n');
    expect(m.declarations).toEqual([]);
    expect(m.diagnostics.map((d) => [d.line, d.code])).toEqual([[2, 'invalid-ini']]);
  });

  it('reads dash-separated keys with a warning', () => {
    const m = read('[options]\ninstall-requires = a\npython-requires = >=3.8\n');
    expect(m.declarations.map((d) => d.name)).toEqual(['a']);
    expect(m.requiresPython.map((p) => p.specifier)).toEqual(['>=3.8']);
    expect(m.diagnostics.map((d) => d.code)).toEqual(['setup-cfg-dash-key', 'setup-cfg-dash-key']);
  });

  it('python_requires is the Python constraint', () => {
    expect(read('[options]\npython_requires = >=3.9, !=3.9.1\n').requiresPython).toEqual([
      { line: 2, source: 'options.python_requires', written: '>=3.9, !=3.9.1', specifier: '!=3.9.1,>=3.9' },
    ]);
  });
});

describe('INI errors configparser raises', () => {
  it.each([
    ['a line before any section', 'install_requires = a\n', 1],
    ['a duplicate option', '[options]\ninstall_requires = a\ninstall_requires = b\n', 3],
    ['a duplicate section', '[options]\n[options]\n', 2],
    ['a line without a delimiter', '[options]\njust text\n', 2],
  ])('%s', (_what, text, line) => {
    expect(readIni(text).errors.map((e) => e.line)).toEqual([line]);
    expect(read(text).diagnostics).toContainEqual(expect.objectContaining({ line, severity: 'error', code: 'invalid-ini' }));
  });

  it('keeps the first of duplicate options', () => {
    expect(items('[options]\ninstall_requires = a\ninstall_requires = b\n')).toEqual([[2, 'a', 'main']]);
  });
});
