/**
 * The versions a consolidation can move between. Only a *plain* range is ever rewritten: one full
 * version behind an optional `^`, `~`, `~>`, `>=`, `=` or `v` (`^1.2.3`, `~1.2.3`, `1.2.3`). Its
 * style is everything around the version, so aligning swaps the version and keeps the rest.
 * Anything else (`>=1 <2`, `^1 || ^2`, `1.x`, `*`) says more than one version and is left as written.
 *
 * A *line* is the set of versions a caret range treats as compatible: one major from 1.0.0 on,
 * one minor under 0.x, one patch under 0.0.x. Moving a package across lines is a breaking change,
 * so by default a package whose versions span lines is not aligned at all.
 */
import semver from 'semver';
import { cmp } from '../../model/diagnostic.js';

export type Strategy = 'highest' | 'most-common' | 'lowest';

export interface PlainRange {
  /** Text before the version (`^`, `~`, `>=`, ``, spaces and a `v` included). */
  prefix: string;
  /** The version as written (build metadata included). */
  versionText: string;
  version: semver.SemVer;
  /** Trailing spaces. */
  suffix: string;
}

const NUM = '(?:0|[1-9]\\d*)';
const IDENT = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const PLAIN = new RegExp(`^(\\s*(?:\\^|~>?|>=|=)?\\s*v?)(${NUM}\\.${NUM}\\.${NUM}(?:-${IDENT})?(?:\\+${IDENT})?)(\\s*)$`);

export function plainRange(spec: string): PlainRange | null {
  const m = PLAIN.exec(spec);
  if (!m) return null;
  const version = semver.parse(m[2]!);
  return version ? { prefix: m[1]!, versionText: m[2]!, version, suffix: m[3]! } : null;
}

/** The same style with another version: `^1.2.3` + `1.4.0` → `^1.4.0`. */
export function restyle(range: PlainRange, versionText: string): string {
  return `${range.prefix}${versionText}${range.suffix}`;
}

/** `2.x`, `0.3.x`, `0.0.4`: the caret line a version belongs to. */
export function lineOf(v: semver.SemVer): string {
  if (v.major > 0) return `${v.major}.x`;
  if (v.minor > 0) return `0.${v.minor}.x`;
  return `0.0.${v.patch}`;
}

/** One declared version and who declares it. */
export interface Vote {
  version: semver.SemVer;
  versionText: string;
  /** Workspace package (manifest path) that declares it. */
  voter: string;
}

/**
 * The target among the declared versions: the semver maximum, the minimum, or the version the
 * most workspace packages declare (ties go to the highest). Versions equal under semver (build
 * metadata differs) are one version, written as its smallest spelling.
 */
export function pickTarget(votes: readonly Vote[], strategy: Strategy): { version: semver.SemVer; versionText: string } {
  const groups: Array<{ version: semver.SemVer; texts: Set<string>; voters: Set<string> }> = [];
  for (const v of votes) {
    let g = groups.find((x) => x.version.compare(v.version) === 0);
    if (!g) groups.push((g = { version: v.version, texts: new Set(), voters: new Set() }));
    g.texts.add(v.versionText);
    g.voters.add(v.voter);
  }
  groups.sort((a, b) => a.version.compare(b.version));
  let chosen = strategy === 'lowest' ? groups[0]! : groups[groups.length - 1]!;
  if (strategy === 'most-common') for (const g of groups) if (g.voters.size >= chosen.voters.size) chosen = g;
  return { version: chosen.version, versionText: [...chosen.texts].sort(cmp)[0]! };
}
