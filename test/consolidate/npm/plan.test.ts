/** One rule per test: what moves, what is left alone and why. */
import { describe, expect, it } from 'vitest';
import { planNpmConsolidation } from '../../../src/consolidate/npm/index.js';
import { apply, parse, pkg, plan, type Files } from './helpers.js';

const ws = (...deps: Array<Record<string, Record<string, string>>>): Files =>
  Object.fromEntries(deps.map((groups, i) => [`packages/p${i}/package.json`, pkg(`p${i}`, groups)]));
const pnpm = (files: Files, yaml = 'packages:\n  - packages/*\n'): Files => ({ 'pnpm-workspace.yaml': yaml, ...files });
const moved = (p: ReturnType<typeof plan>) => p.changes.map((c) => `${c.kind} ${c.path} ${c.package} ${c.from ?? '-'} -> ${c.to}`);

describe('major lines', () => {
  it('a package split across majors is kept, with the lines named; nothing of it changes', () => {
    const files = ws({ dependencies: { react: '^17.0.2' } }, { dependencies: { react: '^18.2.0' } }, { dependencies: { react: '^18.3.1' } });
    for (const tree of [files, pnpm(files)]) {
      const p = plan(tree);
      expect(p.edits).toEqual([]);
      expect(p.kept).toEqual([
        { package: 'react', reason: 'versions span 2 major lines (17.x: packages/p0/package.json; 18.x: packages/p1/package.json, packages/p2/package.json): aligning them is a breaking change, do it by hand' },
      ]);
    }
  });

  it('under 1.0.0 a minor is a major line', () => {
    const p = plan(ws({ dependencies: { x: '^0.1.0' } }, { dependencies: { x: '^0.2.0' } }));
    expect(p.kept[0]?.reason).toMatch(/0\.1\.x: .*0\.2\.x: /);
  });

  it('allowMajor aligns across them', () => {
    const p = plan(ws({ dependencies: { react: '^17.0.2' } }, { dependencies: { react: '~18.2.0' } }), { allowMajor: true });
    expect(moved(p)).toEqual(['aligned packages/p0/package.json react ^17.0.2 -> ^18.2.0']);
  });

  it('an existing catalog entry on another major splits the package too', () => {
    const p = plan(pnpm(ws({ dependencies: { zod: '^3.22.0' } }, { dependencies: { zod: 'catalog:' } }), 'catalog:\n  zod: ^2.0.0\n'));
    expect(p.edits).toEqual([]);
    expect(p.kept[0]?.reason).toMatch(/^versions span 2 major lines \(2\.x: packages\/p1\/package\.json; 3\.x: packages\/p0\/package\.json\)/);
  });
});

describe('peer ranges', () => {
  it('are never rewritten and do not vote', () => {
    const p = plan(ws({ dependencies: { react: '^18.2.0' }, peerDependencies: { react: '^18.0.0' } }, { dependencies: { react: '^18.3.1' } }, { peerDependencies: { react: '18.1.0' } }));
    // The third file's peer pin rejects 18.3.1.
    expect(p.edits).toEqual([]);
    expect(p.kept).toEqual([{ package: 'react', reason: '18.3.1 is outside the peer range 18.1.0 of packages/p2/package.json: peer ranges are never rewritten' }]);
  });

  it('a peer range that accepts the target changes nothing for the peer', () => {
    const files = ws({ dependencies: { react: '^18.2.0' }, peerDependencies: { react: '^17 || ^18' } }, { devDependencies: { react: '18.3.1' } });
    const p = plan(pnpm(files));
    expect(moved(p)).toEqual([
      'catalog packages/p0/package.json react ^18.2.0 -> catalog:',
      'catalog packages/p1/package.json react 18.3.1 -> catalog:',
      'catalog-added pnpm-workspace.yaml react - -> 18.3.1',
    ]);
    expect(apply(pnpm(files), p)['packages/p0/package.json']).toContain('"peerDependencies": {\n    "react": "^17 || ^18"');
  });

  it('a peer range given as catalog: would follow a catalog update, so the package is kept', () => {
    const files = pnpm(ws({ dependencies: { react: 'catalog:' }, peerDependencies: { react: 'catalog:' } }, { dependencies: { react: '^18.3.0' } }), 'catalog:\n  react: ^18.2.0\n');
    const p = plan(files);
    expect(p.edits).toEqual([]);
    expect(p.kept[0]!.reason).toMatch(/takes its peer range from the catalog/);
    // With the lowest strategy the catalog does not move: the peer is fine.
    expect(moved(plan(files, { strategy: 'lowest' }))).toEqual(['catalog packages/p1/package.json react ^18.3.0 -> catalog:']);
  });

  it('a peer in a package outside --services still counts', () => {
    const files = ws({ dependencies: { a: '^1.0.0' } }, { dependencies: { a: '^1.2.0' } }, { peerDependencies: { a: '~1.0.0' } });
    expect(plan(files, { services: ['p0', 'p1'] }).kept[0]?.reason).toMatch(/outside the peer range ~1\.0\.0 of packages\/p2/);
  });
});

describe('what takes part', () => {
  const specials = { dependencies: { w: 'workspace:*', f: 'file:../f', l: 'link:../l', g: 'github:o/r', u: 'https://x.test/a.tgz', al: 'npm:lodash@^4.17.0', t: 'latest', n: 'catalog:named' } };

  it('workspace:, paths, git, URLs, npm: aliases, dist-tags and named catalogs are never touched nor counted', () => {
    const files = ws(specials, specials, { dependencies: { w: '^1.0.0', f: '^1.0.0', al: '^4.17.21', t: '^2.0.0', n: '^3.0.0' } }, { dependencies: { w: '^1.0.0', f: '^1.0.0', al: '^4.17.20', t: '^2.0.0', n: '^3.0.0' } });
    const p = plan(files);
    expect(moved(p)).toEqual(['aligned packages/p3/package.json al ^4.17.20 -> ^4.17.21']);
    const c = plan(pnpm(files));
    expect(c.edits.map((e) => e.path)).toEqual(['packages/p2/package.json', 'packages/p3/package.json', 'pnpm-workspace.yaml']);
    expect(c.changes.filter((x) => x.kind === 'catalog-added').map((x) => `${x.package}@${x.to}`)).toEqual(['al@^4.17.21', 'f@^1.0.0', 'n@^3.0.0', 't@^2.0.0', 'w@^1.0.0']);
  });

  it('a workspace package referred to by version is kept with a hint', () => {
    const files = { ...ws({ dependencies: { '@acme/ui': '^1.0.0' } }, { dependencies: { '@acme/ui': '^1.1.0' } }), 'packages/ui/package.json': pkg('@acme/ui', {}) };
    expect(plan(files).kept).toEqual([{ package: '@acme/ui', reason: 'a workspace package (packages/ui/package.json): refer to it with workspace: rather than a registry version' }]);
  });

  it('default threshold is 2 workspace packages; minServices and minShare raise it', () => {
    const files = ws({ dependencies: { a: '^1.0.0', b: '^1.0.0' } }, { dependencies: { a: '^1.0.0' } }, { dependencies: { c: '^1.0.0' } });
    expect(plan(pnpm(files)).changes.filter((c) => c.kind === 'catalog-added').map((c) => c.package)).toEqual(['a']);
    expect(plan(pnpm(files), { minServices: 3 }).edits).toEqual([]);
    expect(plan(pnpm(files), { minServices: 1 }).changes.filter((c) => c.kind === 'catalog-added').map((c) => c.package)).toEqual(['a', 'b', 'c']);
    expect(plan(pnpm(files), { minShare: 1 }).threshold).toBe(3);
  });

  it('a package declared twice in one file counts once', () => {
    expect(plan(ws({ dependencies: { a: '^1.0.0' }, devDependencies: { a: '^1.1.0' } })).edits).toEqual([]);
  });

  it('--services limits which files vote and change', () => {
    const files = ws({ dependencies: { a: '^1.0.0' } }, { dependencies: { a: '^1.1.0' } }, { dependencies: { a: '^1.5.0' } });
    expect(moved(plan(files, { services: ['p0', 'packages/p1'] }))).toEqual(['aligned packages/p0/package.json a ^1.0.0 -> ^1.1.0']);
    expect(moved(plan(files, { services: ['packages/*'] })).length).toBe(2);
  });

  it('--services never moves a catalog entry that packages outside the selection use', () => {
    const files = pnpm(ws({ dependencies: { a: '^1.5.0' } }, { dependencies: { a: 'catalog:' } }, { dependencies: { a: 'catalog:' } }), 'catalog:\n  a: ^1.2.0\n');
    const p = plan(files, { services: ['p0', 'p1'] });
    expect(p.edits).toEqual([]);
    expect(p.kept).toEqual([{ package: 'a', reason: 'packages/p2/package.json takes it from the catalog too, but is not among the selected services: the catalog entry stays' }]);
    // When the catalog entry is the target, the selected declarations still move to it.
    expect(moved(plan(files, { services: ['p0', 'p1'], strategy: 'lowest' }))).toEqual(['catalog packages/p0/package.json a ^1.5.0 -> catalog:']);
  });

  it('names such as __proto__ and constructor are ordinary package names', () => {
    const files = ws({ dependencies: { __proto__: '^1.0.0', constructor: '~2.0.0' } }, { dependencies: { __proto__: '^1.2.0', constructor: '~2.1.0' } });
    // (JSON.stringify writes an own "__proto__" key only when it is one: build that text by hand.)
    files['packages/p0/package.json'] = '{\n  "name": "p0",\n  "dependencies": {\n    "__proto__": "^1.0.0",\n    "constructor": "~2.0.0"\n  }\n}\n';
    files['packages/p1/package.json'] = '{\n  "name": "p1",\n  "dependencies": {\n    "__proto__": "^1.2.0",\n    "constructor": "~2.1.0"\n  }\n}\n';
    expect(moved(plan(files))).toEqual(['aligned packages/p0/package.json __proto__ ^1.0.0 -> ^1.2.0', 'aligned packages/p0/package.json constructor ~2.0.0 -> ~2.1.0']);
    const c = plan(pnpm(files));
    expect(apply(pnpm(files), c)['pnpm-workspace.yaml']).toBe('packages:\n  - packages/*\ncatalog:\n  __proto__: ^1.2.0\n  constructor: ~2.1.0\n');
  });
});

describe('align mode', () => {
  it('leaves instances already at the target alone, whatever their style', () => {
    const p = plan(ws({ dependencies: { a: '^1.4.0' } }, { dependencies: { a: '~1.4.0' } }, { dependencies: { a: '=1.4.0' } }, { dependencies: { a: '1.2.0' } }));
    expect(moved(p)).toEqual(['aligned packages/p3/package.json a 1.2.0 -> 1.4.0']);
  });

  it('identical specifiers are not a deviation', () => {
    const p = plan(ws({ dependencies: { a: '>=1 <2' } }, { dependencies: { a: '>=1 <2' } }));
    expect(p).toMatchObject({ edits: [], kept: [] });
  });

  it('a downgrade by the lowest strategy says so', () => {
    const p = plan(ws({ dependencies: { a: '^1.4.0' } }, { dependencies: { a: '^1.2.0' } }), { strategy: 'lowest' });
    expect(p.changes.map((c) => [c.to, c.direction])).toEqual([['^1.2.0', 'down']]);
  });
});

describe('catalog mode', () => {
  it('identical complex ranges become one catalog entry; differing ones are kept', () => {
    const same = plan(pnpm(ws({ dependencies: { a: '>=1 <2' } }, { dependencies: { a: '>=1 <2' } })));
    expect(moved(same)).toEqual(['catalog packages/p0/package.json a >=1 <2 -> catalog:', 'catalog packages/p1/package.json a >=1 <2 -> catalog:', "catalog-added pnpm-workspace.yaml a - -> >=1 <2"]);
    expect(same.edits.find((e) => e.path === 'pnpm-workspace.yaml')!.after).toBe("packages:\n  - packages/*\ncatalog:\n  a: '>=1 <2'\n");
    const differ = plan(pnpm(ws({ dependencies: { a: '>=1 <2' } }, { dependencies: { a: '1.x' } })));
    expect(differ.edits).toEqual([]);
    expect(differ.kept[0]!.reason).toBe('>=1 <2 (packages/p0/package.json), 1.x (packages/p1/package.json) are not plain version ranges: align them by hand');
  });

  it('a catalog entry that is not a plain version takes only the declarations that say the same', () => {
    const p = plan(pnpm(ws({ dependencies: { a: '>=1 <2' } }, { dependencies: { a: '^1.2.0' } }), 'catalog:\n  a: ">=1 <2"\n'));
    expect(moved(p)).toEqual(['catalog packages/p0/package.json a >=1 <2 -> catalog:']);
    expect(p.kept[0]!.reason).toBe("the catalog's >=1 <2 is not a plain version, so ^1.2.0 (packages/p1/package.json) cannot be aligned to it: do it by hand");
  });

  it('an existing entry keeps its own style when it moves to the target', () => {
    const files = pnpm(ws({ dependencies: { a: '^1.5.0' } }, { dependencies: { a: 'catalog:' } }), 'catalog:\n  a: "~1.2.0"\n');
    const p = plan(files);
    expect(p.edits.find((e) => e.path === 'pnpm-workspace.yaml')!.after).toBe('catalog:\n  a: "~1.5.0"\n');
    // most-common: the catalog's one reference and the one direct declaration tie; highest wins.
    expect(plan(files, { strategy: 'most-common' }).edits.find((e) => e.path === 'pnpm-workspace.yaml')!.after).toBe('catalog:\n  a: "~1.5.0"\n');
  });

  it('an entry that cannot be edited keeps its package', () => {
    const p = plan(pnpm(ws({ dependencies: { a: '^1.5.0' } }, { dependencies: { a: '^1.2.0' } }), 'v: &v ^1.0.0\ncatalog:\n  a: *v\n'));
    expect(p.edits).toEqual([]);
    expect(p.kept[0]!.reason).toMatch(/not a one-line string/);
  });

  it('a pnpm-workspace.yaml that does not parse, or whose catalog is not a mapping, plans nothing', () => {
    const files = ws({ dependencies: { a: '^1.5.0' } }, { dependencies: { a: '^1.2.0' } });
    for (const yaml of ['catalog:\n  a: 1\n  a: 2\n', 'catalog: [1, 2]\n', 'packages: [\n']) {
      const p = plan(pnpm(files, yaml));
      expect(p.edits).toEqual([]);
      expect(p.diagnostics.map((d) => [d.path, d.severity, d.code])).toEqual([['pnpm-workspace.yaml', 'error', 'catalog-not-editable']]);
    }
  });
});

describe('exactness guards', () => {
  it('a manifest whose text no longer matches its declarations is a diagnostic, not a wrong edit', () => {
    const { manifests } = parse(ws({ dependencies: { a: '^1.5.0' } }, { dependencies: { a: '^1.2.0' } }));
    const stale = { ...manifests[1]!, text: manifests[1]!.text.replace('"a"', '"b"') };
    const p = planNpmConsolidation({ manifests: [manifests[0]!, stale], pnpmWorkspace: null, options: { strategy: 'highest' } });
    expect(p.edits).toEqual([]);
    expect(p.diagnostics[0]).toMatchObject({ code: 'consolidate-stale-manifest', path: 'packages/p1/package.json' });
  });

  it('the input order does not change the plan', () => {
    const { manifests, pnpmWorkspace } = parse(pnpm(ws({ dependencies: { a: '^1.5.0', b: '1.0.0' } }, { dependencies: { a: '^1.2.0', b: '1.0.1' } }, { dependencies: { b: '~1.0.0' } })));
    const run = (ms: typeof manifests) => planNpmConsolidation({ manifests: ms, pnpmWorkspace, options: { strategy: 'most-common' } });
    expect(run([...manifests].reverse())).toEqual(run(manifests));
  });
});
