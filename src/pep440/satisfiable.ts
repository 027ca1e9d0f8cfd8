/**
 * Can one version satisfy several specifier sets at once? Used by the `unsatisfiable`
 * drift rule (`numpy<2` in one service, `numpy>=2.0` in another).
 *
 * Method: intersect the interval forms of every specifier (see ranges.ts), then, per
 * remaining interval, build the smallest version (or smallest final version) above its
 * lower bound, or, where no smallest one exists, a version squeezed under its upper bound.
 * A candidate counts only once `specifierSetContains` accepts it for every set, so a
 * reported witness is always real; and since each interval's candidates include one of its
 * versions whenever it has any, "unsatisfiable" is exact too. Work is polynomial: the
 * intervals number at most one more than the `!=` clauses.
 */
import { pyLower } from './pytext.js';
import { FULL_RANGE, inRange, intersectRanges, specifierRanges, type Lower, type Range, type Upper } from './ranges.js';
import { specifierSetContains, type Specifier } from './specifier.js';
import { comparePublic, formatVersion, isPrerelease, trimmedRelease, type Version } from './version.js';

/** Result of {@link specifierSetsSatisfiable}; `witness` is a version every set admits. */
export interface Satisfiability {
  satisfiable: boolean;
  witness?: string;
}

const UNSAT: Satisfiability = { satisfiable: false };

const ver = (epoch: number, release: number[], dev: number | null = null): Version => ({
  epoch,
  release,
  pre: null,
  post: null,
  dev,
  local: null,
});

/** The smallest final (non-pre-release) version at or above `v`. */
function finalAtOrAbove(v: Version): Version {
  if (!isPrerelease(v)) return v;
  // 1.0a1.post1 -> 1.0 (a pre-release's post-releases still sort below 1.0); 1.0.post1.dev0 -> 1.0.post1.
  return v.pre ? ver(v.epoch, v.release) : { ...v, dev: null, local: null };
}

/** The smallest version above every V+local (V public). */
function nextAfterLocals(v: Version): Version {
  if (v.dev !== null) return { ...v, dev: v.dev + 1, local: null };
  return { ...v, post: v.post === null ? 0 : v.post + 1, dev: 0, local: null };
}

/** The smallest final version above every V+local (V public). */
function finalAfterLocals(v: Version): Version {
  return isPrerelease(v) ? finalAtOrAbove(v) : { ...v, post: v.post === null ? 0 : v.post + 1, local: null };
}

/** A local label strictly between `l` and `u` (given l < u). */
function localBetween(l: (string | number)[], u: (string | number)[]): (string | number)[] {
  const isPrefix = l.length < u.length && l.every((seg, i) => seg === u[i]);
  if (!isPrefix) return [...l, 0]; // they differ inside l, so any extension of l stays below u
  const next = u[l.length];
  // A string segment sorts before any number; "0" + s sorts before s.
  return [...l, typeof next === 'number' ? 'a' : `0${next ?? ''}`];
}

/** Candidate versions for one interval: its least version and least final version, or stand-ins. */
function candidates([lo, hi]: readonly [Lower, Upper]): Version[] {
  if (!lo.p) return [ver(0, [0]), ver(0, [0], 0)];
  const { v, level } = lo.p;
  if (level === 'afterLocals') return [finalAfterLocals(v), nextAfterLocals(v)];
  if (level === 'afterPosts') {
    if (v.pre) return [ver(v.epoch, v.release), { ...v, pre: [v.pre[0], v.pre[1] + 1], post: null, dev: 0 }];
    // No least release follows 1.0's post-releases: 1.1 > 1.0.1 > 1.0.0.1 > ... With more
    // zeros than the upper bound's release has, the candidate is surely below that bound;
    // shorter paddings are tried first for a friendlier witness.
    const most = (hi.p?.v.release.length ?? 0) + 1;
    const out: Version[] = [];
    for (let zeros = 0; zeros <= most; zeros = zeros < 8 ? zeros + 1 : Math.max(zeros + 1, most)) {
      const release = [...trimmedRelease(v.release), ...Array<number>(zeros).fill(0), 1];
      out.push(ver(v.epoch, release), ver(v.epoch, release, 0));
    }
    return out;
  }
  if (lo.incl) return [finalAtOrAbove(v), v];
  // Exclusive exact lower bounds come from `!=V+local`: look just above that label.
  const pub = { ...v, local: null };
  const out = [{ ...v, local: [...(v.local ?? []), 0] }, finalAfterLocals(pub), nextAfterLocals(pub)];
  const u = hi.p;
  if (u && u.level === 'exact' && u.v.local && comparePublic(u.v, v) === 0) {
    out.push({ ...v, local: localBetween(v.local ?? [], u.v.local) });
  }
  return out;
}

/**
 * A candidate as built, then with its shortest release: some odd `~=` prefixes only accept
 * short spellings (their string match needs the release no longer than the prefix's).
 */
function spellings(v: Version): Version[] {
  const release = trimmedRelease(v.release);
  if (release.length === v.release.length) return [v];
  return [v, { ...v, release: release.length ? release : [0] }];
}

/**
 * Decide whether some version satisfies every set (a conjunction), under the explicit
 * pre-release policy of `specifierSetContains`. `===` clauses pin the candidate to their
 * literal string, which must then pass every other clause. The witness prefers a final
 * release when one exists.
 */
export function specifierSetsSatisfiable(sets: Specifier[][], opts: { prereleases: boolean }): Satisfiability {
  const admitsAll = (candidate: Version | string): boolean =>
    sets.every((set) => specifierSetContains(set, candidate, opts.prereleases));
  const specs = sets.flat();

  const arbitrary = specs.filter((s) => s.operator === '===');
  const literal = arbitrary[0]?.version;
  if (literal !== undefined) {
    if (arbitrary.some((s) => pyLower(s.version) !== pyLower(literal))) return UNSAT;
    return admitsAll(literal) ? { satisfiable: true, witness: literal } : UNSAT;
  }

  let ranges: readonly Range[] = FULL_RANGE;
  for (const spec of specs) {
    ranges = intersectRanges(ranges, specifierRanges(spec));
    if (!ranges.length) return UNSAT;
  }
  const pool = ranges.flatMap((range) =>
    candidates(range)
      .flatMap(spellings)
      .filter((c) => inRange(c, range)),
  );
  // Final releases first: they make the friendlier witness.
  const ordered = [...pool.filter((c) => !isPrerelease(c)), ...pool.filter(isPrerelease)];
  for (const candidate of ordered) {
    if (!opts.prereleases && isPrerelease(candidate)) continue;
    if (admitsAll(candidate)) return { satisfiable: true, witness: formatVersion(candidate) };
  }
  return UNSAT;
}
