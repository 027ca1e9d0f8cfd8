import { describe, expect, it } from 'vitest';
import { classifyNpmSpec, npmSourceKind, type NpmSpec } from '../../../src/formats/npm/spec.js';

const cases: Array<[string, NpmSpec]> = [
  ['^1.2.3', { kind: 'range', range: '^1.2.3' }],
  ['1.2.3', { kind: 'range', range: '1.2.3' }],
  ['>=1.0.0 <2', { kind: 'range', range: '>=1.0.0 <2' }],
  ['1.x || ^3', { kind: 'range', range: '1.x || ^3' }],
  ['*', { kind: 'range', range: '*' }],
  ['', { kind: 'range', range: '' }],
  [' ~1.0.0 ', { kind: 'range', range: '~1.0.0' }],
  ['latest', { kind: 'tag', tag: 'latest' }],
  ['next-14', { kind: 'tag', tag: 'next-14' }],
  ['workspace:*', { kind: 'workspace', value: '*' }],
  ['workspace:^1.2.0', { kind: 'workspace', value: '^1.2.0' }],
  ['workspace:../pkg', { kind: 'workspace', value: '../pkg' }],
  ['catalog:', { kind: 'catalog', catalog: 'default' }],
  ['catalog:default', { kind: 'catalog', catalog: 'default' }],
  ['catalog:react17', { kind: 'catalog', catalog: 'react17' }],
  ['npm:lodash@^4.17.0', { kind: 'alias', target: 'lodash', spec: { kind: 'range', range: '^4.17.0' } }],
  ['npm:@types/node@20.1.0', { kind: 'alias', target: '@types/node', spec: { kind: 'range', range: '20.1.0' } }],
  ['npm:string-width', { kind: 'alias', target: 'string-width', spec: { kind: 'range', range: '*' } }],
  ['npm:react@beta', { kind: 'alias', target: 'react', spec: { kind: 'tag', tag: 'beta' } }],
  ['file:../x', { kind: 'path', protocol: 'file', path: '../x' }],
  ['link:./y', { kind: 'path', protocol: 'link', path: './y' }],
  ['portal:../z', { kind: 'path', protocol: 'portal', path: '../z' }],
  ['./local', { kind: 'path', protocol: 'file', path: './local' }],
  ['../up', { kind: 'path', protocol: 'file', path: '../up' }],
  ['/abs/dir', { kind: 'path', protocol: 'file', path: '/abs/dir' }],
  ['~/home/pkg', { kind: 'path', protocol: 'file', path: '~/home/pkg' }],
  ['C:\\pkgs\\x', { kind: 'path', protocol: 'file', path: 'C:\\pkgs\\x' }],
  ['pkg-1.0.0.tgz', { kind: 'path', protocol: 'file', path: 'pkg-1.0.0.tgz' }],
  ['git+ssh://git@github.com/a/b.git#v1', { kind: 'vcs', url: 'git+ssh://git@github.com/a/b.git#v1' }],
  ['git://github.com/a/b', { kind: 'vcs', url: 'git://github.com/a/b' }],
  ['github:a/b', { kind: 'vcs', url: 'github:a/b' }],
  ['gitlab:a/b#semver:^1.0', { kind: 'vcs', url: 'gitlab:a/b#semver:^1.0' }],
  ['a/b', { kind: 'vcs', url: 'a/b' }],
  ['expressjs/express#4.x', { kind: 'vcs', url: 'expressjs/express#4.x' }],
  ['git@github.com:a/b.git', { kind: 'vcs', url: 'git@github.com:a/b.git' }],
  ['https://github.com/a/b', { kind: 'vcs', url: 'https://github.com/a/b' }],
  ['https://example.com/repo.git', { kind: 'vcs', url: 'https://example.com/repo.git' }],
  ['https://github.com/a/b/archive/v1.tar.gz', { kind: 'url', url: 'https://github.com/a/b/archive/v1.tar.gz', protocol: 'https' }],
  ['https://registry.example/x/-/x-1.0.0.tgz', { kind: 'url', url: 'https://registry.example/x/-/x-1.0.0.tgz', protocol: 'https' }],
  ['jsr:@std/fs@^1.0.0', { kind: 'url', url: 'jsr:@std/fs@^1.0.0', protocol: 'jsr' }],
];

describe('classifyNpmSpec', () => {
  it.each(cases)('%j', (spec, expected) => {
    expect(classifyNpmSpec(spec)).toEqual(expected);
  });

  it.each(['^1.2.3.4', 'not a tag', '>=1 <', 'npm:', 'npm:@@x@1', 'npm:x@git+ssh://h/r.git', 'npm:x@file:../y'])('%j is invalid', (spec) => {
    expect(classifyNpmSpec(spec).kind).toBe('invalid');
  });

  it('maps kinds to declaration sources', () => {
    expect(npmSourceKind(classifyNpmSpec('latest'))).toBe('index');
    expect(npmSourceKind(classifyNpmSpec('npm:x@1'))).toBe('alias');
    expect(npmSourceKind(classifyNpmSpec('catalog:'))).toBe('catalog');
    expect(npmSourceKind(classifyNpmSpec('workspace:*'))).toBe('workspace');
  });

  it('shares frozen results', () => {
    const a = classifyNpmSpec('npm:x@^1');
    expect(Object.isFrozen(a)).toBe(true);
    expect(classifyNpmSpec('npm:x@^1')).toBe(a);
  });
});

describe('hostile specs (issue 8)', () => {
  it('a registry spec over 1,024 characters is invalid without semver parsing it (a 2 MB range took 12 s)', () => {
    const start = performance.now();
    const long = `>=${'1 '.repeat(1 << 20)}`;
    expect(classifyNpmSpec(long)).toEqual({ kind: 'invalid', reason: 'a 2097153-character spec is longer than 1024 characters; not read as a semver range' });
    expect(classifyNpmSpec(`npm:x@${long}`).kind).toBe('invalid');
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(classifyNpmSpec(`>=1.0.0 ${'<2.0.0 '.repeat(100)}`.trim()).kind).toBe('range');
  });
});
