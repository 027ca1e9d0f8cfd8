/** Human output for a terminal: summary figures, then tables. */
import Table from 'cli-table3';
import { strlen } from 'cli-table3/src/utils.js';
import type { ReportJson } from './schema.js';
import { paint, type RenderContext } from './render-context.js';
import { packageKey } from '../analysis/package-index.js';
import { listNames } from '../analysis/names.js';

// A cell or location list grows with the platform; past these a table would be unreadable. JSON
// keeps the full lists.
const SHOWN_SERVICES = 5;
const SHOWN_LOCATIONS = 10;

// cli-table3 lays a table out in time quadratic in its rows (every cell checks every row above it
// for spans): a table is drawn in slices of this many rows, with the widths of the whole table.
const SLICE_ROWS = 64;

/** A compact box table, as cli-table3 draws it, in time linear in its rows. */
export function table(head: string[], rows: string[][], ctx: RenderContext, sliceRows = SLICE_ROWS): string {
  const lines = rows.flatMap(physicalRows);
  const colWidths = head.map((h) => strlen(h) + 2);
  for (const line of lines) line.forEach((cell, i) => (colWidths[i] = Math.max(colWidths[i] ?? 2, strlen(cell) + 2)));
  const style = { compact: true, head: ctx.color ? ['cyan'] : [], border: ctx.color ? ['grey'] : [] };
  const out: string[] = [];
  for (let start = 0; start === 0 || start < lines.length; start += sliceRows) {
    const t = new Table({ head: start === 0 ? head : [], colWidths, style });
    t.push(...lines.slice(start, start + sliceRows));
    const drawn = t.toString().split('\n');
    // Slices join where one's bottom border and the next one's top border would meet.
    out.push(...drawn.slice(start === 0 ? 0 : 1, start + sliceRows < lines.length ? -1 : undefined));
  }
  return out.join('\n');
}

/**
 * A row whose cells hold several lines, as one row per line: a compact table draws them alike, and
 * cli-table3 re-measures a multi-line cell character by character for every line it draws (a
 * 40-line cell costs seconds), while single-line cells cost nothing.
 */
function physicalRows(row: string[]): string[][] {
  const cells = row.map((cell) => cell.split('\n'));
  const height = Math.max(...cells.map((lines) => lines.length));
  return Array.from({ length: height }, (_, i) => cells.map((lines) => lines[i] ?? ''));
}

export function renderSummary(r: ReportJson, ctx: RenderContext): string {
  const s = r.summary;
  const drift = Object.entries(s.conflictsByDrift).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    paint(ctx, 'bold', `depaudit ${r.tool.version}: ${s.services} services, ${s.manifests} manifests, ${s.declarations} declarations, ${s.distinctPackages} distinct packages`),
    `shared by 2+ services: ${s.sharedPackages} packages; duplication ratio ${s.duplicationRatio.toFixed(3)}`,
    `version conflicts by drift class: ${drift}`,
  ].join('\n');
}

/** One block per finding, most severe first: readable in a CI log at any terminal width. */
export function renderFindingsTable(r: ReportJson, ctx: RenderContext): string {
  if (r.findings.length === 0) return paint(ctx, 'green', 'no findings');
  const ordered = [...r.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return ordered
    .map((f) => {
      const head = `${f.severity === 'error' ? paint(ctx, 'red', 'error  ') : paint(ctx, 'yellow', 'warning')}  ${paint(ctx, 'bold', f.rule)}${f.package ? `  ${packageKey(f.ecosystem, f.package)}` : ''}`;
      const where = f.locations.map((l) => (l.line > 0 ? `${l.path}:${l.line}` : l.path));
      return `${head}\n  ${f.message}\n  ${paint(ctx, 'dim', `at ${listNames(where, SHOWN_LOCATIONS)}`)}`;
    })
    .join('\n\n');
}

/** A conflict's services grouped by the versions they declare, the most common first (ties by version text). */
export function versionGroups(versions: Record<string, string[]>): Array<{ version: string; services: string[] }> {
  const groups = new Map<string, string[]>();
  for (const [service, v] of Object.entries(versions)) {
    const key = v.join(', ');
    const group = groups.get(key);
    if (group) group.push(service);
    else groups.set(key, [service]);
  }
  return [...groups]
    .map(([version, services]) => ({ version, services }))
    .sort((a, b) => b.services.length - a.services.length || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

export function renderReportTable(r: ReportJson, ctx: RenderContext): string {
  const s = r.summary;
  const parts = [renderSummary(r, ctx)];
  if (s.conflicts.length > 0) {
    parts.push(
      paint(ctx, 'bold', 'Version conflicts'),
      table(
        ['package', 'drift', 'version', 'services'],
        s.conflicts.map((c) => {
          const groups = versionGroups(c.versions);
          return [packageKey(c.ecosystem, c.package), c.drift, groups.map((g) => g.version).join('\n'), groups.map((g) => listNames(g.services, SHOWN_SERVICES)).join('\n')];
        }),
        ctx,
      ),
    );
  }
  if (s.baseCandidates.length > 0) {
    parts.push(
      paint(ctx, 'bold', 'Shared base'),
      table(
        ['package', 'services', 'proposed', 'status'],
        s.baseCandidates.map((c) => [packageKey(c.ecosystem, c.package), String(c.services.length), c.proposedVersion ?? '(range)', c.inBase ? 'in base' : 'candidate']),
        ctx,
      ),
    );
  }
  const specific = Object.entries(s.serviceSpecific).filter(([, p]) => p.length > 0);
  if (specific.length > 0) {
    parts.push(paint(ctx, 'bold', 'Service-specific packages'), table(['service', 'packages'], specific.map(([svc, p]) => [svc, p.join(', ')]), ctx));
  }
  parts.push(paint(ctx, 'bold', `Findings (${r.findings.length})`), renderFindingsTable(r, ctx));
  return `${parts.join('\n\n')}\n`;
}

/** `audit`: what was found, then the findings, most severe first. */
export function renderAuditTable(r: ReportJson, ctx: RenderContext): string {
  const pins = r.findings.filter((f) => f.rule === 'vulnerable').length;
  const ranges = r.findings.filter((f) => f.rule === 'vulnerable-range').length;
  const head = paint(ctx, 'bold', `depaudit ${r.tool.version}: ${pins} vulnerable pin(s), ${ranges} vulnerable range(s) in ${r.summary.services} services, ${r.summary.distinctPackages} distinct packages`);
  return `${head}\n\n${renderFindingsTable(r, ctx)}\n`;
}
