import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePackageJson } from '../../src/formats/npm/package-json.js';
import { parsePnpmWorkspace } from '../../src/formats/npm/pnpm-workspace.js';
import { compileGlob, expandBraces } from '../../src/npm/glob.js';
import { matchWorkspaceMembers, packageJsonGlobs, workspacePatterns } from '../../src/npm/workspace.js';

describe('compileGlob', () => {
  it.each([
    ['packages/*', 'packages/a', true],
    ['packages/*', 'packages/a/b', false],
    ['packages/*', 'packages', false],
    ['packages/**', 'packages/a/b', true],
    ['packages/**', 'packages', true],
    ['./packages/*/', 'packages/a', true],
    ['packages/*/package.json', 'packages/a', true],
    ['**', 'a/b/c', true],
    ['**/tools/*', 'x/y/tools/t', true],
    ['**/tools/*', 'tools/t', true],
    ['pkg-?', 'pkg-a', true],
    ['pkg-?', 'pkg-ab', false],
    ['pkg-[ab]', 'pkg-b', true],
    ['pkg-[!ab]', 'pkg-b', false],
    ['pkg-[a-c]*', 'pkg-core', true],
    ['{apps,libs}/*', 'libs/x', true],
    ['{apps,libs}/*', 'tools/x', false],
    ['apps/{a,b{1,2}}', 'apps/b2', true],
    ['packages/*', 'packages/.hidden', false],
    ['packages/.*', 'packages/.hidden', true],
    ['packages/**', 'packages/.cache/x', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['lit\\*', 'lit*', true],
    ['lit\\*', 'litx', false],
  ])('%j matches %j: %s', (pattern, dir, expected) => {
    expect(compileGlob(pattern)(dir)).toBe(expected);
  });

  it('stays fast on hostile patterns', () => {
    const t0 = performance.now();
    const star = compileGlob('*a'.repeat(200) + 'b');
    expect(star('a'.repeat(2000))).toBe(false);
    const globstar = compileGlob('**/'.repeat(100) + 'x');
    expect(globstar('a/'.repeat(500) + 'y')).toBe(false);
    expect(expandBraces('{a,b}'.repeat(40))).toEqual(['{a,b}'.repeat(40)]);
    expect(expandBraces('{a,b}'.repeat(20)).length).toBe(1024);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (p, d) => {
        expect(typeof compileGlob(p)(d)).toBe('boolean');
      }),
      { seed: 3, numRuns: 1_000 },
    );
  });
});

describe('matchWorkspaceMembers', () => {
  const candidates = [
    'package.json',
    'packages/a/package.json',
    'packages/b/package.json',
    'packages/legacy/package.json',
    'packages/a/node_modules/dep/package.json',
    'apps/web/package.json',
    'apps/web/test/fixture/package.json',
    'tools/script.json',
  ];

  it('adds matches and removes negations, in order', () => {
    expect(matchWorkspaceMembers(['packages/*', 'apps/*', '!packages/legacy'], candidates)).toEqual(['apps/web', 'packages/a', 'packages/b']);
    // A later pattern adds back what an earlier negation removed (npm's map-workspaces order).
    expect(matchWorkspaceMembers(['packages/*', '!packages/legacy', 'packages/legacy'], candidates)).toEqual(['packages/a', 'packages/b', 'packages/legacy']);
  });

  it('never the root, never node_modules', () => {
    expect(matchWorkspaceMembers(['**'], candidates)).toEqual(['apps/web', 'apps/web/test/fixture', 'packages/a', 'packages/b', 'packages/legacy']);
    expect(matchWorkspaceMembers(['.', './'], candidates)).toEqual([]);
  });

  it('globs for the caller', () => {
    expect(packageJsonGlobs(['packages/*', './apps/*/', '!packages/legacy'])).toEqual({ include: ['packages/*/package.json', 'apps/*/package.json'], ignore: ['**/node_modules/**'] });
  });
});

describe('workspacePatterns', () => {
  const root = parsePackageJson('{"workspaces": ["packages/*"]}', { path: 'package.json' });
  it('package.json workspaces (npm, yarn, bun)', () => {
    expect(workspacePatterns(root, null)).toEqual({ source: 'package-json', path: 'package.json', patterns: ['packages/*'] });
    expect(workspacePatterns(parsePackageJson('{"workspaces": {"packages": ["apps/*"]}}', { path: 'package.json' }), null)?.patterns).toEqual(['apps/*']);
  });
  it('pnpm-workspace.yaml wins: pnpm ignores package.json workspaces', () => {
    const pnpm = parsePnpmWorkspace('packages:\n  - apps/*\n  - "!apps/old"\n', { path: 'pnpm-workspace.yaml' });
    expect(workspacePatterns(root, pnpm)).toEqual({ source: 'pnpm-workspace', path: 'pnpm-workspace.yaml', patterns: ['apps/*', '!apps/old'] });
  });
  it('none', () => {
    expect(workspacePatterns(parsePackageJson('{}', { path: 'package.json' }), null)).toBeNull();
    expect(workspacePatterns(null, null)).toBeNull();
  });
});
