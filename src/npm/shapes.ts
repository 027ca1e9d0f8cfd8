/**
 * Semver facts about the specifiers of one package: pins, shapes (one per distinct spelling), and
 * whether shapes can meet. Every decision is semver.satisfies (Range.test) on versions, with npm's
 * defaults, so a pre-release counts only where a range names one on the same major.minor.patch,
 * as npm itself installs; never a comparison of strings.
 */
import semver from 'semver';

const { Range, SemVer } = semver;
type Range = semver.Range;
type SemVer = semver.SemVer;

export interface Parsed {
  range: Range;
  /** Set when the range is one exact version (`1.2.3`, `=1.2.3`, `v1.2.3`). */
  pin: SemVer | null;
  /** The spelling that identifies a shape: whitespace and `=`/`v` on pins do not count. */
  key: string;
  /** Candidate versions at and just past this range's bounds (see someVersionSatisfiesAll). */
  witnesses: SemVer[];
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
  return { range, pin, key, witnesses: witnessesOf(range) };
}

/** Can one version satisfy both? */
export function compatible(a: Parsed, b: Parsed): boolean {
  if (a.pin && b.pin) return a.pin.compare(b.pin) === 0;
  if (a.pin) return semver.satisfies(a.pin, b.range);
  if (b.pin) return semver.satisfies(b.pin, a.range);
  return someVersionSatisfiesAll([a, b]);
}

/**
 * Does the peer range accept every version `used` allows (a pin: that version; a range: all of
 * it)? Decided with satisfies on witnesses: semver.subset says no for ranges without a lower
 * bound (`subset('<2.0.0', '*')` is false).
 */
export function accepts(peer: Parsed, used: Parsed): boolean {
  if (used.pin) return semver.satisfies(used.pin, peer.range);
  const outside = (v: SemVer) => used.range.test(v) && !peer.range.test(v);
  return !used.witnesses.some(outside) && !peer.witnesses.some(outside);
}

/** Whether the ranges accept exactly the same versions (`^0.18.5` and `~0.18.5`). */
export function sameVersions(all: Parsed[]): boolean {
  const first = all[0]?.range.range;
  return all.every((p) => p.range.range === first);
}

/** One version satisfying every range at once (not only pairwise: `^1 || ^3`, `^1 || ^2`, `^2 || ^3`). */
export function jointlySatisfiable(all: Parsed[]): boolean {
  return all.length < 2 || someVersionSatisfiesAll(all);
}

/**
 * Exact where semver.intersects is not: it calls `>1.1.1` and `<1.1.2` compatible, though only
 * pre-releases of 1.1.2 lie between and `<1.1.2` excludes them. Versions are ordered, so if some
 * version satisfies every range, the least one sits at or just past a bound of one of them: the
 * bound, its release, its next patch, or (for a pre-release bound) the next pre-release. Those
 * few candidates (and the first pre-release, -0, of a tuple a bound names with a pre-release) are
 * tested with satisfies, each range on its own (npm's pre-release rule).
 */
function someVersionSatisfiesAll(all: Parsed[]): boolean {
  return all.some((w) => w.witnesses.some((v) => all.every((p) => p.range.test(v))));
}

function witnessesOf(range: Range): SemVer[] {
  const out = new Map<string, SemVer>();
  const add = (text: string) => {
    if (!out.has(text)) out.set(text, new SemVer(text));
  };
  add('0.0.0');
  for (const set of range.set) {
    for (const c of set) {
      if (c.value === '') continue;
      const v = c.semver;
      add(`${v.major}.${v.minor}.${v.patch}`);
      add(`${v.major}.${v.minor}.${v.patch + 1}`);
      if (v.prerelease.length > 0) {
        // A range admits pre-releases only on the tuple its bound names; the least of them is -0.
        add(`${v.major}.${v.minor}.${v.patch}-0`);
        add(v.version);
        add(`${v.version}.0`);
      }
    }
  }
  return [...out.values()];
}

/** semver.diff between the lowest and the highest pin: major, premajor, minor, …, prerelease. */
export function driftOf(pins: SemVer[]): string {
  const sorted = [...pins].sort((a, b) => a.compare(b));
  return semver.diff(sorted[0]!, sorted[sorted.length - 1]!) ?? 'build';
}
