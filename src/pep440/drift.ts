/** How far apart two versions are, for depaudit's drift rules. */
import { compareLocals, compareVersions, type Version } from './version.js';

/** The most significant part in which two versions differ. */
export type DriftClass = 'epoch' | 'major' | 'minor' | 'patch' | 'pre' | 'post' | 'dev' | 'local';

/**
 * The largest differing part of `a` and `b`, or null when they are equal under PEP 440
 * (`1.0 == 1.0.0`, `1.0c1 == 1.0rc1`). Releases are zero-padded: major is release[0],
 * minor release[1], patch any later segment; then the pre, post, dev and local parts.
 */
export function driftClass(a: Version, b: Version): DriftClass | null {
  if (compareVersions(a, b) === 0) return null;
  if (a.epoch !== b.epoch) return 'epoch';
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    if ((a.release[i] ?? 0) !== (b.release[i] ?? 0)) return i === 0 ? 'major' : i === 1 ? 'minor' : 'patch';
  }
  if (a.pre?.[0] !== b.pre?.[0] || a.pre?.[1] !== b.pre?.[1]) return 'pre';
  if (a.post !== b.post) return 'post';
  if (a.dev !== b.dev) return 'dev';
  return compareLocals(a.local, b.local) !== 0 ? 'local' : null;
}
