/**
 * Declarations against the advisory index (PyPI): an exact pin is affected when the OSV
 * evaluation covers its version; a range is flagged when the lowest version it admits is
 * affected, with the lowest fixed version that would lift it out. Records that alias each other
 * (a PYSEC and its GHSA, or two records naming one CVE) are one match, as osv-scanner groups them.
 */
import { pushTo } from '../collections.js';
import { formatVersion, isPrerelease, parseVersion, specifierSetContains, type Specifier, type Version } from '../pep440/index.js';
import { comparePoints, exact, FULL_RANGE, intersectRanges, specifierRanges, type Lower, type Range } from '../pep440/ranges.js';
import { affects, type CompiledAffected } from './affected.js';
import { ORDERINGS, packageKey, type AdvisoryDb, type PackageAdvisory } from './db.js';

export interface AdvisoryMatch {
  /** The group's representative: the smallest record id. */
  advisory: string;
  /** Every record id in the group, sorted. */
  advisories: string[];
  /** CVE/GHSA/... aliases of the group that are not record ids, sorted. */
  aliases: string[];
  summary: string;
  /** Every `fixed` version the records give for this package, in version order. */
  fixed: string[];
}

type PyPIAdvisory = Extract<PackageAdvisory, { ecosystem: 'PyPI' }>;
const ord = ORDERINGS.PyPI;

function pypiAdvisories(db: AdvisoryDb, name: string): PyPIAdvisory[] {
  return (db.byPackage.get(packageKey('PyPI', name)) ?? []).filter((p): p is PyPIAdvisory => p.ecosystem === 'PyPI');
}

const anyAffects = (entries: CompiledAffected<Version>[], v: Version) => entries.some((c) => affects(c, v, '', ord));

/** Union of records sharing an id or an alias; each group in id order. */
function groupByAlias(list: PyPIAdvisory[]): PyPIAdvisory[][] {
  const parent = list.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  list.forEach((p, i) => {
    for (const name of [p.advisory.id, ...p.advisory.aliases]) {
      const j = owner.get(name);
      if (j === undefined) owner.set(name, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, PyPIAdvisory[]>();
  list.forEach((p, i) => pushTo(groups, find(i), p));
  return [...groups.values()].map((g) => g.sort((a, b) => (a.advisory.id < b.advisory.id ? -1 : 1))).sort((a, b) => (a[0]!.advisory.id < b[0]!.advisory.id ? -1 : 1));
}

function describe(group: PyPIAdvisory[]): AdvisoryMatch {
  const ids = group.map((p) => p.advisory.id);
  const fixed = new Map<string, Version>();
  for (const p of group) for (const c of p.entries) for (const f of c.fixed) if (![...fixed.values()].some((v) => ord.compare(v, f.v) === 0)) fixed.set(f.text, f.v);
  return {
    advisory: ids[0]!,
    advisories: ids,
    aliases: [...new Set(group.flatMap((p) => p.advisory.aliases))].filter((a) => !ids.includes(a)).sort(),
    summary: group[0]!.advisory.summary,
    fixed: [...fixed].sort((a, b) => ord.compare(a[1], b[1])).map(([t]) => t),
  };
}

/** The lowest fixed version at or above `above` (null: any) that the group does not affect. */
function lowestFix(group: PyPIAdvisory[], above: Lower | null): string | null {
  const entries = group.flatMap((p) => p.entries);
  const fixes = entries.flatMap((c) => c.fixed).sort((a, b) => ord.compare(a.v, b.v));
  for (const f of fixes) {
    if (above?.p) {
      const c = comparePoints(exact(f.v), above.p);
      if (c < 0 || (c === 0 && !above.incl)) continue;
    }
    if (!anyAffects(entries, f.v)) return f.text;
  }
  return null;
}

export interface PinMatch extends AdvisoryMatch {
  /** The lowest fixed version above the pin that the advisory does not affect; null when none is known. */
  upgradeTo: string | null;
}

/** Advisories covering an exact pin (`==V` or `===V`). */
export function matchPin(db: AdvisoryDb, name: string, pin: { version: Version | null; text: string }): PinMatch[] {
  const hits = pypiAdvisories(db, name).filter((p) => p.entries.some((c) => affects(c, pin.version, pin.text, ord)));
  return groupByAlias(hits).map((g) => ({
    ...describe(g),
    upgradeTo: pin.version ? lowestFix(g, { p: exact(pin.version), incl: false }) : null,
  }));
}

export interface RangeMatch extends AdvisoryMatch {
  /** The lowest version the range admits: null when unbounded below; `inclusive` false = "just above". */
  lowest: { version: string; inclusive: boolean } | null;
  /** The lowest fixed version at or above that point the advisory does not affect. */
  raiseTo: string | null;
  /** Whether the range's other specifiers admit `raiseTo` (false: the upper bound must move too). */
  raiseAdmitted: boolean;
}

function sameLower(a: Lower, b: Lower): boolean {
  if (!a.p || !b.p) return !a.p && !b.p;
  return comparePoints(a.p, b.p) === 0 && a.incl === b.incl;
}

/** The first interval a specifier set admits, under PEP 440's pre-release rule. */
export function lowestAdmitted(specs: Specifier[]): Range | null {
  let admitted: Range[] = [...FULL_RANGE];
  for (const s of specs) admitted = intersectRanges(admitted, specifierRanges(s));
  let first = admitted[0];
  if (!first) return null;
  const lo = first[0].p;
  const mentionsPre = specs.some((s) => {
    const v = parseVersion(s.version.replace(/\.\*$/, ''));
    return v !== null && isPrerelease(v);
  });
  if (lo && !mentionsPre && isPrerelease(lo.v)) {
    // `==1.4.*` starts at 1.4.dev0, which pip will not pick: the lowest installable is 1.4.
    const final: Range = [{ p: exact({ ...lo.v, pre: null, dev: null, post: null, local: null }), incl: true }, { p: null, incl: false }];
    first = intersectRanges(admitted, [final])[0] ?? first;
  }
  return first;
}

function toRanges(c: CompiledAffected<Version>): Range[] {
  return [
    ...c.intervals.map((iv): Range => [iv.lo ? { p: exact(iv.lo), incl: true } : { p: null, incl: false }, iv.hi ? { p: exact(iv.hi), incl: iv.hiIncl } : { p: null, incl: false }]),
    ...c.versions.map((v): Range => [{ p: exact(v), incl: true }, { p: exact(v), incl: true }]),
  ];
}

/** Advisories affecting the lowest version a range (no exact pin, at least one specifier) admits. */
export function matchRange(db: AdvisoryDb, name: string, specs: Specifier[]): RangeMatch[] {
  const first = lowestAdmitted(specs);
  if (!first) return [];
  const coversLowest = (c: CompiledAffected<Version>) =>
    toRanges(c).some((r) => {
      const both = intersectRanges([first], [r])[0];
      return both !== undefined && sameLower(both[0], first[0]);
    });
  const hits = pypiAdvisories(db, name).filter((p) => p.entries.some(coversLowest));
  const lower = first[0];
  return groupByAlias(hits).map((g) => {
    const raiseTo = lowestFix(g, lower.p ? lower : null);
    return {
      ...describe(g),
      lowest: lower.p ? { version: formatVersion(lower.p.v), inclusive: lower.incl && lower.p.level === 'exact' } : null,
      raiseTo,
      raiseAdmitted: raiseTo !== null && specifierSetContains(specs, raiseTo, true),
    };
  });
}
