import { describe, expect, it } from 'vitest';
import { parsePackageJson } from '../../../src/formats/npm/package-json.js';

const parse = (text: string, path = 'apps/web/package.json') => parsePackageJson(text, { path });

describe('parsePackageJson: declarations', () => {
  const text = `{
  "name": "web",
  "version": "1.2.0",
  "dependencies": {
    "react": "^18.2.0",
    "@scope/util": "1.0.0"
  },
  "devDependencies": { "typescript": "~5.5.2" },
  "peerDependencies": {
    "react-dom": ">=18"
  },
  "optionalDependencies": {
    "fsevents": "2.3.3"
  }
}
`;
  const m = parse(text);

  it('reads every group with its role, as npm/npm', () => {
    expect(m.kind).toBe('package-json');
    expect(m.diagnostics).toEqual([]);
    expect(m.declarations.map((d) => [d.name, d.group, d.role, d.specifier, d.source, d.line])).toEqual([
      ['react', 'dependencies', 'requirement', '^18.2.0', 'index', 5],
      ['@scope/util', 'dependencies', 'requirement', '1.0.0', 'index', 6],
      ['typescript', 'devDependencies', 'dev', '~5.5.2', 'index', 8],
      ['react-dom', 'peerDependencies', 'peer', '>=18', 'index', 10],
      ['fsevents', 'optionalDependencies', 'optional', '2.3.3', 'index', 13],
    ]);
    for (const d of m.declarations) {
      expect(d.ecosystem).toBe('npm');
      expect(d.dialect).toBe('npm');
      expect(d.constraint).toBe(false);
      expect(text.slice(d.span.start, d.span.end)).toBe(d.text);
      expect(d.requirement).toBe(`${d.name}@${d.specifier}`);
    }
  });

  it('keeps the member as written, for rewrites', () => {
    expect(m.declarations[0]!.text).toBe('"react": "^18.2.0"');
    expect(m.declarations[2]!.text).toBe('"typescript": "~5.5.2"');
  });

  it('reads the package fields', () => {
    expect(m.package.name?.value).toBe('web');
    expect(m.package.version).toMatchObject({ value: '1.2.0', line: 3, column: 14 });
    expect(m.package.workspaces).toBeNull();
  });

  it('covers the text with blocks, one per declaration', () => {
    expect(m.blocks.map((b) => text.slice(b.start, b.end)).join('')).toBe(text);
    expect(m.blocks.filter((b) => b.kind === 'declaration').map((b) => b.line)).toEqual([5, 6, 8, 10, 13]);
    expect(m.newline).toBe('\n');
    expect(m.finalNewline).toBe(true);
  });
});

describe('parsePackageJson: positions', () => {
  it('spans multi-line members and CRLF files', () => {
    const text = '{\r\n  "dependencies": {\r\n    "a":\r\n      "1.0.0",\r\n    "b": "2"\r\n  }\r\n}';
    const m = parse(text);
    expect(m.declarations.map((d) => [d.name, d.line, d.endLine])).toEqual([
      ['a', 3, 4],
      ['b', 5, 5],
    ]);
    expect(m.newline).toBe('\r\n');
    expect(m.finalNewline).toBe(false);
    expect(m.blocks.map((b) => text.slice(b.start, b.end)).join('')).toBe(text);
  });

  it('gives byte spans in UTF-8 with the BOM counted', () => {
    const text = '\uFEFF{"description": "caf\u00e9 \u{1F600}", "dependencies": {"x": "1"}}';
    const m = parse(text);
    expect(m.bom).toBe(true);
    expect(m.diagnostics).toEqual([]);
    const d = m.declarations[0]!;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.subarray(d.byteSpan!.start, d.byteSpan!.end).toString('utf8')).toBe('"x": "1"');
  });

  it('minified files: several declarations on one line', () => {
    const m = parse('{"dependencies":{"a":"1","b":"2"},"devDependencies":{"c":"3"}}');
    expect(m.declarations.map((d) => [d.name, d.line])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    expect(m.blocks).toHaveLength(1);
  });
});

describe('parsePackageJson: names that are Object.prototype keys', () => {
  const hostile = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prototype', '__defineGetter__'];
  const body = (group: string) => `"${group}": {${hostile.map((n, i) => `"${n}": "^${i + 1}.0.0"`).join(', ')}}`;
  const text = `{"name": "__proto__", ${['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].map(body).join(', ')}}`;

  it('are ordinary package names in every group', () => {
    const m = parse(text);
    expect(m.diagnostics).toEqual([]);
    expect(m.declarations).toHaveLength(4 * hostile.length);
    expect(m.declarations.slice(0, hostile.length).map((d) => [d.name, d.specifier])).toEqual(hostile.map((n, i) => [n, `^${i + 1}.0.0`]));
    expect(m.package.name?.value).toBe('__proto__');
    expect(({} as Record<string, unknown>).hasOwnProperty).toBe(Object.prototype.hasOwnProperty);
  });

  it('as dependency fields and catalogs too', () => {
    const m = parse('{"__proto__": {"dependencies": {"x": "1"}}, "workspaces": {"packages": [], "catalogs": {"__proto__": {"constructor": "^1.0.0"}}}}');
    expect(m.declarations).toEqual([]);
    expect(m.package.catalogs.get('__proto__')?.get('constructor')?.specifier).toBe('^1.0.0');
  });
});

describe('parsePackageJson: problems are diagnostics', () => {
  it('duplicate keys: a warning, and the last one wins as in JSON.parse', () => {
    const m = parse('{\n  "dependencies": {\n    "a": "1.0.0",\n    "a": "2.0.0"\n  }\n}');
    expect(m.declarations.map((d) => [d.name, d.specifier, d.line])).toEqual([['a', '2.0.0', 4]]);
    expect(m.diagnostics).toEqual([
      { path: 'apps/web/package.json', line: 3, column: 5, severity: 'warning', code: 'duplicate-key', message: 'duplicate key "a": line 4 overrides it (npm keeps the last one)' },
    ]);
  });

  it('a duplicated group: the last one is read', () => {
    const m = parse('{"dependencies": {"a": "1"}, "dependencies": {"b": "2"}}');
    expect(m.declarations.map((d) => d.name)).toEqual(['b']);
    expect(m.diagnostics.map((d) => d.code)).toEqual(['duplicate-key']);
  });

  it.each([
    ['{"dependencies": {"a": "1",}}', 1, 28],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['', 1, 1],
    ['{"a": "unterminated', 1, 7],
    ['{"a": [1, 2', 1, 12],
    ['{} {}', 1, 4],
    ["{'a': 1}", 1, 2],
    ['{"a": 01}', 1, 8],
    ['{"a": "\t"}', 1, 8],
  ])('invalid JSON %j → one error at %i:%i', (text, line, column) => {
    const m = parse(text);
    expect(() => JSON.parse(text)).toThrow();
    expect(m.diagnostics).toHaveLength(1);
    expect(m.diagnostics[0]).toMatchObject({ severity: 'error', code: 'invalid-json', line, column });
    expect(m.declarations).toEqual([]);
    expect(m.blocks.map((b) => text.slice(b.start, b.end)).join('')).toBe(text);
  });

  it('wrong types are errors that name the field', () => {
    const m = parse('{"dependencies": ["a"], "devDependencies": {"b": 1, "c": "2"}, "workspaces": "packages/*"}');
    expect(m.declarations.map((d) => d.name)).toEqual(['c']);
    expect(m.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['invalid-field', 'workspaces must be an array of globs or an object with "packages"'],
      ['invalid-field', 'dependencies must be an object of package names to specifiers'],
      ['invalid-dependency', 'devDependencies["b"] must be a string specifier'],
    ]);
  });

  it('a top level that is not an object', () => {
    expect(parse('[]').diagnostics.map((d) => d.code)).toEqual(['invalid-package-json']);
  });

  it('a specifier npm would refuse', () => {
    const m = parse('{"dependencies": {"a": "^1.2.3.4"}}');
    expect(m.declarations).toHaveLength(1);
    expect(m.diagnostics.map((d) => [d.code, d.severity])).toEqual([['invalid-specifier', 'error']]);
  });
});

describe('parsePackageJson: special specifiers', () => {
  const m = parse(`{"dependencies": {
    "w": "workspace:^",
    "c": "catalog:",
    "c2": "catalog:react17",
    "al": "npm:@types/node@^20.1.0",
    "f": "file:../shared",
    "l": "link:/abs/path",
    "g": "github:user/repo#v1",
    "s": "user/repo",
    "u": "https://example.com/x-1.0.0.tgz",
    "t": "next"
  }}`);
  const by = new Map(m.declarations.map((d) => [d.name, d]));

  it('classify each source', () => {
    expect(m.declarations.map((d) => [d.name, d.source])).toEqual([
      ['w', 'workspace'],
      ['c', 'catalog'],
      ['c2', 'catalog'],
      ['al', 'alias'],
      ['f', 'path'],
      ['l', 'path'],
      ['g', 'vcs'],
      ['s', 'vcs'],
      ['u', 'url'],
      ['t', 'index'],
    ]);
  });

  it('an alias keeps what it installs', () => {
    expect(by.get('al')).toMatchObject({ specifier: '^20.1.0', written: 'npm:@types/node@^20.1.0', requirement: '@types/node@^20.1.0' });
  });

  it('paths resolve inside the root, or stay null', () => {
    expect(by.get('f')).toMatchObject({ url: 'file:../shared', path: 'apps/shared' });
    expect(by.get('l')).toMatchObject({ url: 'link:/abs/path', path: null });
    expect(parse('{"dependencies": {"x": "file:../../../out"}}').declarations[0]!.path).toBeNull();
  });

  it('URLs are kept', () => {
    expect(by.get('g')!.url).toBe('github:user/repo#v1');
    expect(by.get('u')!.url).toBe('https://example.com/x-1.0.0.tgz');
  });
});

describe('parsePackageJson: workspace fields', () => {
  it('npm/yarn/bun array form', () => {
    const m = parse('{"private": true, "packageManager": "pnpm@9.1.0", "engines": {"node": ">=20"}, "workspaces": ["packages/*", "!packages/old"]}', 'package.json');
    expect(m.package.private).toBe(true);
    expect(m.package.packageManager?.value).toBe('pnpm@9.1.0');
    expect(m.package.engines.node?.value).toBe('>=20');
    expect(m.package.workspaces).toMatchObject({ form: 'array', line: 1 });
    expect(m.package.workspaces?.patterns.map((p) => p.value)).toEqual(['packages/*', '!packages/old']);
  });

  it('yarn classic / bun object form, with bun catalogs', () => {
    const m = parse(
      JSON.stringify({ workspaces: { packages: ['apps/*'], nohoist: ['**/x'], catalog: { react: '^18.0.0' }, catalogs: { legacy: { react: '^17.0.0' } } } }, null, 2),
      'package.json',
    );
    expect(m.package.workspaces?.patterns.map((p) => p.value)).toEqual(['apps/*']);
    expect(m.package.catalogs.get('default')?.get('react')).toMatchObject({ specifier: '^18.0.0', line: 10 });
    expect(m.package.catalogs.get('legacy')?.get('react')?.specifier).toBe('^17.0.0');
  });
});

describe('parsePackageJson: workspaces outside the root (issue 8)', () => {
  it('a pattern that climbs out of the scanned root, or is absolute, is a warning; one that stays inside is not', () => {
    const r = parse('{"workspaces": ["../*", "/etc/*", "packages/*", "!../x"]}', 'package.json');
    expect(r.package.workspaces?.patterns.map((p) => p.value)).toEqual(['../*', '/etc/*', 'packages/*', '!../x']);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(['1:17 warning workspace-outside-root', '1:25 warning workspace-outside-root']);
    expect(parse('{"workspaces": {"packages": ["../libs/*"]}}', 'apps/package.json').diagnostics).toEqual([]);
    expect(parse('{"workspaces": {"packages": ["../../libs/*"]}}', 'apps/package.json').diagnostics.map((d) => d.code)).toEqual(['workspace-outside-root']);
  });
});
