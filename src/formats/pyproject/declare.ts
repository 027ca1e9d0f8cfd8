/**
 * Building Declarations for the non-requirements formats: every declaration points at the text
 * of its item in the source (line, endLine, span, text), whatever grammar its value is in.
 */
import type { Declaration, DeclarationRole, Dialect, Ecosystem, SourceKind } from '../../model/declaration.js';
import { canonicalizeName, formatMarker, parseMarker, parseRequirement } from '../../pep508/index.js';
import { isVcsUrl, isWheelUrl, urlScheme } from '../requirements/links.js';
import { positionAt, type Diagnostics } from './source-text.js';

/** Offsets of an item's text in the source, `end` exclusive. */
export interface Site {
  start: number;
  end: number;
}

/** What a declaration is for; the same for every item of one list or table. */
export interface DeclarationMeta {
  group: string;
  role: DeclarationRole;
  dialect: Dialect;
  ecosystem?: Ecosystem;
}

/** The parts of a Declaration that depend on its value (the rest comes from the site and meta). */
export type DeclarationValue = Pick<Declaration, 'name' | 'rawName' | 'requirement'> &
  Partial<Pick<Declaration, 'specifier' | 'extras' | 'marker' | 'url' | 'path' | 'source' | 'editable' | 'constraint' | 'written'>>;

/** Turns sites into positions and values into Declarations for one file. */
export class DeclarationSink {
  constructor(
    private readonly text: string,
    private readonly starts: readonly number[],
    readonly diags: Diagnostics,
    readonly out: Declaration[],
  ) {}

  at(offset: number): { line: number; column: number } {
    return positionAt(this.starts, offset);
  }

  add(site: Site, value: DeclarationValue, meta: DeclarationMeta): Declaration {
    const d: Declaration = {
      name: value.name,
      rawName: value.rawName,
      line: this.at(site.start).line,
      endLine: this.at(Math.max(site.start, site.end - 1)).line,
      span: { start: site.start, end: site.end },
      byteSpan: null,
      text: this.text.slice(site.start, site.end),
      requirement: value.requirement,
      specifier: value.specifier ?? '',
      extras: value.extras ?? [],
      marker: value.marker ?? null,
      url: value.url ?? null,
      path: value.path ?? null,
      source: value.source ?? 'index',
      editable: value.editable ?? false,
      hashes: [],
      configSettings: null,
      globalOptions: null,
      constraint: value.constraint ?? false,
      group: meta.group,
      unexpandedVars: [],
      comment: null,
      ecosystem: meta.ecosystem ?? 'pypi',
      role: meta.role,
      dialect: meta.dialect,
    };
    if (value.written !== undefined) d.written = value.written;
    this.out.push(d);
    return d;
  }

  /**
   * A PEP 508 string, read as packaging 26.2 reads it. `valueAt` is where the value's first
   * character sits in the source when it is written there verbatim (so error columns are exact).
   */
  pep508(value: string, site: Site, meta: DeclarationMeta, valueAt: number | null, constraint = false): Declaration | null {
    const parsed = parseRequirement(value);
    if (!parsed.ok) {
      const at = valueAt !== null ? this.at(valueAt + parsed.error.index) : this.at(site.start);
      this.diags.add(at, 'error', 'invalid-requirement', `Invalid requirement: ${JSON.stringify(value)}: ${parsed.error.message}`);
      return null;
    }
    const r = parsed.value;
    if (r.url !== null && r.url.includes(';')) {
      this.diags.add(this.at(site.start), 'warning', 'marker-in-url', `the URL ${JSON.stringify(r.url)} runs up to the next space, so what follows ";" is part of it, not a marker: put a space before ";"`);
    }
    return this.add(
      site,
      {
        name: canonicalizeName(r.name),
        rawName: r.name,
        requirement: value,
        specifier: r.specifierText,
        extras: r.extras,
        marker: r.markerText,
        url: r.url,
        source: r.url === null ? 'index' : urlSource(r.url),
        constraint,
      },
      { ...meta, dialect: 'pep508' },
    );
  }
}

/** How a direct-reference URL installs. */
export function urlSource(url: string): SourceKind {
  return isVcsUrl(url) ? 'vcs' : isWheelUrl(url) ? 'wheel' : urlScheme(url) === 'file' ? 'path' : 'url';
}

/** `str(Marker)` of the AND of several marker texts (empty ones skipped); an error names the bad part. */
export function combineMarkers(parts: readonly string[]): { ok: true; marker: string | null } | { ok: false; error: string } {
  const present = parts.map((p) => p.trim()).filter(Boolean);
  if (present.length === 0) return { ok: true, marker: null };
  for (const p of present) {
    const m = parseMarker(p);
    if (!m.ok) return { ok: false, error: `Invalid marker ${JSON.stringify(p)}: ${m.error.message}` };
  }
  const joined = present.length === 1 ? present[0]! : present.map((p) => `(${p})`).join(' and ');
  const m = parseMarker(joined);
  return m.ok ? { ok: true, marker: formatMarker(m.value) } : { ok: false, error: m.error.message };
}

/** The quoted source text of a TOML/YAML string holds `value` verbatim after its opening quote. */
export function verbatimAt(text: string, site: Site, value: string): number | null {
  if (text.startsWith(value, site.start + 1) && site.end - site.start === value.length + 2) return site.start + 1;
  if (text.startsWith(value, site.start) && site.end - site.start === value.length) return site.start;
  return null;
}

/** A PEP 508-like rendering: `name[extras]>=1.2,<2.0; marker` or `name @ url ; marker`. */
export function renderRequirement(name: string, extras: readonly string[], url: string | null, specifier: string, marker: string | null): string {
  let out = name + (extras.length > 0 ? `[${extras.join(',')}]` : '');
  out += url !== null ? ` @ ${url}${marker !== null ? ' ' : ''}` : specifier;
  return marker !== null ? `${out}; ${marker}` : out;
}
