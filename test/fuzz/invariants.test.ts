/**
 * The fuzz properties must be able to fail, and the generators must reach the parsers' deep
 * paths: broken results are rejected by each invariant, and generated manifests are often
 * valid enough to declare something (and often broken enough to be diagnosed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedFormat } from '../../src/model/manifest.js';
import { parseConda } from '../../src/formats/conda/parse.js';
import { parsePackageJson } from '../../src/formats/npm/package-json.js';
import { parsePnpmWorkspace } from '../../src/formats/npm/pnpm-workspace.js';
import { parsePipfile } from '../../src/formats/pipfile/parse.js';
import { parsePyproject } from '../../src/formats/pyproject/parse.js';
import { parseRequirementsText } from '../../src/formats/requirements/parse.js';
import { parseDockerfileRuntimes } from '../../src/formats/runtime/dockerfile.js';
import { parseSetupCfg } from '../../src/formats/setup-cfg/parse.js';
import { setupCfgText } from './arbitraries/ini.js';
import { packageJsonText } from './arbitraries/json.js';
import { requirementsText } from './arbitraries/requirements.js';
import { dockerfileText } from './arbitraries/runtime.js';
import { pipfileText, pyprojectText } from './arbitraries/toml.js';
import { condaText, pnpmText } from './arbitraries/yaml.js';
import { checkRuntimes, checkShape, InvariantError, lineBounds } from './invariants.js';
import { checkReEmit } from './re-emit.js';

const TEXT = '[project]\nname = "x"\ndependencies = ["requests>=2", "numpy"]\n';
const OPTS = { path: 'p.toml', lines: 'lf' as const };
const good = () => parsePyproject(TEXT, { path: 'p.toml' });

describe('checkShape', () => {
  it('accepts a real parse', () => {
    expect(good().declarations).toHaveLength(2);
    expect(() => checkShape(good(), TEXT, OPTS)).not.toThrow();
  });

  it.each<[string, (m: ParsedFormat) => void, string]>([
    ['a diagnostic past the last line', (m) => m.diagnostics.push({ path: 'p.toml', line: 5, column: 1, severity: 'error', code: 'x', message: 'm' }), 'line past the end'],
    ['a column past the end of its line', (m) => m.diagnostics.push({ path: 'p.toml', line: 2, column: 12, severity: 'error', code: 'x', message: 'm' }), 'column past the end'],
    ['a column on line 0', (m) => m.diagnostics.push({ path: 'p.toml', line: 0, column: 3, severity: 'error', code: 'x', message: 'm' }), 'a column on line 0'],
    ['a negative line', (m) => m.diagnostics.push({ path: 'p.toml', line: -1, column: 0, severity: 'error', code: 'x', message: 'm' }), 'negative'],
    ['another path', (m) => m.diagnostics.push({ path: 'q.toml', line: 1, column: 1, severity: 'error', code: 'x', message: 'm' }), 'wrong path'],
    ['a span past the end', (m) => (m.declarations[0]!.span = { start: 40, end: 400 }), 'span outside the text'],
    ['text that is not the span', (m) => (m.declarations[0]!.text = '"requests"'), 'not the span'],
    ['a wrong line', (m) => (m.declarations[0]!.line = 2), 'line is not'],
    ['a raw name not in the text', (m) => (m.declarations[1]!.rawName = 'scipy'), 'raw name is not in'],
    ['a name that is not the canonical raw name', (m) => (m.declarations[1]!.name = 'NumPy'), 'not the canonical raw name'],
    ['blocks with a gap', (m) => (m.blocks = [{ kind: 'blank', line: 1, endLine: 1, start: 0, end: 10 }, { kind: 'blank', line: 2, endLine: 3, start: 11, end: TEXT.length }]), 'does not start where'],
    ['blocks that stop short', (m) => (m.blocks = [{ kind: 'blank', line: 1, endLine: 1, start: 0, end: 10 }]), 'blocks end at'],
  ])('rejects %s', (_label, breakIt, message) => {
    const m = good();
    breakIt(m);
    expect(() => checkShape(m, TEXT, OPTS)).toThrow(InvariantError);
    expect(() => checkShape(m, TEXT, OPTS)).toThrow(message);
  });

  it('counts lines as each parser does', () => {
    const text = 'a\r\nb\rc\fd\u2028e\n';
    expect(lineBounds(text, 'lf')).toHaveLength(3);
    expect(lineBounds(text, 'universal')).toHaveLength(4);
    expect(lineBounds(text, 'python').map(([s, e]) => text.slice(s, e))).toEqual(['a', 'b', 'c', 'd', 'e', '']);
  });
});

describe('checkRuntimes', () => {
  const text = '\uFEFFFROM python:3.11\nFROM node:20 AS web\n';
  const read = () => parseDockerfileRuntimes(text, { path: 'D' });

  it('accepts a real parse, BOM included', () => {
    expect(read().runtimes.map((r) => [r.line, r.column, r.written])).toEqual([[1, 6, 'python:3.11'], [2, 6, 'node:20']]);
    expect(() => checkRuntimes(read(), text, 'D')).not.toThrow();
  });

  it('rejects a runtime whose position is not where its text starts, or past its line', () => {
    const r = read();
    r.runtimes[1]!.column = 7;
    expect(() => checkRuntimes(r, text, 'D')).toThrow('the text at its position');
    const s = read();
    s.runtimes[0]!.column = 40;
    expect(() => checkRuntimes(s, text, 'D')).toThrow('column past the end');
  });
});

describe('checkReEmit', () => {
  const text = 'a==1\n# c\nb==2 \\\n  ; python_version < "3"\n-r base.txt\n';
  const ctx = { path: 'r.txt' };
  const m = parseRequirementsText(text, ctx);

  it('accepts the parser on every subsequence of blocks', () => {
    for (let mask = 0; mask < 1 << m.blocks.length; mask++) {
      const keep = m.blocks.map((_, i) => (mask & (1 << i)) !== 0);
      expect(() => checkReEmit(m, keep, (t) => parseRequirementsText(t, ctx))).not.toThrow();
    }
  });

  it('rejects a parse that depends on the neighbouring blocks', () => {
    const drop = (t: string) => {
      const r = parseRequirementsText(t, ctx);
      return { ...r, declarations: r.declarations.slice(1) };
    };
    expect(() => checkReEmit(m, [true], drop)).toThrow(InvariantError);
    expect(() => checkReEmit(m, [true], (t) => parseRequirementsText(t.replace('b==2', 'b==3'), ctx))).toThrow(InvariantError);
  });
});

describe('the generators reach both the declaring and the refusing paths', () => {
  it.each<[string, fc.Arbitrary<string>, (t: string) => ParsedFormat]>([
    ['requirements', requirementsText, (t) => parseRequirementsText(t, { path: 'r.txt' })],
    ['pyproject', pyprojectText, (t) => parsePyproject(t, { path: 'p' })],
    ['pipfile', pipfileText, (t) => parsePipfile(t, { path: 'p' })],
    ['setup-cfg', setupCfgText, (t) => parseSetupCfg(t, { path: 'p' })],
    ['conda', condaText, (t) => parseConda(t, { path: 'p' })],
    ['package-json', packageJsonText, (t) => parsePackageJson(t, { path: 'p' })],
    ['pnpm-workspace', pnpmText, (t) => parsePnpmWorkspace(t, { path: 'p' })],
  ])('%s', (_name, arbitrary, parse) => {
    const results = fc.sample(arbitrary, { numRuns: 300, seed: 5 }).map(parse);
    const declaring = results.filter((m) => m.declarations.length > 0).length;
    const erring = results.filter((m) => m.diagnostics.some((d) => d.severity === 'error')).length;
    expect(declaring).toBeGreaterThan(300 * 0.1);
    expect(erring).toBeGreaterThan(300 * 0.1);
  });

  it('dockerfile', () => {
    const results = fc.sample(dockerfileText, { numRuns: 300, seed: 5 }).map((t) => parseDockerfileRuntimes(t, { path: 'D' }));
    expect(results.filter((r) => r.runtimes.length > 0).length).toBeGreaterThan(300 * 0.1);
    expect(results.filter((r) => r.diagnostics.length > 0).length).toBeGreaterThan(300 * 0.1);
  });
});
