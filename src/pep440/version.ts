/**
 * PEP 440 versions, parsed, printed and ordered exactly like PyPA `packaging` 26.2
 * (`packaging.version.Version`: `VERSION_PATTERN`, `__str__`, `public`, `_cmpkey`).
 */
import { PY_WS_CLASS } from './pytext.js';

/** A parsed PEP 440 version; the fields mirror `packaging.version.Version`'s properties. */
export interface Version {
  epoch: number;
  /** Release segment as written (`1.0.0` keeps its trailing zeros; ordering ignores them). */
  release: number[];
  pre: ['a' | 'b' | 'rc', number] | null;
  post: number | null;
  dev: number | null;
  /** Local label split on `.`/`-`/`_`: digit-only parts are numbers, the rest lowercased. */
  local: (string | number)[] | null;
}

/**
 * packaging's VERSION_PATTERN (anchored, surrounding whitespace allowed). Every repetition
 * is followed by a mandatory separator or a different character class, so matching is
 * linear; the `i` flag without `u` folds ASCII letters only, like packaging's `(?a:...)`.
 */
const VERSION_RE = new RegExp(
  `^[${PY_WS_CLASS}]*v?` +
    '(?:([0-9]+)!)?' + // epoch
    '([0-9]+(?:\\.[0-9]+)*)' + // release
    '(?:[._-]?(alpha|a|beta|b|preview|pre|c|rc)[._-]?([0-9]+)?)?' + // pre-release
    '(?:-([0-9]+)|[._-]?(post|rev|r)[._-]?([0-9]+)?)?' + // post-release
    '(?:[._-]?(dev)[._-]?([0-9]+)?)?' + // dev release
    '(?:\\+([a-z0-9]+(?:[._-][a-z0-9]+)*))?' + // local label
    `[${PY_WS_CLASS}]*$`,
  'i',
);

// packaging skips the regex when the text is only digits and dots.
const SIMPLE_RE = /^[.0-9]*$/;


const PRE_LETTERS: Record<string, 'a' | 'b' | 'rc'> = {
  a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', pre: 'rc', preview: 'rc', rc: 'rc',
};

/** Thrown internally for a number a JS `number` cannot hold exactly; parseVersion maps it to null. */
class UnsafeInteger extends Error {}

/**
 * Deliberate deviation: packaging accepts any integer up to 4300 digits (CPython's int()
 * limit), but `Version` holds JS numbers, so a segment above 2^53 - 1 would silently
 * compare and print wrongly. Such versions are rejected instead (parseVersion returns null).
 */
function toInt(digits: string): number {
  const n = Number(digits);
  // CPython's int() refuses more than 4300 digits, even leading zeros (packaging then fails too).
  if (!Number.isSafeInteger(n) || digits.length > 4300) throw new UnsafeInteger();
  return n;
}

function parseLocal(local: string): (string | number)[] {
  return local.split(/[._-]/).map((part) => (/^[0-9]+$/.test(part) ? toInt(part) : part.toLowerCase()));
}

/**
 * Parse a version like `packaging.version.Version(text)`: non-null exactly when packaging
 * accepts it (except that numbers above 2^53 - 1 are rejected, see toInt). Surrounding
 * whitespace, case and a leading `v` are ignored.
 */
export function parseVersion(text: string): Version | null {
  try {
    return parseOrThrow(text);
  } catch (e) {
    if (e instanceof UnsafeInteger) return null;
    throw e;
  }
}

function parseOrThrow(text: string): Version | null {
  if (SIMPLE_RE.test(text)) {
    const parts = text.split('.');
    if (parts.includes('')) return null;
    return { epoch: 0, release: parts.map(toInt), pre: null, post: null, dev: null, local: null };
  }
  const m = VERSION_RE.exec(text);
  if (!m) return null;
  const [, epoch, release, preL, preN, postN1, postL, postN2, devL, devN, local] = m;
  const postNum = postN1 ?? postN2;
  return {
    epoch: epoch ? toInt(epoch) : 0,
    release: (release ?? '0').split('.').map(toInt),
    pre: preL ? [PRE_LETTERS[preL.toLowerCase()] ?? 'rc', preN ? toInt(preN) : 0] : null,
    // "1.0-1" is an implicit post-release; "1.0.post" means post0.
    post: postL || postNum ? (postNum ? toInt(postNum) : 0) : null,
    dev: devL ? (devN ? toInt(devN) : 0) : null,
    local: local ? parseLocal(local) : null,
  };
}

/** `str(Version)`: the normalized spelling. */
export function formatVersion(v: Version): string {
  let out = v.release.join('.');
  if (v.epoch) out = `${v.epoch}!${out}`;
  if (v.pre) out += `${v.pre[0]}${v.pre[1]}`;
  if (v.post !== null) out += `.post${v.post}`;
  if (v.dev !== null) out += `.dev${v.dev}`;
  if (v.local) out += `+${v.local.join('.')}`;
  return out;
}

/** `Version.public`: the normalized spelling without the local label. */
export function publicVersion(v: Version): string {
  return formatVersion({ ...v, local: null });
}

/** `Version.is_prerelease`: a dev release or an a/b/rc release (post-releases of those too). */
export function isPrerelease(v: Version): boolean {
  return v.dev !== null || v.pre !== null;
}

/** The release without trailing zeros (`1.0.0` -> `[1]`, `0.0` -> `[]`), as `_cmpkey` uses it. */
export function trimmedRelease(release: readonly number[]): number[] {
  let end = release.length;
  while (end > 0 && release[end - 1] === 0) end--;
  return release.slice(0, end);
}

const PRE_RANK = { a: 0, b: 1, rc: 2 } as const;

/**
 * The pre/post/dev part of packaging's `_cmpkey` as six numbers:
 * (pre rank, pre number, has post, post number, has no dev, dev number), where a dev-only
 * release ranks below every a/b/rc and a release without pre-release ranks above rc.
 */
export function suffixKey(v: Version): [number, number, number, number, number, number] {
  const preRank = v.pre ? PRE_RANK[v.pre[0]] : v.post === null && v.dev !== null ? -1 : 3;
  return [
    preRank,
    v.pre ? v.pre[1] : 0,
    v.post === null ? 0 : 1,
    v.post ?? 0,
    v.dev === null ? 1 : 0,
    v.dev ?? 0,
  ];
}

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lexicographic comparison of number lists; a proper prefix sorts first (Python tuples). */
export function compareNumberLists(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmpNum(a[i] ?? 0, b[i] ?? 0);
    if (c) return c;
  }
  return cmpNum(a.length, b.length);
}

/**
 * Local labels: absent < present; per segment a string sorts before a number, numbers
 * compare numerically and strings lexically (ASCII), and a shorter label sorts first.
 */
export function compareLocals(a: Version['local'], b: Version['local']): number {
  if (!a || !b) return cmpNum(a ? 1 : 0, b ? 1 : 0);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return cmpNum(x, y);
    } else if (typeof x === 'string' && typeof y === 'string') {
      if (x !== y) return x < y ? -1 : 1;
    } else {
      return typeof x === 'number' ? 1 : -1;
    }
  }
  return cmpNum(a.length, b.length);
}

/**
 * Compare the public parts (epoch, release with zero padding, pre/post/dev) only. The same order
 * as comparing `trimmedRelease` and `suffixKey` lists, without building them: a drifting platform
 * compares versions millions of times.
 */
export function comparePublic(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return cmpNum(a.epoch, b.epoch);
  // Padded with zeros, as trimmed lists compare (a trimmed list ends in a non-zero number, so a
  // longer one is greater exactly where padding finds it greater).
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const x = a.release[i] ?? 0;
    const y = b.release[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return compareSuffixes(a, b);
}

/** `compareNumberLists(suffixKey(a), suffixKey(b))`, field by field. */
function compareSuffixes(a: Version, b: Version): number {
  const rankA = a.pre ? PRE_RANK[a.pre[0]] : a.post === null && a.dev !== null ? -1 : 3;
  const rankB = b.pre ? PRE_RANK[b.pre[0]] : b.post === null && b.dev !== null ? -1 : 3;
  return (
    cmpNum(rankA, rankB) ||
    cmpNum(a.pre ? a.pre[1] : 0, b.pre ? b.pre[1] : 0) ||
    cmpNum(a.post === null ? 0 : 1, b.post === null ? 0 : 1) ||
    cmpNum(a.post ?? 0, b.post ?? 0) ||
    cmpNum(a.dev === null ? 1 : 0, b.dev === null ? 1 : 0) ||
    cmpNum(a.dev ?? 0, b.dev ?? 0)
  );
}

/**
 * Order two versions like packaging (`Version.__lt__` etc.): negative, zero or positive.
 * Zero means PEP 440 equality (`1.0 == 1.0.0`, `1.0c1 == 1.0rc1`).
 */
export function compareVersions(a: Version, b: Version): number {
  return comparePublic(a, b) || compareLocals(a.local, b.local);
}
