/** Human output for a terminal: summary figures, then tables. */
import Table from 'cli-table3';
import type { ReportJson } from './schema.js';
import { paint, type RenderContext } from './render-context.js';
import { packageKey } from '../analysis/package-index.js';

function table(head: string[], rows: string[][], ctx: RenderContext): string {
  const t = new Table({ head, style: { compact: true, head: ctx.color ? ['cyan'] : [], border: ctx.color ? ['grey'] : [] } });
  t.push(...rows);
  return t.toString();
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
      return `${head}\n  ${f.message}\n  ${paint(ctx, 'dim', `at ${where.join(', ')}`)}`;
    })
    .join('\n\n');
}

export function renderReportTable(r: ReportJson, ctx: RenderContext): string {
  const s = r.summary;
  const parts = [renderSummary(r, ctx)];
  if (s.conflicts.length > 0) {
    parts.push(
      paint(ctx, 'bold', 'Version conflicts'),
      table(
        ['package', 'drift', 'service -> version'],
        s.conflicts.map((c) => [packageKey(c.ecosystem, c.package), c.drift, Object.entries(c.versions).map(([svc, v]) => `${svc} -> ${v.join(', ')}`).join('\n')]),
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
