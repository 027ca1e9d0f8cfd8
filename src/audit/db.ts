/**
 * Advisories indexed by (ecosystem, package name), so matching a declaration costs one map
 * lookup however large the database is. PyPI names are PEP 503 canonical (OSV stores them so,
 * and we canonicalize anyway); npm names are case-sensitive and kept as written.
 */
import type { Version } from '../pep440/index.js';
import { canonicalizeName } from '../pep508/names.js';
import type semver from 'semver';
import { compileAffected, PEP440, SEMVER, type CompiledAffected, type Ordering } from './affected.js';
// Types only: osv.ts builds zod schemas as it loads, which a check without --advisories never needs.
import type { OsvRecord } from './osv.js';

export type Ecosystem = 'PyPI' | 'npm';

export interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  modified: string | null;
  /** Where it was read: a path relative to --advisories (a zip entry is `file.zip!entry`). */
  source: string;
}

/** One advisory's `affected` entries for one package, compiled. */
export type PackageAdvisory =
  | { ecosystem: 'PyPI'; advisory: Advisory; entries: CompiledAffected<Version>[] }
  | { ecosystem: 'npm'; advisory: Advisory; entries: CompiledAffected<semver.SemVer>[] };

export interface AdvisoryDiagnostic {
  source: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface AdvisoryDb {
  byPackage: Map<string, PackageAdvisory[]>;
  stats: {
    /** Advisory files (JSON/YAML, zip entries included) found. */
    files: number;
    /** Files not parsed because they name none of the packages asked about. */
    unrelated: number;
    records: number;
    /** Records indexed under at least one PyPI or npm package. */
    indexed: number;
    withdrawn: number;
    duplicates: number;
    /** `affected` entries of other ecosystems, not indexed. */
    otherEcosystems: number;
  };
  diagnostics: AdvisoryDiagnostic[];
}

export const ORDERINGS: { PyPI: Ordering<Version>; npm: Ordering<semver.SemVer> } = { PyPI: PEP440, npm: SEMVER };

export const packageKey = (ecosystem: Ecosystem, name: string) => `${ecosystem}:${ecosystem === 'PyPI' ? canonicalizeName(name) : name}`;

export function emptyDb(): AdvisoryDb {
  return { byPackage: new Map(), stats: { files: 0, unrelated: 0, records: 0, indexed: 0, withdrawn: 0, duplicates: 0, otherEcosystems: 0 }, diagnostics: [] };
}

/**
 * Adds one record. Withdrawn records are counted and skipped; a second record with an id
 * already indexed keeps the one modified last (a directory holding both an export and its zip).
 */
export function addRecord(db: AdvisoryDb, r: OsvRecord, source: string, seen: Map<string, { modified: string | null; keys: string[] }>): void {
  db.stats.records++;
  if (r.withdrawn) {
    db.stats.withdrawn++;
    return;
  }
  const prev = seen.get(r.id);
  if (prev) {
    db.stats.duplicates++;
    db.diagnostics.push({ source, severity: 'warning', message: `${r.id} is defined again; the record modified last is used` });
    if ((prev.modified ?? '') >= (r.modified ?? '')) return;
    for (const key of prev.keys) db.byPackage.set(key, db.byPackage.get(key)!.filter((p) => p.advisory.id !== r.id));
  }
  const advisory: Advisory = { id: r.id, aliases: [...new Set(r.aliases)].sort(), summary: summaryOf(r), modified: r.modified ?? null, source };
  const grouped = new Map<string, PackageAdvisory>();
  for (const a of r.affected) {
    if (!a.package) continue;
    const eco = a.package.ecosystem;
    if (eco !== 'PyPI' && eco !== 'npm') {
      db.stats.otherEcosystems++;
      continue;
    }
    const key = packageKey(eco, a.package.name);
    let entry = grouped.get(key);
    if (!entry) grouped.set(key, (entry = eco === 'PyPI' ? { ecosystem: 'PyPI', advisory, entries: [] } : { ecosystem: 'npm', advisory, entries: [] }));
    const compiled = entry.ecosystem === 'PyPI' ? compileAffected(a, ORDERINGS.PyPI) : compileAffected(a, ORDERINGS.npm);
    for (const p of compiled.problems) db.diagnostics.push({ source, severity: 'warning', message: `${r.id} (${a.package.name}): ${p}` });
    (entry.entries as unknown[]).push(compiled);
  }
  for (const [key, entry] of grouped) {
    const list = db.byPackage.get(key);
    if (list) list.push(entry);
    else db.byPackage.set(key, [entry]);
  }
  seen.set(r.id, { modified: r.modified ?? null, keys: [...grouped.keys()] });
  if (grouped.size > 0) db.stats.indexed++;
}

/** Sort each package's advisories by id, so output never depends on the file order read. */
export function finishDb(db: AdvisoryDb): AdvisoryDb {
  for (const list of db.byPackage.values()) list.sort((a, b) => (a.advisory.id < b.advisory.id ? -1 : a.advisory.id > b.advisory.id ? 1 : 0));
  db.diagnostics.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return db;
}

/** Build a database from records held in memory (tests, rule-page examples). */
export function dbFromRecords(records: Array<{ record: OsvRecord; source: string }>): AdvisoryDb {
  const db = emptyDb();
  const seen = new Map<string, { modified: string | null; keys: string[] }>();
  for (const { record, source } of records) addRecord(db, record, source, seen);
  return finishDb(db);
}

/** A one-line summary: OSV `summary`, else the first sentence of `details`, at most 200 characters. */
export function summaryOf(r: OsvRecord): string {
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (r.summary && clean(r.summary)) return cut(clean(r.summary));
  const details = clean(r.details ?? '');
  const sentence = /^(.+?[.!?])(\s|$)/.exec(details)?.[1] ?? details;
  return cut(sentence);
}

function cut(s: string): string {
  return s.length <= 200 ? s : `${s.slice(0, 199).trimEnd()}…`;
}
