/**
 * The I/O edge of `audit`: OSV advisories from a directory (JSON or YAML files, recursively, as
 * in the PyPA advisory database; zips inside it too) or from an OSV zip export. Every file that
 * is not used gets a diagnostic; nothing here throws on bad input except a missing path.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { addRecord, emptyDb, finishDb, type AdvisoryDb } from './db.js';
import { parseOsvText } from './osv.js';
import { DEFAULT_ZIP_LIMITS, listZip, readZipEntry, type ZipLimits } from './zip.js';

export interface LoadAdvisoriesOptions {
  /** Largest advisory file read (JSON/YAML); the default is 16 MiB. */
  maxFileBytes?: number;
  /** Largest zip file read; the default is 1 GiB. */
  maxZipBytes?: number;
  zipLimits?: ZipLimits;
  /**
   * PEP 503 names of the packages to match. When given, a file is parsed only when one of its
   * `name` fields may be one of them (see mayName): the YAML parser is by far the slowest step,
   * and a record can only match a package it names.
   */
  packages?: ReadonlySet<string>;
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);

const NAME_FIELD = /\bname["']?[ \t]*:[ \t\r\n]*([^\s,}\]]+)/g;

/**
 * Whether any `name` field of an OSV text (JSON or YAML) may hold one of the names. Errs on the
 * side of yes: a value it cannot read as a plain name (an alias, a tag, a block or flow value,
 * an escape) or a text with no readable `name` field at all is parsed anyway.
 */
export function mayName(text: string, names: ReadonlySet<string>): boolean {
  let seen = false;
  for (const m of text.matchAll(NAME_FIELD)) {
    seen = true;
    const raw = m[1]!;
    if (/^[*&!|>[{]/.test(raw) || raw.includes('\\')) return true;
    const value = raw.replace(/^["']/, '').replace(/["']+$/, '');
    if (names.has(value.toLowerCase().replace(/[-_.]+/g, '-'))) return true;
  }
  return !seen;
}

function kindOf(name: string): 'json' | 'yaml' | 'zip' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.zip')) return 'zip';
  return null;
}

type Seen = Parameters<typeof addRecord>[3];

function addText(db: AdvisoryDb, seen: Seen, text: string, kind: 'json' | 'yaml', source: string, names?: ReadonlySet<string>): void {
  db.stats.files++;
  if (names && !mayName(text, names)) {
    db.stats.unrelated++;
    return;
  }
  const parsed = parseOsvText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, kind);
  if (!parsed.ok) {
    db.diagnostics.push({ source, severity: 'error', message: `skipped: ${parsed.error}` });
    return;
  }
  for (const r of parsed.value) addRecord(db, r, source, seen);
}

function addZip(db: AdvisoryDb, seen: Seen, bytes: Buffer, source: string, limits: ZipLimits, names?: ReadonlySet<string>): void {
  const listed = listZip(bytes, limits);
  if (!listed.ok) {
    db.diagnostics.push({ source, severity: 'error', message: `skipped: ${listed.error}` });
    return;
  }
  let total = 0;
  const entries = listed.value.filter((e) => !e.name.endsWith('/')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const where = `${source}!${e.name}`;
    const kind = kindOf(e.name);
    if (kind === null || kind === 'zip') continue;
    if (total + e.size > limits.maxTotalBytes) {
      db.diagnostics.push({ source, severity: 'error', message: `stopped at ${e.name}: more than ${limits.maxTotalBytes} bytes uncompressed in total` });
      return;
    }
    const data = readZipEntry(bytes, e, limits);
    if (!data.ok) {
      db.diagnostics.push({ source: where, severity: 'error', message: `skipped: ${data.error}` });
      continue;
    }
    total += data.value.length;
    addText(db, seen, data.value.toString('utf8'), kind, where, names);
  }
}

/** Reads every advisory under `target` (a directory or a .zip file). Throws UsageError when it does not exist. */
export function loadAdvisories(target: string, opts: LoadAdvisoriesOptions = {}): AdvisoryDb {
  const maxFile = opts.maxFileBytes ?? 16 * 1024 * 1024;
  const maxZip = opts.maxZipBytes ?? 1024 ** 3;
  const limits = opts.zipLimits ?? DEFAULT_ZIP_LIMITS;
  let stat;
  try {
    stat = statSync(target);
  } catch {
    throw new UsageError(`advisories not found: ${target}`);
  }
  const db = emptyDb();
  const seen: Seen = new Map();
  const readOne = (abs: string, source: string, size: number) => {
    const kind = kindOf(abs);
    if (kind === null) return;
    const cap = kind === 'zip' ? maxZip : maxFile;
    if (size > cap) {
      db.diagnostics.push({ source, severity: 'error', message: `skipped: ${size} bytes, over the ${cap}-byte limit` });
      return;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch (e) {
      db.diagnostics.push({ source, severity: 'error', message: `skipped: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      return;
    }
    if (kind === 'zip') addZip(db, seen, bytes, source, limits, opts.packages);
    else addText(db, seen, bytes.toString('utf8'), kind, source, opts.packages);
  };

  if (stat.isFile()) {
    if (kindOf(target) === null) throw new UsageError(`--advisories must be a directory, or a .zip, .json or .yaml file: ${target}`);
    readOne(target, path.basename(target), stat.size);
    return finishDb(db);
  }
  const walk = (dirAbs: string, rel: string) => {
    const names = readdirSync(dirAbs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      const abs = path.join(dirAbs, d.name);
      if (d.isDirectory()) {
        if (!SKIP_DIRS.has(d.name)) walk(abs, childRel);
      } else if (d.isSymbolicLink()) {
        if (kindOf(d.name)) db.diagnostics.push({ source: childRel, severity: 'warning', message: 'skipped: a symbolic link (never followed)' });
      } else if (d.isFile()) readOne(abs, childRel, lstatSync(abs).size);
    }
  };
  walk(target, '');
  return finishDb(db);
}
