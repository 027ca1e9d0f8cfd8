import { z } from 'zod';
import { canonicalSpecifierKey, parseVersion, specifierSetsSatisfiable, type Specifier } from '../pep440/index.js';
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
const textKeys = new WeakMap<Specifier[], string>();

function textKey(specs: Specifier[]): string {
  let key = textKeys.get(specs);
  if (key === undefined) textKeys.set(specs, (key = specs.map((x) => x.operator + x.version).join(',')));
  return key;
}

/** Memoized by the sets' texts: the same pairs recur across thousands of services. */
export function jointlySatisfiable(sets: Specifier[][]): boolean {
  const key = sets.map(textKey).join('|');
  let answer = satisfiableCache.get(key);
  if (answer === undefined) {
    answer = specifierSetsSatisfiable(sets, { prereleases: sets.some(mentionsPrerelease) }).satisfiable;
    satisfiableCache.set(key, answer);
  }
  return answer;
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

export function distinctShapes(uses: PackageUse[]): PackageUse[][] {
  const shapes = new Map<string, PackageUse[]>();
  for (const u of uses) {
    if (u.specifiers.length === 0) continue;
    const k = `${setKey(u.specifiers)}\0${u.declaration.marker ?? ''}`;
    pushTo(shapes, k, u);
  }
  return [...shapes.values()];
}

export default defineRule({
  id: 'unsatisfiable',
  description: 'No single version satisfies every declaration of a package, and a range is involved.',
  defaultSeverity: 'error',
  options: z.strictObject({}),
  check({ driftIndex }) {
    const findings: RawFinding[] = [];
    for (const entry of driftIndex.packages.values()) {
      const shapes = distinctShapes(entry.uses);
      if (shapes.length < 2) continue;
      const clashes: Array<[PackageUse[], PackageUse[]]> = [];
      for (let i = 0; i < shapes.length; i++) {
        for (let j = i + 1; j < shapes.length; j++) {
          const a = shapes[i]!;
          const b = shapes[j]!;
          // Two pins that differ are a version-conflict, not this rule.
          if (exactPin(a[0]!.specifiers) && exactPin(b[0]!.specifiers)) continue;
          if (!canCoexist(a[0]!, b[0]!)) continue;
          if (!jointlySatisfiable([a[0]!.specifiers, b[0]!.specifiers])) clashes.push([a, b]);
        }
      }
      if (clashes.length === 0) {
        // Pairwise-compatible ranges can still exclude each other as a whole once `!=` holes count.
        const unconditional = shapes.filter((s) => s[0]!.declaration.marker === null);
        if (unconditional.length > 2 && !unconditional.every((s) => exactPin(s[0]!.specifiers)) && !jointlySatisfiable(unconditional.map((s) => s[0]!.specifiers))) {
          findings.push({
            package: entry.name,
            message: `no version of ${entry.name} satisfies all of ${joinCapped(unconditional.map(describe), ', ', 10, 'specifiers')} together`,
            locations: sortLocations(unconditional.flat().map((u) => ({ path: u.manifest, line: u.line }))),
            data: { clashes: [unconditional.map(shapeJson)] },
            key: unconditional.map(describe).join(';'),
          });
        }
        continue;
      }
      const involved = [...new Set(clashes.flat().flat())];
      const pairs = clashes.map(([a, b]) => `${describe(a)} vs ${describe(b)}`);
      findings.push({
        package: entry.name,
        message: `no version of ${entry.name} satisfies ${joinCapped(pairs, '; ', 10, 'clashes')}`,
        locations: sortLocations(involved.map((u) => ({ path: u.manifest, line: u.line }))),
        data: {
          clashes: clashes.map(([a, b]) => [shapeJson(a), shapeJson(b)]),
        },
        key: pairs.join(';'),
      });
    }
    return findings;
  },
});

function describe(uses: PackageUse[]): string {
  const d = uses[0]!.declaration;
  const services = [...new Set(uses.map((u) => u.service))].sort();
  return `${d.specifier}${d.marker ? ` ; ${d.marker}` : ''} (${listNames(services)})`;
}

function shapeJson(uses: PackageUse[]) {
  const d = uses[0]!.declaration;
  return { specifier: d.specifier, marker: d.marker, services: [...new Set(uses.map((u) => u.service))].sort() };
}
