/** Textual edits of the default catalog: only the planned value or lines change, byte for byte. */
import { describe, expect, it } from 'vitest';
import { editCatalog, locateDefaultCatalog, type CatalogSite } from '../../../src/consolidate/npm/catalog-edit.js';
import { parsePnpmWorkspace } from '../../../src/formats/npm/pnpm-workspace.js';

function site(text: string): CatalogSite {
  const r = locateDefaultCatalog(text);
  if (!r.ok) throw new Error(r.reason);
  return r.site;
}

function edit(text: string, updates: Record<string, string>, additions: Record<string, string> = {}): string {
  const out = editCatalog(text, site(text), new Map(Object.entries(updates)), new Map(Object.entries(additions)));
  // Whatever the edit, pnpm's reading of it must be the planned catalog.
  const read = parsePnpmWorkspace(out, { path: 'pnpm-workspace.yaml' });
  expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const [k, v] of Object.entries({ ...updates, ...additions })) expect(read.catalogs.get('default')?.get(k)?.specifier).toBe(v);
  return out;
}

describe('updating an entry', () => {
  it('replaces only the value, keeping its comment and quoting', () => {
    const text = "catalog:\n  react: ^18.2.0   # pinned for the design system\n  'zod': '3.22.0'\n  vue: \"3.4.0\"\n";
    expect(edit(text, { react: '^18.3.1', zod: '3.23.0', vue: '3.5.0' })).toBe(
      "catalog:\n  react: ^18.3.1   # pinned for the design system\n  'zod': '3.23.0'\n  vue: \"3.5.0\"\n",
    );
  });

  it('quotes a plain value only when YAML would read it differently', () => {
    expect(edit('catalog:\n  a: ^1.0.0\n', { a: '>=1.2.0' })).toBe("catalog:\n  a: '>=1.2.0'\n");
  });

  it('block scalars, aliases and multi-line values are not editable', () => {
    const s = site('x: &v ^1.0.0\ncatalog:\n  a: >-\n    ^1.0.0\n  b: *v\n  c: ^1.0.0\n');
    expect(s.entries.get('a')).toMatchObject({ editable: false });
    expect(s.entries.get('b')).toMatchObject({ editable: false });
    expect(s.entries.get('c')).toMatchObject({ editable: true });
  });
});

describe('adding entries to a block catalog', () => {
  it('sorted keys: each new key goes to its sorted place, above the comments that introduce the next key', () => {
    const text = 'packages:\n  - apps/*\n\ncatalog:\n  # UI\n  react: ^18.2.0\n\n  # testing\n  vitest: ^1.0.0\n# end\n';
    expect(edit(text, {}, { '@scope/ui': '^2.0.0', lodash: '^4.17.21', zod: '^3.0.0' })).toBe(
      "packages:\n  - apps/*\n\ncatalog:\n  '@scope/ui': ^2.0.0\n  lodash: ^4.17.21\n  # UI\n  react: ^18.2.0\n\n  # testing\n  vitest: ^1.0.0\n  zod: ^3.0.0\n# end\n",
    );
  });

  it('unsorted keys: new keys are appended after the last one, in sorted order', () => {
    const text = 'catalog:\n  zod: ^3.0.0\n  react: ^18.2.0 # ui\nonlyBuiltDependencies:\n  - esbuild\n';
    expect(edit(text, {}, { lodash: '4.17.21', axios: '^1.0.0' })).toBe(
      'catalog:\n  zod: ^3.0.0\n  react: ^18.2.0 # ui\n  axios: ^1.0.0\n  lodash: 4.17.21\nonlyBuiltDependencies:\n  - esbuild\n',
    );
  });

  it('follows the indentation, the quoting of keys and values, and CRLF', () => {
    const text = 'catalog:\r\n    "react": "^18.2.0"\r\n    "zod": "^3.0.0"\r\n';
    expect(edit(text, {}, { lodash: '^4.0.0' })).toBe('catalog:\r\n    "lodash": "^4.0.0"\r\n    "react": "^18.2.0"\r\n    "zod": "^3.0.0"\r\n');
  });

  it('keeps a BOM and a missing final newline', () => {
    const text = '\ufeffcatalog:\n  react: ^18.2.0';
    expect(edit(text, { react: '^18.3.0' }, { zod: '^3.0.0' })).toBe('\ufeffcatalog:\n  react: ^18.3.0\n  zod: ^3.0.0');
  });

  it('appends after a last entry whose value is a block scalar', () => {
    const text = 'catalog:\n  b: >-\n    ^1.0.0\n  a: ^1.0.0\n';
    expect(edit(text, {}, { c: '^1.0.0' })).toBe('catalog:\n  b: >-\n    ^1.0.0\n  a: ^1.0.0\n  c: ^1.0.0\n');
    const last = 'catalog:\n  a: ^1.0.0\n  b: >-\n    ^1.0.0\nx: 1\n';
    expect(edit(last, {}, { c: '^1.0.0' })).toBe('catalog:\n  a: ^1.0.0\n  b: >-\n    ^1.0.0\n  c: ^1.0.0\nx: 1\n');
  });

  it('names such as __proto__ and constructor are ordinary keys', () => {
    // Maps here: an object literal's `__proto__` would set its prototype.
    const text = 'catalog:\n  a: ^1.0.0\n  constructor: ^1.0.0\n';
    const out = editCatalog(text, site(text), new Map([['constructor', '^2.0.0']]), new Map([['__proto__', '^1.0.0'], ['hasOwnProperty', '1.0.0']]));
    expect(out).toBe('catalog:\n  __proto__: ^1.0.0\n  a: ^1.0.0\n  constructor: ^2.0.0\n  hasOwnProperty: 1.0.0\n');
    const read = parsePnpmWorkspace(out, { path: 'pnpm-workspace.yaml' }).catalogs.get('default')!;
    expect([...read].map(([k, e]) => [k, e.specifier])).toEqual([['__proto__', '^1.0.0'], ['a', '^1.0.0'], ['constructor', '^2.0.0'], ['hasOwnProperty', '1.0.0']]);
  });
});

describe('where the catalog is', () => {
  it('an empty `catalog:` gets its first entries under it, the comment on its line kept', () => {
    expect(edit('packages:\n  - a\ncatalog: # shared\n# later\n', {}, { x: '^1.0.0' })).toBe('packages:\n  - a\ncatalog: # shared\n  x: ^1.0.0\n# later\n');
  });

  it('no catalog: one is appended at the end', () => {
    expect(edit('packages:\n    - apps/*\n# trailing comment\n', {}, { b: '^1.0.0', a: '~2.0.0' })).toBe('packages:\n    - apps/*\n# trailing comment\ncatalog:\n    a: ~2.0.0\n    b: ^1.0.0\n');
    expect(edit('packages:\r\n- apps/*', {}, { a: '1.0.0' })).toBe('packages:\r\n- apps/*\r\ncatalog:\r\n  a: 1.0.0');
    expect(edit('', {}, { a: '1.0.0' })).toBe('catalog:\n  a: 1.0.0\n');
    expect(edit('# only a comment\n', {}, { a: '1.0.0' })).toBe('# only a comment\ncatalog:\n  a: 1.0.0\n');
  });

  it('catalogs.default is the default catalog when `catalog:` is absent', () => {
    const text = 'catalogs:\n  default:\n    react: ^18.0.0\n  legacy:\n    react: ^16.0.0\n';
    expect(edit(text, { react: '^18.2.0' }, { zod: '^3.0.0' })).toBe('catalogs:\n  default:\n    react: ^18.2.0\n    zod: ^3.0.0\n  legacy:\n    react: ^16.0.0\n');
  });

  it('a flow mapping gets new pairs inside its braces', () => {
    expect(edit('catalog: {a: ^1.0.0, c: ^1.0.0}\n', { a: '^1.1.0' }, { b: '^2.0.0', d: '^3.0.0' })).toBe('catalog: {a: ^1.1.0, b: ^2.0.0, c: ^1.0.0, d: ^3.0.0}\n');
    expect(edit('catalog: {}\n', {}, { b: '^2.0.0', a: '^1.0.0' })).toBe('catalog: {a: ^1.0.0, b: ^2.0.0}\n');
  });

  it('refuses what it cannot edit exactly', () => {
    expect(locateDefaultCatalog('catalog: [a, b]\n')).toMatchObject({ ok: false });
    expect(locateDefaultCatalog('catalog:\n  a: 1\n  a: 2\n')).toMatchObject({ ok: false });
    expect(locateDefaultCatalog('- a\n')).toMatchObject({ ok: false });
    expect(site('{packages: [a]}\n').insertBlocked).toMatch(/flow/);
    expect(site('packages: [a]\n...\n').insertBlocked).toMatch(/document/);
  });
});
