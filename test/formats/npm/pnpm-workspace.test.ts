import { describe, expect, it } from 'vitest';
import { parsePnpmWorkspace } from '../../../src/formats/npm/pnpm-workspace.js';

const parse = (text: string) => parsePnpmWorkspace(text, { path: 'pnpm-workspace.yaml' });

describe('parsePnpmWorkspace', () => {
  const text = `# the workspace
packages:
  - 'apps/*'
  - packages/**
  - '!**/test/**'

catalog:
  react: ^18.2.0
  lodash: 4.17.21 # pinned
  semver: 7.0

catalogs:
  react17:
    react: "17.0.2"
    react-dom: 17.0.2
`;
  const ws = parse(text);

  it('reads the packages globs in order, negations included', () => {
    expect(ws.diagnostics).toEqual([]);
    expect(ws.packages.map((p) => [p.value, p.line, p.column])).toEqual([
      ['apps/*', 3, 5],
      ['packages/**', 4, 5],
      ['!**/test/**', 5, 5],
    ]);
  });

  it('reads the default and named catalogs, values as written', () => {
    expect([...ws.catalogs.keys()]).toEqual(['default', 'react17']);
    expect([...ws.catalogs.get('default')!.values()].map((e) => [e.name, e.specifier, e.line])).toEqual([
      ['react', '^18.2.0', 8],
      ['lodash', '4.17.21', 9],
      // YAML would read 7.0 as the number 7; the specifier is the text.
      ['semver', '7.0', 10],
    ]);
    expect(ws.catalogs.get('react17')!.get('react')).toMatchObject({ specifier: '17.0.2', line: 14, column: 12 });
  });

  it('catalog entries are constraint declarations with positions', () => {
    expect(ws.declarations.map((d) => [d.name, d.group, d.role, d.constraint, d.specifier, d.line, d.text])).toEqual([
      ['react', 'catalog', 'constraint', true, '^18.2.0', 8, 'react: ^18.2.0'],
      ['lodash', 'catalog', 'constraint', true, '4.17.21', 9, 'lodash: 4.17.21'],
      ['semver', 'catalog', 'constraint', true, '7.0', 10, 'semver: 7.0'],
      ['react', 'catalogs.react17', 'constraint', true, '17.0.2', 14, 'react: "17.0.2"'],
      ['react-dom', 'catalogs.react17', 'constraint', true, '17.0.2', 15, 'react-dom: 17.0.2'],
    ]);
    for (const d of ws.declarations) expect(text.slice(d.span.start, d.span.end)).toBe(d.text);
  });

  it('catalog and catalogs.default are one catalog', () => {
    const w = parse('catalog:\n  a: ^1.0.0\ncatalogs:\n  default:\n    a: ^2.0.0\n    b: ^3.0.0\n');
    expect([...w.catalogs.get('default')!.keys()]).toEqual(['a', 'b']);
    expect(w.diagnostics.map((d) => [d.code, d.line])).toEqual([['duplicate-catalog-entry', 5]]);
  });

  it('problems are diagnostics, never throws', () => {
    expect(parse('').diagnostics).toEqual([]);
    expect(parse('packages: [').diagnostics[0]).toMatchObject({ severity: 'error', code: 'invalid-yaml', line: 1 });
    expect(parse('- a\n- b\n').diagnostics.map((d) => d.code)).toEqual(['invalid-pnpm-workspace']);
    expect(parse('catalog:\n  a: ^1\n  a: ^2\n').diagnostics.map((d) => [d.code, d.line])).toEqual([['duplicate-key', 3]]);
    const bad = parse('packages: apps/*\ncatalog:\n  a: ~\n  b: [1]\n  c:\ncatalogs: 3\n');
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      'packages must be a list of globs',
      'catalog.a must be a specifier string',
      'catalog.b must be a specifier string',
      'catalog.c must be a specifier string',
      'catalogs must be a mapping of catalog names',
    ]);
  });

  it('an empty catalog: or catalogs: is no catalog, not an error (pnpm checks `catalog == null` first)', () => {
    const w = parse('packages:\n  - a\ncatalog:\ncatalogs: # none yet\n');
    expect(w.diagnostics).toEqual([]);
    expect(w.catalogs.size).toBe(0);
    expect(parse('catalog: 3\n').diagnostics.map((d) => d.code)).toEqual(['invalid-field']);
  });

  it('aliases are not expanded and odd keys are data', () => {
    const bomb = 'a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\ncatalog:\n  __proto__: ^1.0.0\n  constructor: *c\n';
    const w = parse(bomb);
    expect(w.catalogs.get('default')!.get('__proto__')?.specifier).toBe('^1.0.0');
    expect(w.diagnostics.map((d) => d.message)).toEqual(['catalog.constructor must be a specifier string']);
  });
});

describe('hostile pnpm-workspace.yaml (issue 8)', () => {
  it('100,000 nested flow sequences are refused before yaml composes them (was: a caught stack overflow)', () => {
    const r = parse(`packages: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)).toEqual([
      '1:1 error invalid-yaml invalid YAML: collections nested deeper than 100 levels; not read',
    ]);
    expect(r.packages).toEqual([]);
  });

  it('packages globs that reach outside the scanned root are a warning; negations and inner ../ are not', () => {
    const r = parse('packages:\n  - "../../*"\n  - /etc/*\n  - apps/../libs/*\n  - "!../x"\n');
    expect(r.packages.map((p) => p.value)).toEqual(['../../*', '/etc/*', 'apps/../libs/*', '!../x']);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['2:5 workspace-outside-root', '3:5 workspace-outside-root']);
    expect(parsePnpmWorkspace('packages: ["../libs/*"]\n', { path: 'apps/pnpm-workspace.yaml' }).diagnostics).toEqual([]);
  });
});
