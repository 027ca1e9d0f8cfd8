/**
 * Semver facts about the specifiers of one package: pins, shapes (one per distinct spelling), and
 * whether shapes can meet. Every decision goes through `semver` (satisfies, intersects, subset,
 * minVersion) with npm's defaults, so a pre-release counts only where a range names one on the
 * same major.minor.patch, as npm itself installs.
 */
import semver from 'semver';

const { Range, SemVer } = semver;
type Range = semver.Range;
type SemVer = semver.SemVer;

/** Past this many comparator sets the joint check stops and trusts the pairwise one. */
const MAX_JOINT_SETS = 512;

export interface Parsed {
  range: Range;
  /** Set when the range is one exact version (`1.2.3`, `=1.2.3`, `v1.2.3`). */
  pin: SemVer | null;
  /** The spelling that identifies a shape: whitespace and `=`/`v` on pins do not count. */
  key: string;
}

/** Parses with a per-analysis cache; null for text that is not a semver range. */
export class RangeCache {
  private readonly cache = new Map<string, Parsed | null>();

  get(text: string): Parsed | null {
    let hit = this.cache.get(text);
    if (hit === undefined) {
      hit = parse(text);
      this.cache.set(text, hit);
    }
    return hit;
  }
}

function parse(text: string): Parsed | null {
  let range: Range;
  try {
    range = new Range(text);
  } catch {
    return null;
  }
  const only = range.set.length === 1 && range.set[0]!.length === 1 ? range.set[0]![0]! : null;
  const pin = only && only.operator === '' && only.value !== '' ? new SemVer(only.semver.version) : null;
  const key = pin ? `=${pin.version}` : text.trim().replace(/\s*\|\|\s*/g, ' || ').replace(/([<>=~^]+)\s+/g, '$1').replace(/\s+/g, ' ');
  return { range, pin, key };
}

/** Can one version satisfy both? Pins are compared with satisfies, ranges with intersects. */
export function compatible(a: Parsed, b: Parsed): boolean {
  if (a.pin && b.pin) return a.pin.compare(b.pin) === 0;
  if (a.pin) return semver.satisfies(a.pin, b.range);
  if (b.pin) return semver.satisfies(b.pin, a.range);
  return a.range.intersects(b.range);
}

/** Does the peer range accept every version `used` allows (a pin: that version; a range: all of it)? */
export function accepts(peer: Parsed, used: Parsed): boolean {
  if (used.pin) return semver.satisfies(used.pin, peer.range);
  return semver.subset(used.range, peer.range);
}

/** Whether the ranges accept exactly the same versions (`^0.18.5` and `~0.18.5`). */
export function sameVersions(all: Parsed[]): boolean {
  const first = all[0]?.range.range;
  return all.every((p) => p.range.range === first);
}

/**
 * One version satisfying every range. Ranges without `||` are intervals, so pairwise
 * compatibility already decides it (Helly); with `||`, the comparator sets are intersected
 * one range at a time and each conjunction is tested with minVersion.
 */
export function jointlySatisfiable(all: Parsed[]): boolean {
  if (all.length < 3 || all.every((p) => p.range.set.length === 1)) {
    return all.every((a, i) => all.slice(i + 1).every((b) => compatible(a, b)));
  }
  let conjunctions: string[][] = [[]];
  for (const p of all) {
    const next: string[][] = [];
    const seen = new Set<string>();
    for (const c of conjunctions) {
      for (const set of p.range.set) {
        const merged = [...new Set([...c, ...set.map((x) => x.value).filter((v) => v !== '')])].sort();
        const k = merged.join(' ');
        if (seen.has(k)) continue;
        seen.add(k);
        if (semver.minVersion(k === '' ? '*' : k) === null) continue;
        next.push(merged);
        if (next.length > MAX_JOINT_SETS) return true;
      }
    }
    if (next.length === 0) return false;
    conjunctions = next;
  }
  return true;
}

/** semver.diff between the lowest and the highest pin: major, premajor, minor, …, prerelease. */
export function driftOf(pins: SemVer[]): string {
  const sorted = [...pins].sort((a, b) => a.compare(b));
  return semver.diff(sorted[0]!, sorted[sorted.length - 1]!) ?? 'build';
}

export function comparePins(a: SemVer, b: SemVer): number {
  return a.compare(b);
}
