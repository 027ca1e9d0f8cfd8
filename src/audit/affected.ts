/**
 * An OSV `affected` entry compiled into sorted intervals of one ecosystem's version order, so a
 * version is checked without walking events again. The walk follows the OSV schema's evaluation
 * pseudocode: events sorted by version ("0" first; on a tie introduced, fixed, last_affected), an
 * `introduced` opens an interval, a `fixed` closes it before that version, a `last_affected`
 * closes it after that version, and `limit`s cap the range. A range holding an event version the
 * ecosystem cannot parse is skipped whole, with a problem reported: guessing its order could
 * report fixed versions as affected, or the reverse. GIT ranges (commits) are not versions.
 */
import semver from 'semver';
import { compareVersions, parseVersion, type Version } from '../pep440/index.js';
import type { OsvAffected, OsvEvent } from './osv.js';

/** A version order: PEP 440 for PyPI, SemVer 2.0 (node-semver) for npm. */
export interface Ordering<V> {
  name: string;
  parse(text: string): V | null;
  compare(a: V, b: V): number;
}

export const PEP440: Ordering<Version> = { name: 'PEP 440', parse: parseVersion, compare: compareVersions };
export const SEMVER: Ordering<semver.SemVer> = {
  name: 'SemVer',
  parse: (t) => semver.parse(t.startsWith('v') ? t.slice(1) : t),
  compare: (a, b) => semver.compare(a, b),
};

export interface Interval<V> {
  /** Inclusive; null = before every version (`introduced: "0"`). */
  lo: V | null;
  /** null = no upper end. */
  hi: V | null;
  hiIncl: boolean;
}

export interface CompiledAffected<V> {
  intervals: Interval<V>[];
  /** The explicit `versions` list, parsed where the ecosystem can. */
  versions: V[];
  /** Listed versions the ecosystem cannot parse: matched as text (case-insensitive). */
  versionTexts: string[];
  /** Every `fixed` event version of the usable ranges, sorted. */
  fixed: Array<{ v: V; text: string }>;
  problems: string[];
}

type Kind = 'introduced' | 'last_affected' | 'fixed' | 'limit';
const KIND_ORDER: Record<Kind, number> = { introduced: 0, fixed: 1, last_affected: 2, limit: 3 };

function eventOf(e: OsvEvent): { kind: Kind; text: string } {
  if (e.introduced !== undefined) return { kind: 'introduced', text: e.introduced };
  if (e.fixed !== undefined) return { kind: 'fixed', text: e.fixed };
  if (e.last_affected !== undefined) return { kind: 'last_affected', text: e.last_affected };
  return { kind: 'limit', text: e.limit! };
}

export function compileAffected<V>(a: OsvAffected, ord: Ordering<V>): CompiledAffected<V> {
  const out: CompiledAffected<V> = { intervals: [], versions: [], versionTexts: [], fixed: [], problems: [] };
  for (const text of a.versions) {
    const v = ord.parse(text);
    if (v) out.versions.push(v);
    else out.versionTexts.push(text.toLowerCase());
  }
  for (const range of a.ranges) {
    if (range.type === 'GIT') continue;
    const events: Array<{ kind: Kind; text: string; v: V | null }> = [];
    let bad: string | null = null;
    for (const raw of range.events) {
      const e = eventOf(raw);
      if ((e.kind === 'introduced' && e.text === '0') || (e.kind === 'limit' && e.text === '*')) {
        events.push({ ...e, v: null });
        continue;
      }
      const v = ord.parse(e.text);
      if (!v) bad ??= `${e.kind} ${JSON.stringify(e.text)} is not a ${ord.name} version`;
      events.push({ ...e, v });
    }
    if (bad) {
      out.problems.push(`${range.type} range skipped: ${bad}`);
      continue;
    }
    events.sort((x, y) => {
      if (x.v === null || y.v === null) return (x.v === null ? 0 : 1) - (y.v === null ? 0 : 1) || KIND_ORDER[x.kind] - KIND_ORDER[y.kind];
      return ord.compare(x.v, y.v) || KIND_ORDER[x.kind] - KIND_ORDER[y.kind];
    });
    const limits = events.filter((e) => e.kind === 'limit');
    // A version must lie below at least one limit; "*" (or none) means no limit.
    const limit = limits.length === 0 || limits.some((e) => e.v === null) ? null : limits.reduce((m, e) => (ord.compare(e.v!, m) > 0 ? e.v! : m), limits[0]!.v!);
    const intervals: Interval<V>[] = [];
    let open: { lo: V | null } | null = null;
    for (const e of events) {
      if (e.kind === 'introduced' && !open) open = { lo: e.v };
      else if (e.kind === 'fixed' && open) {
        intervals.push({ lo: open.lo, hi: e.v, hiIncl: false });
        out.fixed.push({ v: e.v!, text: e.text });
        open = null;
      } else if (e.kind === 'last_affected' && open) {
        intervals.push({ lo: open.lo, hi: e.v, hiIncl: true });
        open = null;
      } else if (e.kind === 'fixed') out.fixed.push({ v: e.v!, text: e.text });
    }
    if (open) intervals.push({ lo: open.lo, hi: null, hiIncl: false });
    for (const iv of intervals) {
      if (limit === null) out.intervals.push(iv);
      else if (iv.lo === null || ord.compare(iv.lo, limit) < 0) {
        const capped = iv.hi === null || ord.compare(iv.hi, limit) >= 0;
        out.intervals.push(capped ? { lo: iv.lo, hi: limit, hiIncl: false } : iv);
      }
    }
  }
  out.fixed.sort((x, y) => ord.compare(x.v, y.v));
  return out;
}

export function inInterval<V>(iv: Interval<V>, v: V, ord: Ordering<V>): boolean {
  if (iv.lo !== null && ord.compare(v, iv.lo) < 0) return false;
  if (iv.hi === null) return true;
  const c = ord.compare(v, iv.hi);
  return c < 0 || (c === 0 && iv.hiIncl);
}

/** OSV's "v in versions or v in ranges"; `text` is the version as written, for unparsable lists. */
export function affects<V>(c: CompiledAffected<V>, v: V | null, text: string, ord: Ordering<V>): boolean {
  if (v === null) return c.versionTexts.includes(text.toLowerCase());
  return c.versions.some((x) => ord.compare(x, v) === 0) || c.intervals.some((iv) => inInterval(iv, v, ord));
}
