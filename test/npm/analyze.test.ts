import { describe, expect, it } from 'vitest';
import { parsePackageJson } from '../../src/formats/npm/package-json.js';
import { parsePnpmWorkspace } from '../../src/formats/npm/pnpm-workspace.js';
import { analyzeNpm, type NpmAnalysis } from '../../src/npm/analyze.js';
import { plainDeclaration } from '../../src/model/declaration.js';

type Deps = Record<string, string>;
interface Pkg {
  dependencies?: Deps;
  devDependencies?: Deps;
  peerDependencies?: Deps;
  optionalDependencies?: Deps;
  [k: string]: unknown;
}

/** `{ a: {...} }` → packages/a/package.json named `a`; `'.'` is the root. */
function analyze(pkgs: Record<string, Pkg>, pnpmWorkspace?: string): NpmAnalysis {
  const manifests = Object.entries(pkgs).map(([dir, pkg]) => {
    const path = dir === '.' ? 'package.json' : `packages/${dir}/package.json`;
    return parsePackageJson(JSON.stringify({ name: dir === '.' ? 'root' : dir, ...pkg }, null, 2), { path });
  });
  return analyzeNpm({ manifests, pnpmWorkspace: pnpmWorkspace === undefined ? null : parsePnpmWorkspace(pnpmWorkspace, { path: 'pnpm-workspace.yaml' }) });
}

const rules = (a: NpmAnalysis) => a.findings.map((f) => [f.rule, f.package]);
const two = (x: string, y: string, group: keyof Pkg = 'dependencies') => analyze({ a: { [group]: { lib: x } }, b: { [group]: { lib: y } } });

describe('version-conflict', () => {
  it.each([
    ['1.0.0', '2.0.0', 'major'],
    ['1.0.0', '1.1.0', 'minor'],
    ['1.0.0', '1.0.1', 'patch'],
    ['1.0.0', '2.0.0-rc.1', 'premajor'],
    ['1.0.0-beta.1', '1.0.0-beta.2', 'prerelease'],
  ])('%s vs %s: %s drift', (x, y, drift) => {
    const a = two(x, y);
    expect(rules(a)).toEqual([['version-conflict', 'lib']]);
    expect(a.findings[0]!.data).toEqual({ drift, versions: { [x]: ['a'], [y]: ['b'] } });
    expect(a.findings[0]!.ecosystem).toBe('npm');
  });

  it('the whole finding', () => {
    const a = analyze({ a: { dependencies: { lib: '1.0.0' } }, b: { devDependencies: { lib: '1.2.0' } }, c: { dependencies: { lib: '1.2.0' } } });
    expect(a.findings).toEqual([
      {
        rule: 'version-conflict',
        ecosystem: 'npm',
        package: 'lib',
        message: 'lib is pinned to 2 different versions: 1.0.0 (a), 1.2.0 (b, c); minor drift',
        locations: [
          { path: 'packages/a/package.json', line: 4 },
          { path: 'packages/b/package.json', line: 4 },
          { path: 'packages/c/package.json', line: 4 },
        ],
        data: { drift: 'minor', versions: { '1.0.0': ['a'], '1.2.0': ['b', 'c'] } },
        key: '1.0.0,1.2.0',
      },
    ]);
  });

  it('the same version spelled differently is no drift', () => {
    expect(rules(analyze({ a: { dependencies: { lib: '1.2.3' } }, b: { dependencies: { lib: '=1.2.3' } }, c: { dependencies: { lib: 'v1.2.3' } }, d: { dependencies: { lib: ' 1.2.3+build.5 ' } } }))).toEqual([]);
  });

  it('names long lists of services in data, not in the message', () => {
    const pkgs: Record<string, Pkg> = {};
    for (let i = 0; i < 12; i++) pkgs[`p${String(i).padStart(2, '0')}`] = { dependencies: { lib: i === 0 ? '2.0.0' : '1.0.0' } };
    const f = analyze(pkgs).findings[0]!;
    expect(f.message).toBe('lib is pinned to 2 different versions: 1.0.0 (p01, p02, p03, p04, p05 and 6 more), 2.0.0 (p00); major drift');
    expect((f.data.versions as Record<string, string[]>)['1.0.0']).toHaveLength(11);
  });

  it('names at most ten versions in the message', () => {
    const pkgs: Record<string, Pkg> = {};
    for (let i = 0; i < 12; i++) pkgs[`p${String(i).padStart(2, '0')}`] = { dependencies: { lib: `1.${i}.0` } };
    const f = analyze(pkgs).findings[0]!;
    expect(f.message).toMatch(/: 1\.0\.0 \(p00\), .*, 1\.9\.0 \(p09\) and 2 more versions; minor drift$/);
    expect(Object.keys(f.data.versions as object)).toHaveLength(12);
  });
});

describe('unsatisfiable and range-mismatch', () => {
  it.each([
    ['^1.0.0', '^2.0.0', 'unsatisfiable'],
    ['1.0.0', '^2.0.0', 'unsatisfiable'],
    ['~1.2.0', '1.3.0', 'unsatisfiable'],
    ['<1.0.0', '>=1.0.0', 'unsatisfiable'],
    ['2.0.0-rc.1', '^2.0.0', 'unsatisfiable'],
    ['^1.2.0', '^1.4.0', 'range-mismatch'],
    ['2.1.0', '^2.0.0', 'range-mismatch'],
    ['*', '^3.0.0', 'range-mismatch'],
    ['1.x', '~1.4.2', 'range-mismatch'],
    ['^2.0.0-rc.1', '2.0.0-rc.2', 'range-mismatch'],
    ['>=1.0.0 <1.5.0', '1.2.3 - 1.9.0', 'range-mismatch'],
  ])('%s vs %s: %s', (x, y, rule) => {
    expect(rules(two(x, y))).toEqual([[rule, 'lib']]);
  });

  it('a pin outside a range, next to other pins that differ: both findings', () => {
    const a = analyze({ a: { dependencies: { lib: '1.0.0' } }, b: { dependencies: { lib: '1.1.0' } }, c: { dependencies: { lib: '^2.0.0' } } });
    expect(rules(a)).toEqual([
      ['version-conflict', 'lib'],
      ['unsatisfiable', 'lib'],
    ]);
    expect(a.findings[1]!.data).toEqual({
      clashes: [
        [{ specifier: '1.0.0', role: 'dependency', services: ['a'] }, { specifier: '^2.0.0', role: 'dependency', services: ['c'] }],
        [{ specifier: '1.1.0', role: 'dependency', services: ['b'] }, { specifier: '^2.0.0', role: 'dependency', services: ['c'] }],
      ],
    });
  });

  it('ranges that overlap pairwise but not all together (|| alternatives)', () => {
    const a = analyze({ a: { dependencies: { lib: '^1.0.0 || ^3.0.0' } }, b: { dependencies: { lib: '^1.0.0 || ^2.0.0' } }, c: { dependencies: { lib: '^2.0.0 || ^3.0.0' } } });
    expect(rules(a)).toEqual([['unsatisfiable', 'lib']]);
    expect(a.findings[0]!.message).toBe('no version of lib satisfies all of ^1.0.0 || ^2.0.0 (b), ^1.0.0 || ^3.0.0 (a), ^2.0.0 || ^3.0.0 (c) together');
  });

  it('same versions, other style: a range-mismatch that says so', () => {
    const a = two('^0.18.5', '~0.18.5');
    expect(rules(a)).toEqual([['range-mismatch', 'lib']]);
    expect(a.findings[0]!.data).toEqual({ specifiers: { '^0.18.5': ['a'], '~0.18.5': ['b'] }, sameVersions: true });
    expect(two('^1.2.0', '^1.4.0').findings[0]!.data.sameVersions).toBe(false);
  });

  it('spacing is not a difference', () => {
    expect(rules(two('>= 1.2.3 < 2', '>=1.2.3 <2'))).toEqual([]);
    expect(rules(two('^1.0.0||^2.0.0', '^1.0.0 || ^2.0.0'))).toEqual([]);
  });

  it('devDependencies and dependencies of different packages are one package', () => {
    expect(rules(analyze({ a: { dependencies: { lib: '^1.0.0' } }, b: { devDependencies: { lib: '^2.0.0' } }, c: { optionalDependencies: { lib: '^1.0.0' } } }))).toEqual([['unsatisfiable', 'lib']]);
  });

  it('the root package.json counts', () => {
    expect(rules(analyze({ '.': { devDependencies: { typescript: '5.4.0' } }, a: { devDependencies: { typescript: '5.5.2' } } }))).toEqual([['version-conflict', 'typescript']]);
  });
});

describe('peer ranges', () => {
  const lib = (peer: string, used: string[]) => {
    const pkgs: Record<string, Pkg> = { lib: { peerDependencies: { react: peer }, devDependencies: { react: used[0]! } } };
    used.slice(1).forEach((u, i) => (pkgs[`app${i}`] = { dependencies: { react: u } }));
    return analyze(pkgs);
  };

  it('a peer range that accepts what is used is no drift', () => {
    expect(rules(lib('>=16.8', ['^18.2.0', '^18.2.0']))).toEqual([]);
    expect(rules(lib('^18.0.0', ['18.2.0', '18.2.0']))).toEqual([]);
    expect(rules(lib('^17.0.0 || ^18.0.0', ['^18.2.0', '~18.3.1']))).toEqual([['range-mismatch', 'react']]);
    expect(lib('^17.0.0 || ^18.0.0', ['^18.2.0', '~18.3.1']).findings[0]!.data).toEqual({ specifiers: { '^18.2.0': ['lib'], '~18.3.1': ['app0'] }, sameVersions: false });
  });

  it('a peer range that rejects what is used is unsatisfiable', () => {
    const a = lib('^17.0.0', ['^18.2.0', '^18.2.0']);
    expect(rules(a)).toEqual([['unsatisfiable', 'react']]);
    expect(a.findings[0]!.message).toBe('no version of react satisfies ^18.2.0 (app0, lib) vs peer ^17.0.0 (lib)');
    expect(rules(lib('18.2.0', ['18.3.0', '18.3.0']))).toEqual([['unsatisfiable', 'react']]);
  });

  it('a peer range that accepts only part of a range used is a range-mismatch', () => {
    const a = lib('^18.3.0', ['^18.2.0', '^18.2.0']);
    expect(rules(a)).toEqual([['range-mismatch', 'react']]);
    expect(a.findings[0]!.message).toBe('peer range ^18.3.0 (lib) accepts only part of ^18.2.0 (app0, lib)');
    expect(a.findings[0]!.data).toEqual({ specifiers: { '^18.2.0': ['app0', 'lib'] }, peerRanges: { '^18.3.0': ['lib'] }, sameVersions: false });
  });

  it('peer ranges are compared with each other only for disjointness', () => {
    expect(rules(analyze({ a: { peerDependencies: { react: '>=16' } }, b: { peerDependencies: { react: '^18.0.0' } } }))).toEqual([]);
    expect(rules(analyze({ a: { peerDependencies: { react: '^16.0.0' } }, b: { peerDependencies: { react: '^18.0.0' } } }))).toEqual([['unsatisfiable', 'react']]);
  });
});

describe('specifiers that are not versions', () => {
  it('workspace:, paths, git, URLs, tags are never compared', () => {
    const a = analyze({
      a: { dependencies: { lib: 'workspace:*', x: 'file:../x', g: 'github:o/r', u: 'https://h/x.tgz', t: 'latest', bad: '^1.2.3.4' } },
      b: { dependencies: { lib: '^9.0.0', x: '^1.0.0', g: '^1.0.0', u: '^1.0.0', t: '^1.0.0', bad: '^1.0.0' } },
      c: { dependencies: { lib: 'workspace:^', x: 'link:../x', g: 'o/r#main', u: 'http://h/y.tgz', t: 'next', bad: '^2.0.0' } },
    });
    expect(rules(a)).toEqual([['bad', 'unsatisfiable'].reverse()]);
    expect(a.uncompared.map((u) => [u.package, u.reason, u.path])).toEqual([
      ['lib', 'workspace', 'packages/a/package.json'],
      ['x', 'path', 'packages/a/package.json'],
      ['g', 'vcs', 'packages/a/package.json'],
      ['u', 'url', 'packages/a/package.json'],
      ['t', 'tag', 'packages/a/package.json'],
      ['bad', 'invalid', 'packages/a/package.json'],
      ['lib', 'workspace', 'packages/c/package.json'],
      ['x', 'path', 'packages/c/package.json'],
      ['g', 'vcs', 'packages/c/package.json'],
      ['u', 'url', 'packages/c/package.json'],
      ['t', 'tag', 'packages/c/package.json'],
    ]);
  });

  it('names that are Object.prototype keys are ordinary packages', () => {
    // An object literal's `__proto__:` sets the prototype; JSON.parse makes it a key, as in a file.
    const deps = (v: string) => JSON.parse(`{"__proto__": "${v}.0.0", "constructor": "^${v}.0.0", "hasOwnProperty": "^${v}.0.0"}`) as Deps;
    const a = analyze({ a: { dependencies: deps('1') }, b: { dependencies: deps('2') } });
    expect(rules(a)).toEqual([
      ['version-conflict', '__proto__'],
      ['unsatisfiable', 'constructor'],
      ['unsatisfiable', 'hasOwnProperty'],
    ]);
  });
});

describe('catalogs', () => {
  const yaml = 'packages: ["packages/*"]\ncatalog:\n  react: ^18.2.0\ncatalogs:\n  legacy:\n    react: ^17.0.2\n';

  it('catalog: is compared as the entry it resolves to', () => {
    expect(rules(analyze({ a: { dependencies: { react: 'catalog:' } }, b: { dependencies: { react: '^18.2.0' } } }, yaml))).toEqual([]);
    const a = analyze({ a: { dependencies: { react: 'catalog:' } }, b: { dependencies: { react: 'catalog:legacy' } } }, yaml);
    expect(rules(a)).toEqual([['unsatisfiable', 'react']]);
    expect(a.findings[0]!.message).toBe('no version of react satisfies catalog:legacy (^17.0.2) (b) vs catalog: (^18.2.0) (a)');
  });

  it('an entry the catalog lacks is not compared', () => {
    const a = analyze({ a: { dependencies: { vue: 'catalog:' } }, b: { dependencies: { vue: '^2.0.0' } }, c: { dependencies: { react: 'catalog:nope' } } }, yaml);
    expect(a.findings).toEqual([]);
    expect(a.uncompared.map((u) => [u.package, u.reason])).toEqual([
      ['vue', 'catalog-unresolved'],
      ['react', 'catalog-unresolved'],
    ]);
  });

  it("bun's catalogs in the root package.json", () => {
    const a = analyze({ '.': { workspaces: { packages: ['packages/*'], catalog: { zod: '^3.23.0' } } }, a: { dependencies: { zod: 'catalog:' } }, b: { dependencies: { zod: '^4.0.0' } } });
    expect(rules(a)).toEqual([['unsatisfiable', 'zod']]);
  });
});

describe('npm: aliases', () => {
  it('compare the target range, under the alias name', () => {
    const a = analyze({ a: { dependencies: { sw: 'npm:string-width@^4.2.0' } }, b: { dependencies: { sw: 'npm:string-width@^5.0.0' } } });
    expect(rules(a)).toEqual([['unsatisfiable', 'sw']]);
    expect(a.findings[0]!.data).toMatchObject({ target: 'string-width' });
  });

  it('an alias installs a second version on purpose: not drift with the real name', () => {
    expect(rules(analyze({ a: { dependencies: { 'string-width-cjs': 'npm:string-width@^4.2.0', 'string-width': '^5.1.2' } }, b: { dependencies: { 'string-width': '^5.1.2' } } }))).toEqual([]);
  });

  it('the same alias under two names resolves each to its target', () => {
    const a = analyze({ a: { dependencies: { x: 'npm:t@1.0.0', y: 'npm:t@1.0.0' } }, b: { dependencies: { y: '2.0.0', x: 'npm:t@2.0.0' } } });
    expect(rules(a)).toEqual([['version-conflict', 'x']]);
    expect(a.findings[0]!.data).toMatchObject({ target: 't' });
  });

  it('an alias in a catalog', () => {
    const a = analyze({ a: { dependencies: { sw: 'catalog:' } }, b: { dependencies: { sw: 'npm:string-width@^5.0.0' } } }, 'catalog:\n  sw: npm:string-width@^4.2.0\n');
    expect(rules(a)).toEqual([['unsatisfiable', 'sw']]);
    expect(a.findings[0]!.data).toMatchObject({ target: 'string-width' });
  });

  it('the same name installing different packages is not compared', () => {
    expect(rules(analyze({ a: { dependencies: { x: 'npm:y@1.0.0' } }, b: { dependencies: { x: '2.0.0' } } }))).toEqual([]);
    expect(rules(analyze({ a: { dependencies: { x: 'npm:x@1.0.0' } }, b: { dependencies: { x: '2.0.0' } } }))).toEqual([['version-conflict', 'x']]);
  });
});

describe('ecosystems', () => {
  it('only npm declarations are read', () => {
    const a = parsePackageJson('{"dependencies": {"requests": "1.0.0"}}', { path: 'a/package.json' });
    const b = parsePackageJson('{"dependencies": {"requests": "2.0.0"}}', { path: 'b/package.json' });
    b.declarations[0] = { ...plainDeclaration(b.declarations[0]!), ecosystem: 'pypi' };
    expect(analyzeNpm({ manifests: [a, b] }).findings).toEqual([]);
  });
});
