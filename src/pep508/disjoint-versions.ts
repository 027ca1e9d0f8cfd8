import { compareVersions, parseSpecifierSet, parseVersion, type Version } from '../pep440/index.js';
import type { MarkerOp } from './marker-ast.js';

/** One end of an interval of public versions. */
interface Bound {
  version: Version;
  inclusive: boolean;
}

/**
 * What a version specifier says about the *public* part of the environment's
 * version (local labels stripped), over-approximated as an interval, plus the
 * versions a `!=` excludes. Sound for proving emptiness, not complete.
 */
export interface VersionConstraint {
  lower: Bound | null;
  upper: Bound | null;
  /** `!= V` (no local label): excludes every version whose public part equals V. */
  excluded: Version | null;
  /** `!= P.*`: excludes the half-open range [lower, upper). */
  excludedRange: [Version, Version] | null;
}

const FINAL_RELEASE = /^v?(?:\d+!)?\d+(?:\.\d+)*$/i;
const RELEASE_PREFIX = /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)/i;

/**
 * Constraint for `variable op value` on a version variable. Returns undefined
 * when `op + value` is not a valid PEP 440 specifier (packaging then compares
 * strings), and null when it is valid but not usable here (`===`, unparsable).
 */
export function versionConstraint(op: MarkerOp, value: string): VersionConstraint | null | undefined {
  if (op === 'in' || op === 'not in' || value.includes(',')) return undefined;
  const parsed = parseSpecifierSet(`${op}${value}`);
  if (!parsed.ok || parsed.value.length !== 1) return undefined;
  const spec = parsed.value[0];
  if (spec === undefined || spec.operator === '===') return null;
  const text = spec.version.trim();
  const wildcard = text.endsWith('.*');
  const none: VersionConstraint = { lower: null, upper: null, excluded: null, excludedRange: null };
  if (wildcard) {
    const range = prefixRange(text.slice(0, -2));
    if (range === null) return null;
    if (spec.operator === '==') return { ...none, lower: { version: range[0], inclusive: true }, upper: { version: range[1], inclusive: false } };
    return spec.operator === '!=' ? { ...none, excludedRange: range } : null;
  }
  // Bounds live in the public-version domain: `==1.0+cpu` pins the public 1.0.
  const hasLocal = text.includes('+');
  const version = parseVersion(text.split('+')[0] ?? text);
  if (version === null) return null;
  const at = (inclusive: boolean): Bound => ({ version, inclusive });
  switch (spec.operator) {
    case '==':
      return { ...none, lower: at(true), upper: at(true) };
    case '!=':
      // `!= V+local` only excludes that local version: no constraint on the public part.
      return hasLocal ? none : { ...none, excluded: version };
    case '<=':
      return { ...none, upper: at(true) };
    case '>=':
      return { ...none, lower: at(true) };
    case '<': {
      // `<V` rejects pre-releases of V unless V is one: below V.dev0 for a final V.
      const devZero = FINAL_RELEASE.test(text) ? parseVersion(`${text}.dev0`) : null;
      return { ...none, upper: devZero === null ? at(false) : { version: devZero, inclusive: false } };
    }
    case '>':
      // packaging's `>V` also rejects V+local and V.postN, so the bound is strict.
      return { ...none, lower: at(false) };
    case '~=': {
      const range = prefixRange(text, 1);
      return range === null ? null : { ...none, lower: at(true), upper: { version: range[1], inclusive: false } };
    }
    default:
      return null;
  }
}

/**
 * [P.dev0, bump(P).dev0): every version whose release starts with prefix P (the
 * release of `text` minus `drop` trailing segments), in P's epoch.
 */
function prefixRange(text: string, drop = 0): [Version, Version] | null {
  const m = RELEASE_PREFIX.exec(text);
  if (m === null) return null;
  const epoch = m[1] === undefined ? '' : `${BigInt(m[1])}!`;
  const release = (m[2] ?? '').split('.').map((s) => BigInt(s));
  const prefix = release.slice(0, release.length - drop);
  const last = prefix.at(-1);
  if (last === undefined) return null;
  const bumped = [...prefix.slice(0, -1), last + 1n];
  const lo = parseVersion(`${epoch}${prefix.join('.')}.dev0`);
  const hi = parseVersion(`${epoch}${bumped.join('.')}.dev0`);
  return lo === null || hi === null ? null : [lo, hi];
}

/** True when no version satisfies every constraint. */
export function versionsUnsatisfiable(constraints: VersionConstraint[]): boolean {
  if (constraints.length === 0) return false;
  let lower: Bound | null = null;
  let upper: Bound | null = null;
  for (const c of constraints) {
    if (c.lower !== null && (lower === null || tighterLower(c.lower, lower))) lower = c.lower;
    if (c.upper !== null && (upper === null || tighterUpper(c.upper, upper))) upper = c.upper;
  }
  if (lower === null || upper === null) return false;
  const cmp = compareVersions(lower.version, upper.version);
  if (cmp > 0 || (cmp === 0 && !(lower.inclusive && upper.inclusive))) return true;
  if (cmp !== 0) return false;
  // A single public version is left: any `!=` that covers it empties the set.
  const point = lower.version;
  return constraints.some(
    (c) =>
      (c.excluded !== null && compareVersions(c.excluded, point) === 0) ||
      (c.excludedRange !== null &&
        compareVersions(c.excludedRange[0], point) <= 0 &&
        compareVersions(point, c.excludedRange[1]) < 0),
  );
}

function tighterLower(a: Bound, b: Bound): boolean {
  const cmp = compareVersions(a.version, b.version);
  return cmp > 0 || (cmp === 0 && !a.inclusive);
}

function tighterUpper(a: Bound, b: Bound): boolean {
  const cmp = compareVersions(a.version, b.version);
  return cmp < 0 || (cmp === 0 && !a.inclusive);
}
