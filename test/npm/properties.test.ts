/**
 * Properties of the npm analysis: it never throws, the input order does not change the findings,
 * and on random specifiers over a small version universe the rule chosen for each package agrees
 * with a brute-force check of every version in that universe (semver.satisfies as the only truth).
 */
import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { parsePackageJson, type PackageJsonManifest } from '../../src/formats/npm/package-json.js';
import { parsePnpmWorkspace } from '../../src/formats/npm/pnpm-workspace.js';
import { analyzeNpm } from '../../src/npm/analyze.js';

const GROUPS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const NAMES = ['lib', 'react', '__proto__', 'constructor', '@s/x', 'hasOwnProperty'];
const V = [0, 1, 2, 3];
const VERSIONS = V.flatMap((a) => V.flatMap((b) => V.map((c) => `${a}.${b}.${c}`)));
/** Witnesses: lower bounds come from VERSIONS; upper bounds and their bumps stay within 0..4. */
const UNIVERSE = [0, 1, 2, 3, 4].flatMap((a) => [0, 1, 2, 3, 4].flatMap((b) => [0, 1, 2, 3, 4].map((c) => `${a}.${b}.${c}`)));

const PRERELEASES = ['1.0.0-rc.1', '1.0.0-rc.2', '2.0.0-0', '2.0.0-beta', '0.1.0-alpha.1'];
/** Pre-release witnesses: each pre-release named, its successor (`.0`), and every `-0`. */
const PRE_UNIVERSE = [...PRERELEASES, ...PRERELEASES.map((p) => `${p}.0`), ...UNIVERSE.map((v) => `${v}-0`)];
const OPS = fc.constantFrom('', '^', '~', '>=', '<', '<=', '>');
const simpleRange = fc.tuple(OPS, fc.constantFrom(...VERSIONS)).map(([op, v]) => `${op}${v}`);
const range = fc.oneof(
  { weight: 6, arbitrary: simpleRange },
  { weight: 1, arbitrary: fc.constantFrom('*', '1.x', '2', '0.1.x', '>=1.0.0 <2.1.0') },
  { weight: 2, arbitrary: fc.tuple(simpleRange, simpleRange).map(([a, b]) => `${a} || ${b}`) },
);
const special = fc.constantFrom('workspace:*', 'catalog:', 'catalog:old', 'catalog:none', 'npm:lib@^1.0.0', 'npm:other@2.0.0', 'file:../x', 'o/r', 'latest', '^1.2.3.4', 'https://h/x.tgz');
const dep = fc.tuple(fc.constantFrom(...GROUPS), fc.constantFrom(...NAMES), fc.oneof({ weight: 4, arbitrary: range }, { weight: 1, arbitrary: special }));
const workspace = fc.array(fc.array(dep, { maxLength: 6 }), { minLength: 1, maxLength: 6 });

const PNPM = parsePnpmWorkspace('catalog:\n  lib: ^1.0.0\n  react: 2.0.0\ncatalogs:\n  old:\n    lib: ~0.1.0\n', { path: 'pnpm-workspace.yaml' });

/** Package i's file, members in the given order (duplicates inside one group: the last wins). */
function manifest(i: number, deps: Array<[string, string, string]>): PackageJsonManifest {
  const byGroup = new Map<string, string[]>();
  for (const [g, n, s] of deps) byGroup.set(g, [...(byGroup.get(g) ?? []), `    ${JSON.stringify(n)}: ${JSON.stringify(s)}`]);
  const body = [...byGroup].map(([g, members]) => `  ${JSON.stringify(g)}: {\n${members.join(',\n')}\n  }`);
  const text = `{\n  "name": "p${i}",\n${body.join(',\n')}\n}\n`;
  return parsePackageJson(text, { path: `packages/p${i}/package.json` });
}

const shuffled = <T>(a: T[], seed: number): T[] => {
  const out = [...a];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe('analyzeNpm properties', () => {
  it('shuffling the packages does not change the findings', () => {
    fc.assert(
      fc.property(workspace, fc.integer(), fc.boolean(), (ws, seed, pnpm) => {
        const manifests = ws.map((deps, i) => manifest(i, deps));
        const run = (ms: PackageJsonManifest[]) => analyzeNpm({ manifests: ms, pnpmWorkspace: pnpm ? PNPM : null });
        const a = run(manifests);
        expect(run(shuffled(manifests, seed))).toEqual(a);
        expect(run([...manifests].reverse())).toEqual(a);
      }),
      { seed: 7, numRuns: 800 },
    );
  });

  it('reordering the members inside each file changes only line numbers', () => {
    fc.assert(
      fc.property(workspace, fc.integer(), (ws, seed) => {
        const strip = (ms: PackageJsonManifest[]) => {
          const r = analyzeNpm({ manifests: ms, pnpmWorkspace: PNPM });
          return { findings: r.findings.map((f) => ({ ...f, locations: f.locations.map((l) => l.path) })), uncompared: r.uncompared.map((u) => ({ ...u, line: 0 })).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)) };
        };
        // Keep each (group, name)'s last spec, so dropping duplicates does not depend on the order.
        const dedup = ws.map((deps) => [...new Map(deps.map((d) => [`${d[0]}\0${d[1]}`, d])).values()]);
        const a = strip(dedup.map((deps, i) => manifest(i, deps)));
        const b = strip(dedup.map((deps, i) => manifest(i, shuffled(deps, seed + i))));
        expect(b).toEqual(a);
      }),
      { seed: 8, numRuns: 600 },
    );
  });

  it('each package gets the rule a brute-force check over every version calls for', () => {
    const decl = fc.tuple(fc.constantFrom('dependencies', 'devDependencies', 'peerDependencies'), range);
    fc.assert(
      fc.property(fc.array(decl, { minLength: 1, maxLength: 5 }), (decls) => {
        const manifests = decls.map(([g, s], i) => manifest(i, [[g, 'lib', s]]));
        const got = analyzeNpm({ manifests }).findings.map((f) => f.rule).sort();
        expect(got).toEqual(oracle(decls));
      }),
      { seed: 9, numRuns: 3_000 },
    );
  });

  it("and with pre-releases, under npm's rule that a range admits them only on a tuple it names", () => {
    const pre = fc.oneof(simpleRange, fc.tuple(OPS, fc.constantFrom(...PRERELEASES)).map(([op, v]) => `${op}${v}`));
    const decl = fc.tuple(fc.constantFrom('dependencies', 'peerDependencies'), pre);
    fc.assert(
      fc.property(fc.array(decl, { minLength: 1, maxLength: 4 }), (decls) => {
        const manifests = decls.map(([g, s], i) => manifest(i, [[g, 'lib', s]]));
        expect(analyzeNpm({ manifests }).findings.map((f) => f.rule).sort()).toEqual(oracle(decls, [...UNIVERSE, ...PRE_UNIVERSE]));
      }),
      { seed: 10, numRuns: 2_000 },
    );
  });
});

/** What the rules should say about one package, from semver.satisfies over UNIVERSE alone. */
function oracle(decls: Array<[string, string]>, universe = UNIVERSE): string[] {
  const key = (s: string) => {
    const pin = exactPin(s);
    return pin ? `=${pin}` : s;
  };
  const shapes = (peer: boolean) => [...new Set(decls.filter(([g]) => (g === 'peerDependencies') === peer).map(([, s]) => key(s)))].map((k) => (k.startsWith('=') ? k.slice(1) : k));
  const used = shapes(false);
  const peers = shapes(true);
  const sat = (v: string, r: string) => semver.satisfies(v, r);
  const meet = (...rs: string[]) => universe.some((v) => rs.every((r) => sat(v, r)));
  const pins = [...new Set(used.map(exactPin).filter((p): p is string => p !== null))];
  const rules: string[] = [];
  if (pins.length >= 2) rules.push('version-conflict');
  let clash = false;
  used.forEach((a, i) => used.slice(i + 1).forEach((b) => (clash ||= !(exactPin(a) && exactPin(b)) && !meet(a, b))));
  for (const p of peers) for (const s of used) clash ||= !meet(p, s);
  peers.forEach((a, i) => peers.slice(i + 1).forEach((b) => (clash ||= !meet(a, b))));
  const all = [...used, ...peers];
  if (clash || (pins.length < 2 && all.length >= 3 && !meet(...all))) rules.push('unsatisfiable');
  else if (pins.length < 2) {
    // A peer range accepts a range used elsewhere when no version of that range falls outside it.
    const partial = peers.some((p) => used.some((s) => universe.some((v) => sat(v, s) && !sat(v, p))));
    if (used.length >= 2 || partial) rules.push('range-mismatch');
  }
  return rules.sort();
}

function exactPin(spec: string): string | null {
  return semver.valid(spec.trim());
}
