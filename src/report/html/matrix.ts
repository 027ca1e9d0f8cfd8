/**
 * The data the HTML report embeds: one row per (ecosystem, package), its declarations per
 * service, each distinct specifier already classed against the row's reference. Compact
 * (indexes into shared tables, flat number lists) so 200 services x 800 packages stays a few MB.
 */
import type { ReportJson } from '../schema.js';
import { CELL_CLASSES, classify, direction, schemeFor, type Parsed } from './classify.js';

/** One package row. Short keys: this is repeated hundreds of times in the page. */
export interface MatrixRow {
  /** Package name. */
  n: string;
  /** Ecosystem (`pypi`, `conda`, `npm`). */
  e: string;
  /** The reference: the most common pin (ties to the highest), else the most common specifier. */
  r: string;
  /** Services that declare it as a requirement (not only through `-c`). */
  s: number;
  /** Shared base: 0 not a candidate, 1 candidate, 2 already inherited from a base file. */
  b: 0 | 1 | 2;
  /** The proposed base version ("" when the candidate has only ranges). */
  bv: string;
  /** Distinct (specifier, marker) pairs: [label, class index, direction vs the reference, marker]. */
  p: Array<[string, number, number, string]>;
  /** Declarations, five numbers each: service index, `p` index, `paths` index, line, flags (1 inherited, 2 constraint, 4 build). */
  d: number[];
}

/** A finding about conflicting declarations, for the list of conflicts. */
export interface MatrixConflict {
  /** Index into `rows`, -1 when the package has no row. */
  row: number;
  package: string;
  rule: string;
  severity: string;
  /** Drift class as the finding names it (`minor`, `unsatisfiable`, `range`, ...). */
  drift: string;
  message: string;
  /** Locations, two numbers each: `paths` index, line (0 for a whole file). */
  l: number[];
}

export interface MatrixData {
  classes: readonly string[];
  services: string[];
  paths: string[];
  rows: MatrixRow[];
  conflicts: MatrixConflict[];
}

export const CONFLICT_RULES = new Set(['version-conflict', 'unsatisfiable', 'range-mismatch']);
export const FLAG_INHERITED = 1;
export const FLAG_CONSTRAINT = 2;
/** Build requirements (pyproject build-system): shown, but never the reference, as the drift rules skip them. */
export const FLAG_BUILD = 4;

// `role` arrives with the multi-format report; read it without requiring it.
type Decl = ReportJson['packages'][number]['services'][number]['declarations'][number] & { role?: string };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildMatrix(report: ReportJson): MatrixData {
  const services = report.services.map((s) => s.name);
  const serviceIndex = new Map(services.map((s, i) => [s, i]));
  const paths: string[] = [];
  const pathIndex = new Map<string, number>();
  const intern = (p: string) => {
    let i = pathIndex.get(p);
    if (i === undefined) pathIndex.set(p, (i = paths.push(p) - 1));
    return i;
  };

  // Candidates name their ecosystem since the multi-format report; before it, all were PyPI.
  const bases = new Map(report.summary.baseCandidates.map((c) => [`${(c as { ecosystem?: string }).ecosystem ?? 'pypi'}\0${c.package}`, c]));

  const rows: MatrixRow[] = report.packages.map((pkg) => {
    const ecosystem: string = pkg.ecosystem;
    const scheme = schemeFor(ecosystem);
    const parsed = new Map<string, Parsed>();
    const parse = (spec: string) => {
      let p = parsed.get(spec);
      if (!p) parsed.set(spec, (p = scheme.parse(spec)));
      return p;
    };
    const decls: Array<{ service: number; d: Decl }> = [];
    for (const s of pkg.services) {
      const si = serviceIndex.get(s.service);
      if (si === undefined) continue;
      for (const d of s.declarations) decls.push({ service: si, d });
    }
    const requirements = decls.filter((x) => !x.d.constraint && x.d.role !== 'build');
    const ref = reference(requirements.length > 0 ? requirements : decls, parse, scheme.compare);
    const specIndex = new Map<string, number>();
    const p: MatrixRow['p'] = [];
    const d: number[] = [];
    for (const { service, d: decl } of decls) {
      const key = `${decl.specifier}\0${decl.marker ?? ''}\0${decl.written ?? ''}`;
      let si = specIndex.get(key);
      if (si === undefined) {
        const cell = parse(decl.specifier);
        // Shown as written (Poetry `^0.110`, conda `=1.24`), classed by what it means in PEP 440.
        si = p.push([decl.written ?? cell.label, CELL_CLASSES.indexOf(classify(scheme, cell, ref)), direction(scheme, cell, ref), decl.marker ?? '']) - 1;
        specIndex.set(key, si);
      }
      d.push(service, si, intern(decl.manifest), decl.line, (decl.inherited ? FLAG_INHERITED : 0) | (decl.constraint ? FLAG_CONSTRAINT : 0) | (decl.role === 'build' ? FLAG_BUILD : 0));
    }
    const base = bases.get(`${ecosystem}\0${pkg.name}`);
    return {
      n: pkg.name,
      e: ecosystem,
      r: ref?.label ?? '',
      s: new Set(requirements.map((x) => x.service)).size,
      b: base === undefined ? 0 : base.inBase ? 2 : 1,
      bv: base?.proposedVersion ?? '',
      p,
      d,
    };
  });
  // Most shared first; the client's default order is this one.
  rows.sort((a, b) => b.s - a.s || byText(a.n, b.n) || byText(a.e, b.e));

  const rowIndex = new Map(rows.map((r, i) => [`${r.e}\0${r.n}`, i]));
  const conflicts: MatrixConflict[] = report.findings
    .filter((f) => CONFLICT_RULES.has(f.rule) && f.package !== null)
    .map((f) => ({
      row: rowIndex.get(`${f.ecosystem}\0${f.package}`) ?? -1,
      package: f.package!,
      rule: f.rule,
      severity: f.severity,
      drift: f.rule === 'version-conflict' ? String(f.data.drift ?? '') : f.rule === 'unsatisfiable' ? 'unsatisfiable' : 'range',
      message: f.message,
      l: f.locations.flatMap((l) => [intern(l.path), l.line]),
    }));
  return { classes: CELL_CLASSES, services, paths, rows, conflicts };
}

/**
 * The declaration the others are measured against: the pin most services share (PEP 440 or
 * semver equality, ties to the highest, as the shared base picks it); without pins, the
 * specifier text most services share (ties to the first in code-point order).
 */
function reference(decls: Array<{ service: number; d: Decl }>, parse: (s: string) => Parsed, compare: (a: Parsed, b: Parsed) => number): Parsed | null {
  const pins: Array<{ pin: Parsed; services: Set<number> }> = [];
  const groupOf = new Map<string, (typeof pins)[number]>();
  for (const { service, d } of decls) {
    const cell = parse(d.specifier);
    if (cell.pin === null) continue;
    // Equal texts are equal pins: compare only a text not seen before.
    let g = groupOf.get(d.specifier) ?? pins.find((x) => compare(x.pin, cell) === 0);
    if (!g) pins.push((g = { pin: cell, services: new Set() }));
    groupOf.set(d.specifier, g);
    g.services.add(service);
  }
  let best: (typeof pins)[number] | undefined;
  for (const g of pins) {
    if (!best || g.services.size > best.services.size || (g.services.size === best.services.size && compare(g.pin, best.pin) > 0)) best = g;
  }
  if (best) return best.pin;
  const texts = new Map<string, Set<number>>();
  for (const { service, d } of decls) {
    const set = texts.get(d.specifier);
    if (set) set.add(service);
    else texts.set(d.specifier, new Set([service]));
  }
  let top: [string, Set<number>] | undefined;
  for (const t of [...texts].sort(([a], [b]) => byText(a, b))) if (!top || t[1].size > top[1].size) top = t;
  return top ? parse(top[0]) : null;
}
