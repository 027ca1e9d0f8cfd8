/**
 * What the runtime-drift rule needs to know about each runtime's version strings: Python's
 * through PEP 440 (src/pep440), Node's through semver. An exact version means every release
 * at the precision written: `3.11` is some 3.11.x, so it agrees with `3` and `3.11.4`.
 */
import semver from 'semver';
import type { RuntimeName } from '../../model/runtime.js';
import {
  canonicalSpecifierKey,
  compareVersions,
  driftClass,
  formatVersion,
  parseSpecifierSet,
  parseVersion,
  specifierContains,
  specifierSetsSatisfiable,
  type Version,
} from '../../pep440/index.js';

export interface RuntimeVersions {
  /** The normalized exact version, or null when it is not one this runtime's scheme reads. */
  key(version: string): string | null;
  /** Orders keys (ascending). */
  compare(a: string, b: string): number;
  /** Equal, or one is a less precise form of the other (`3` and `3.11`). */
  compatible(a: string, b: string): boolean;
  /** The most significant part in which two incompatible keys differ (`minor`, `patch`, ...). */
  drift(a: string, b: string): string;
  /** A normalized range, or null when it is invalid or admits everything. */
  rangeKey(range: string): string | null;
  /** Whether some release the exact version stands for satisfies the range (true when unknown). */
  admits(range: string, version: string): boolean;
}

/** Most significant first, for picking the largest drift among several pairs. */
export const DRIFT_ORDER = ['epoch', 'major', 'minor', 'patch', 'pre', 'post', 'dev', 'local'];

const pyCache = new Map<string, Version | null>();
const py = (v: string): Version | null => {
  if (!pyCache.has(v)) pyCache.set(v, parseVersion(v));
  return pyCache.get(v)!;
};

const releaseOnly = (v: Version) => v.pre === null && v.post === null && v.dev === null && v.local === null;

/** `x` stands for a set of releases `y` falls in: `==x.*` admits `y`. */
function pyPrefix(x: Version, y: Version): boolean {
  return releaseOnly(x) && x.release.length < y.release.length && specifierContains({ operator: '==', version: `${formatVersion(x)}.*` }, y, true);
}

const python: RuntimeVersions = {
  key: (v) => {
    const p = py(v);
    return p ? formatVersion(p) : null;
  },
  compare: (a, b) => compareVersions(py(a)!, py(b)!) || (a < b ? -1 : a > b ? 1 : 0),
  compatible(a, b) {
    const x = py(a)!;
    const y = py(b)!;
    return compareVersions(x, y) === 0 || pyPrefix(x, y) || pyPrefix(y, x);
  },
  drift: (a, b) => driftClass(py(a)!, py(b)!) ?? 'local',
  rangeKey(range) {
    const set = parseSpecifierSet(range);
    if (!set.ok || set.value.length === 0) return null;
    return [...new Set(set.value.map(canonicalSpecifierKey))].sort().join(',');
  },
  admits(range, version) {
    const set = parseSpecifierSet(range);
    const v = py(version);
    if (!set.ok || !v) return true;
    // pip checks requires-python against the interpreter's first three release numbers only
    // (3.13.0rc1 is checked as 3.13.0); fewer numbers written stand for any release under them.
    const release = v.release.slice(0, 3).join('.');
    const pin = { operator: '==' as const, version: v.release.length >= 3 ? release : `${release}.*` };
    return specifierSetsSatisfiable([set.value, [pin]], { prereleases: false }).satisfiable;
  },
};

const NODE_EXACT = /^\d+(?:\.\d+){0,2}$/;
const numbers = (v: string) => v.split('.').map(Number);

const node: RuntimeVersions = {
  key: (v) => (NODE_EXACT.test(v) ? numbers(v).join('.') : null),
  compare(a, b) {
    const x = numbers(a);
    const y = numbers(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  },
  compatible(a, b) {
    const x = numbers(a);
    const y = numbers(b);
    return (x.length <= y.length ? x : y).every((n, i) => n === (x.length <= y.length ? y : x)[i]);
  },
  drift(a, b) {
    const x = numbers(a);
    const y = numbers(b);
    const i = x.findIndex((n, k) => k < y.length && n !== y[k]);
    return i === 0 ? 'major' : i === 1 ? 'minor' : 'patch';
  },
  rangeKey(range) {
    const r = semver.validRange(range);
    return r === null || r === '*' ? null : r;
  },
  admits(range, version) {
    try {
      // `20` read as a range is 20.x: some 20.x.y satisfies `range` when the two intersect.
      return semver.intersects(range, version);
    } catch {
      return true;
    }
  },
};

export const RUNTIME_VERSIONS: Record<RuntimeName, RuntimeVersions> = { node, python };
