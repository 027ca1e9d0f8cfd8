/**
 * Specifiers as sets of intervals over the PEP 440 order, for satisfiability checks.
 *
 * The model follows packaging 26.2's `_to_ranges`, with one fix: boundary points are cuts in
 * the `_cmpkey` order, compared level by level, so `>1.0` (after every 1.0.postN) correctly
 * sorts above `<=1.0.post1` (packaging orders the two by their base versions only).
 */
import { compatiblePrefix } from './prefix.js';
import type { Specifier } from './specifier.js';
import {
  compareLocals,
  compareNumberLists,
  parseVersion,
  suffixKey,
  trimmedRelease,
  type Version,
} from './version.js';

/**
 * A position in the version order. `exact` is the version itself. `afterLocals` (of a
 * public version V) sits after V and every V+local, before anything else (V.post0.dev0, or
 * V.dev(N+1) for a dev release). `afterPosts` (of a final or pre-release V without dev/post)
 * sits after V, V+local and every V.postN, before the next pre-release or release.
 */
export interface Point {
  v: Version;
  level: 'exact' | 'afterLocals' | 'afterPosts';
}

/** Lower bound; `p === null` is minus infinity. */
export interface Lower {
  p: Point | null;
  incl: boolean;
}

/** Upper bound; `p === null` is plus infinity. */
export interface Upper {
  p: Point | null;
  incl: boolean;
}

/** A contiguous interval. */
export type Range = readonly [Lower, Upper];

const NEG_INF: Lower = { p: null, incl: false };
const POS_INF: Upper = { p: null, incl: false };
/** Every version. */
export const FULL_RANGE: readonly Range[] = [[NEG_INF, POS_INF]];

const cmp = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/** A point at `v` itself. */
export const exact = (v: Version): Point => ({ v, level: 'exact' });
const afterLocals = (v: Version): Point => ({ v: { ...v, local: null }, level: 'afterLocals' });
const afterPosts = (v: Version): Point => ({ v: { ...v, local: null }, level: 'afterPosts' });

/**
 * Compare two points. A boundary is "+infinity" at the key position where it stops
 * looking: afterPosts after (epoch, release, pre), afterLocals after the public key.
 */
export function comparePoints(a: Point, b: Point): number {
  const c =
    cmp(a.v.epoch, b.v.epoch) || compareNumberLists(trimmedRelease(a.v.release), trimmedRelease(b.v.release));
  if (c) return c;
  const ka = suffixKey(a.v);
  const kb = suffixKey(b.v);
  const pre = compareNumberLists(ka.slice(0, 2), kb.slice(0, 2));
  if (pre) return pre;
  if (a.level === 'afterPosts' || b.level === 'afterPosts') {
    return a.level === b.level ? 0 : a.level === 'afterPosts' ? 1 : -1;
  }
  const rest = compareNumberLists(ka.slice(2), kb.slice(2));
  if (rest) return rest;
  if (a.level === 'afterLocals' || b.level === 'afterLocals') {
    return a.level === b.level ? 0 : a.level === 'afterLocals' ? 1 : -1;
  }
  return compareLocals(a.v.local, b.v.local);
}

function compareLower(a: Lower, b: Lower): number {
  if (!a.p || !b.p) return cmp(a.p ? 1 : 0, b.p ? 1 : 0);
  return comparePoints(a.p, b.p) || cmp(a.incl ? 0 : 1, b.incl ? 0 : 1);
}

function compareUpper(a: Upper, b: Upper): number {
  if (!a.p || !b.p) return cmp(a.p ? 0 : 1, b.p ? 0 : 1);
  return comparePoints(a.p, b.p) || cmp(a.incl ? 1 : 0, b.incl ? 1 : 0);
}

/** True when no position lies between the bounds (a boundary point holds no version). */
export function rangeIsEmpty(lo: Lower, hi: Upper): boolean {
  if (!lo.p || !hi.p) return false;
  const c = comparePoints(lo.p, hi.p);
  return c > 0 || (c === 0 && !(lo.incl && hi.incl && lo.p.level === 'exact'));
}

/** Whether the version lies inside the range. */
export function inRange(v: Version, [lo, hi]: Range): boolean {
  const p = exact(v);
  if (lo.p) {
    const c = comparePoints(p, lo.p);
    if (c < 0 || (c === 0 && !lo.incl)) return false;
  }
  if (hi.p) {
    const c = comparePoints(p, hi.p);
    if (c > 0 || (c === 0 && !hi.incl)) return false;
  }
  return true;
}

/** Intersect two sorted lists of disjoint ranges (two-pointer merge). */
export function intersectRanges(left: readonly Range[], right: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const [ll, lu] = left[i] as Range;
    const [rl, ru] = right[j] as Range;
    const lo = compareLower(ll, rl) >= 0 ? ll : rl;
    const hi = compareUpper(lu, ru) <= 0 ? lu : ru;
    if (!rangeIsEmpty(lo, hi)) out.push([lo, hi]);
    if (compareUpper(lu, ru) < 0) i++;
    else j++;
  }
  return out;
}

/** `==X.*`: [X.dev0, X'.dev0) where X' bumps X's last release segment (as written). */
function wildcardRanges(base: Version, negate: boolean): Range[] {
  const lo = exact({ epoch: base.epoch, release: base.release, pre: null, post: null, dev: 0, local: null });
  const bumped = [...base.release.slice(0, -1), (base.release[base.release.length - 1] ?? 0) + 1];
  const hi = exact({ epoch: base.epoch, release: bumped, pre: null, post: null, dev: 0, local: null });
  if (!negate) return [[{ p: lo, incl: true }, { p: hi, incl: false }]];
  return [
    [NEG_INF, { p: lo, incl: false }],
    [{ p: hi, incl: true }, POS_INF],
  ];
}

/**
 * What `==P.*` matches when `~=` builds a prefix P that is not purely numeric
 * (`~=1.4.5.c1.r1` gives P = 1.4.5rc1): the versions whose normalized spelling continues
 * P's suffix parts, which is again an interval.
 */
function suffixPrefixRanges(p: Version): Range[] {
  if (p.dev !== null) return [[{ p: exact(p), incl: true }, { p: afterLocals(p), incl: true }]];
  const dev0 = exact({ ...p, dev: 0 });
  if (p.post !== null) return [[{ p: dev0, incl: true }, { p: afterLocals(p), incl: true }]];
  return [[{ p: dev0, incl: true }, { p: afterPosts(p), incl: false }]];
}

/**
 * The versions a specifier admits (ignoring the pre-release policy) as sorted disjoint
 * ranges. `===` is the full range: it is checked as a string elsewhere.
 */
export function specifierRanges(spec: Specifier): Range[] {
  const { operator: op, version: text } = spec;
  if (op === '===') return [...FULL_RANGE];
  if ((op === '==' || op === '!=') && text.endsWith('.*')) {
    const base = parseVersion(text.slice(0, -2));
    return base ? wildcardRanges(base, op === '!=') : [];
  }
  const v = parseVersion(text);
  if (!v) return []; // only odd ~= spellings; packaging cannot evaluate them either
  switch (op) {
    case '>=':
      return [[{ p: exact(v), incl: true }, POS_INF]];
    case '<=':
      return [[NEG_INF, { p: afterLocals(v), incl: true }]];
    case '>': {
      // >V excludes V+local and V's post-releases; a dev or post V has none of the latter.
      if (v.dev !== null) return [[{ p: exact({ ...v, dev: v.dev + 1, local: null }), incl: true }, POS_INF]];
      if (v.post !== null) return [[{ p: exact({ ...v, post: v.post + 1, dev: 0, local: null }), incl: true }, POS_INF]];
      return [[{ p: afterPosts(v), incl: false }, POS_INF]];
    }
    case '<': {
      // <V excludes V's pre-releases (from V.dev0 on) unless V is a pre-release itself.
      const bound = v.pre !== null || v.dev !== null ? v : { ...v, dev: 0, local: null };
      return [[NEG_INF, { p: exact(bound), incl: false }]];
    }
    case '==':
    case '!=': {
      // Without a local label in the spec, every V+local matches too.
      const upper = v.local ? exact(v) : afterLocals(v);
      if (op === '==') return [[{ p: exact(v), incl: true }, { p: upper, incl: true }]];
      return [
        [NEG_INF, { p: exact(v), incl: false }],
        [{ p: upper, incl: false }, POS_INF],
      ];
    }
    case '~=': {
      const prefix = parseVersion(compatiblePrefix(text));
      // An unparsable prefix (`~=v1.4.5` gives "0!v1.4") matches no version at all.
      if (!prefix) return [];
      const plain = prefix.pre === null && prefix.post === null && prefix.dev === null;
      const family = plain ? wildcardRanges(prefix, false) : suffixPrefixRanges(prefix);
      return intersectRanges([[{ p: exact(v), incl: true }, POS_INF]], family);
    }
  }
}
