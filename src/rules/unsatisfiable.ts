import { canonicalSpecifierKey, parseVersion, specifierSetContains, specifierSetsSatisfiable, type Specifier } from '../pep440/index.js';
import { joinCapped, listNames } from '../analysis/names.js';
import { defineRule } from '../analysis/rule.js';
import { sortLocations, type RawFinding } from '../analysis/finding.js';
import { exactPin } from '../analysis/pins.js';
import type { PackageUse } from '../analysis/package-index.js';
import { pushTo } from '../collections.js';
import { canCoexist } from './version-conflict.js';

/** PEP 440: pre-releases count when a specifier names one (or the user asks with --pre). */
const prereleaseCache = new WeakMap<Specifier[], boolean>();

export function mentionsPrerelease(specs: Specifier[]): boolean {
  let answer = prereleaseCache.get(specs);
  if (answer === undefined) {
    answer = specs.some((s) => {
      const v = parseVersion(s.version.replace(/\.\*$/, ''));
      return v !== null && (v.pre !== null || v.dev !== null);
    });
    prereleaseCache.set(specs, answer);
  }
  return answer;
}

const satisfiableCache = new Map<string, boolean>();
const pairCache = new Map<string, Map<string, boolean>>();
const textKeys = new WeakMap<Specifier[], string>();

function textKey(specs: Specifier[]): string {
  let key = textKeys.get(specs);
  if (key === undefined) textKeys.set(specs, (key = specs.map((x) => x.operator + x.version).join(',')));
  return key;
}

/**
 * Memoized by the sets' texts (base-override and consolidate ask again about pairs this rule has
 * decided). A pair is looked up by its two (cached) texts, without building a joined key per call.
 */
export function jointlySatisfiable(sets: Specifier[][]): boolean {
  if (sets.length !== 2) return memo(satisfiableCache, sets.map(textKey).join('|'), sets);
  const decided = decidedByPin(sets[0]!, sets[1]!) ?? decidedByPin(sets[1]!, sets[0]!);
  if (decided !== null) return decided;
  const first = textKey(sets[0]!);
  let second = pairCache.get(first);
  if (!second) pairCache.set(first, (second = new Map()));
  return memo(second, textKey(sets[1]!), sets);
}

function memo(cache: Map<string, boolean>, key: string, sets: Specifier[][]): boolean {
  let answer = cache.get(key);
  if (answer === undefined) {
    const prereleases = sets.some(mentionsPrerelease);
    answer = pinAdmittedByAll(sets, prereleases) || specifierSetsSatisfiable(sets, { prereleases }).satisfiable;
    cache.set(key, answer);
  }
  return answer;
}

/**
 * A set that is one plain pin `==V` (no wildcard) against a set with no local label and no `===`:
 * the pin admits V and, when V has no local label, V+local; the other set's operators treat
 * V+local as they treat V (`>=`, `<=`, `==`, `~=` compare public versions; `<V`/`>V` exclude V's
 * local versions too), so whether the other set admits V is the answer. Most pairs a drifting
 * platform compares are a pin and a range (165,000 on the 5,000-service bench tree): this spares
 * them the interval search and the memo. Null when it cannot tell.
 */
function decidedByPin(pinned: Specifier[], other: Specifier[]): boolean | null {
  if (pinned.length !== 1) return null;
  const only = pinned[0]!;
  if (only.operator !== '==' || only.version.endsWith('.*')) return null;
  const version = exactPin(pinned)?.version;
  if (!version) return null;
  for (const s of other) if (s.operator === '===' || s.version.includes('+')) return null;
  return specifierSetContains(other, version, mentionsPrerelease(pinned) || mentionsPrerelease(other));
}

/**
 * A pinned version every set admits proves the sets satisfiable without the interval search:
 * most pairs a drifting package compares are a pin and a range that allows it.
 */
function pinAdmittedByAll(sets: Specifier[][], prereleases: boolean): boolean {
  for (const set of sets) {
    const pin = exactPin(set);
    if (pin?.version && sets.every((s) => specifierSetContains(s, pin.version!, prereleases))) return true;
  }
  return false;
}

/**
 * Distinct (specifier set, marker) shapes, so a package declared 500 times is compared a few
 * times. Sets are keyed as packaging compares them (`>=1.0` equals `>=1.0.0`, order is free).
 */
const setKeys = new WeakMap<Specifier[], string>();

/** Specifier arrays are shared per specifier text (specifiersOf), so each set is keyed once. */
function setKey(specs: Specifier[]): string {
  let key = setKeys.get(specs);
  if (key === undefined) setKeys.set(specs, (key = [...new Set(specs.map(canonicalSpecifierKey))].sort().join(',')));
  return key;
}

const shapesByUses = new WeakMap<readonly PackageUse[], readonly PackageUse[][]>();

/**
 * In order of first use; kept per uses list, since range-mismatch asks for the same package's
 * shapes (those without a marker are the shapes of its uses without a marker, in the same order).
 */
export function distinctShapes(uses: readonly PackageUse[]): readonly PackageUse[][] {
  let shapes = shapesByUses.get(uses);
  if (!shapes) shapesByUses.set(uses, (shapes = findShapes(uses)));
  return shapes;
}

function findShapes(uses: readonly PackageUse[]): PackageUse[][] {
  // Set key, then marker: no joined key string per use (a package has thousands of uses).
  const bySet = new Map<string, Map<string, PackageUse[]>>();
  const shapes: PackageUse[][] = [];
  for (const u of uses) {
    if (u.specifiers.length === 0) continue;
    const key = setKey(u.specifiers);
    let byMarker = bySet.get(key);
    if (!byMarker) bySet.set(key, (byMarker = new Map()));
    const marker = u.declaration.marker ?? '';
    const shape = byMarker.get(marker);
    if (shape) shape.push(u);
    else {
      const fresh = [u];
      byMarker.set(marker, fresh);
      shapes.push(fresh);
    }
  }
  return shapes;
}

/**
 * Pairs of shapes (in shape order) whose specifier sets no version meets together and whose
 * markers can hold at once. Satisfiability depends on the sets alone, so it is decided once per
 * pair of distinct sets (a drifting package has ~100 shapes but ~20 sets); markers are checked
 * only for the pairs of sets that clash. A pair (a, b) is the number a * shapes.length + b, so
 * the 100,000s of pairs of a drifting platform are sorted and kept without an array each.
 */
function clashingPairs(shapes: readonly PackageUse[][]): Float64Array {
  const groups = new Map<Specifier[], number[]>();
  for (let i = 0; i < shapes.length; i++) pushTo(groups, shapes[i]![0]!.specifiers, i);
  const sets = [...groups.keys()];
  const pinned = sets.map((set) => exactPin(set) !== null);
  const found: number[] = [];
  for (let x = 0; x < sets.length; x++) {
    for (let y = x; y < sets.length; y++) {
      // Two pins that differ are a version-conflict, not this rule (and a pin always meets itself).
      if (pinned[x] && pinned[y]) continue;
      if (jointlySatisfiable([sets[x]!, sets[y]!])) continue;
      for (const i of groups.get(sets[x]!)!) {
        for (const j of groups.get(sets[y]!)!) {
          if (x === y && j <= i) continue;
          const a = Math.min(i, j);
          const b = Math.max(i, j);
          if (canCoexist(shapes[a]![0]!, shapes[b]![0]!)) found.push(a * shapes.length + b);
        }
      }
    }
  }
  return Float64Array.from(found).sort();
}

export default defineRule({
  id: 'unsatisfiable',
  description: 'No single version satisfies every declaration of a package, and a range is involved.',
  defaultSeverity: 'error',
  defaults: {},
  check({ driftIndex }) {
    const findings: RawFinding[] = [];
    for (const entry of driftIndex.packages.values()) {
      const shapes = distinctShapes(entry.uses);
      if (shapes.length < 2) continue;
      const clashes = clashingPairs(shapes);
      if (clashes.length === 0) {
        // Pairwise-compatible ranges can still exclude each other as a whole once `!=` holes count.
        const unconditional = shapes.filter((s) => s[0]!.declaration.marker === null);
        if (unconditional.length > 2 && !unconditional.every((s) => exactPin(s[0]!.specifiers)) && !jointlySatisfiable(unconditional.map((s) => s[0]!.specifiers))) {
          findings.push({
            package: entry.name,
            message: `no version of ${entry.name} satisfies all of ${joinCapped(unconditional.map(describe), ', ', 10, 'specifiers')} together`,
            locations: sortLocations(unconditional.flat().map((u) => u.location)),
            data: { clashes: [unconditional.map(shapeJson)] },
            key: unconditional.map(describe).join(';'),
          });
        }
        continue;
      }
      const n = shapes.length;
      const involved = new Set<number>();
      const pairs: string[] = [];
      const data: Array<[ReturnType<typeof shapeJson>, ReturnType<typeof shapeJson>]> = [];
      for (const pair of clashes) {
        const a = Math.floor(pair / n);
        const b = pair % n;
        involved.add(a).add(b);
        pairs.push(`${describe(shapes[a]!)} vs ${describe(shapes[b]!)}`);
        data.push([shapeJson(shapes[a]!), shapeJson(shapes[b]!)]);
      }
      findings.push({
        package: entry.name,
        message: `no version of ${entry.name} satisfies ${joinCapped(pairs, '; ', 10, 'clashes')}`,
        locations: sortLocations([...involved].flatMap((i) => shapes[i]!.map((u) => u.location))),
        data: { clashes: data },
        key: pairs.join(';'),
      });
    }
    return findings;
  },
});

/** A shape's sorted services, once per shape: a package's clashes name the same large shapes many times. */
const shapeServices = new WeakMap<PackageUse[], string[]>();
function servicesOf(uses: PackageUse[]): string[] {
  let services = shapeServices.get(uses);
  if (!services) shapeServices.set(uses, (services = [...new Set(uses.map((u) => u.service))].sort()));
  return services;
}

/** Per shape, once: a package's clashes name the same shapes thousands of times (the JSON writes shared objects as copies). */
const shapeTexts = new WeakMap<PackageUse[], string>();
function describe(uses: PackageUse[]): string {
  let text = shapeTexts.get(uses);
  if (text === undefined) {
    const d = uses[0]!.declaration;
    shapeTexts.set(uses, (text = `${d.specifier}${d.marker ? ` ; ${d.marker}` : ''} (${listNames(servicesOf(uses))})`));
  }
  return text;
}

const shapeJsons = new WeakMap<PackageUse[], { specifier: string; marker: string | null; services: string[] }>();
function shapeJson(uses: PackageUse[]) {
  let json = shapeJsons.get(uses);
  if (!json) {
    const d = uses[0]!.declaration;
    shapeJsons.set(uses, (json = { specifier: d.specifier, marker: d.marker, services: servicesOf(uses) }));
  }
  return json;
}
