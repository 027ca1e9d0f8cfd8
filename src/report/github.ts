/**
 * GitHub Actions workflow commands. GitHub shows at most 10 error and 10 warning annotations per
 * step, so the most important come first: errors, then by how much the rule matters (a known
 * vulnerability before drift before tidiness), then in report order; a notice says how many
 * were printed past what GitHub shows. Escaping follows actions/toolkit's command.ts.
 */
import type { ReportJson } from './schema.js';

type Finding = ReportJson['findings'][number];

export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** Per step, per kind (actions/toolkit docs/problem-matchers.md). */
export const ANNOTATIONS_SHOWN = 10;

const PRIORITY: Record<Finding['rule'], number> = {
  vulnerable: 0,
  unsatisfiable: 1,
  'version-conflict': 2,
  'parse-error': 3,
  'vulnerable-range': 4,
  'insecure-source': 5,
  'range-mismatch': 6,
  'runtime-drift': 6,
  'base-override': 7,
  unpinned: 8,
  duplicate: 9,
};

export function orderForAnnotations(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.severity === b.f.severity ? 0 : a.f.severity === 'error' ? -1 : 1) || PRIORITY[a.f.rule] - PRIORITY[b.f.rule] || a.i - b.i)
    .map((x) => x.f);
}

export function renderGithub(r: ReportJson, pathPrefix = ''): string {
  const ordered = orderForAnnotations(r.findings);
  const lines = ordered.map((f) => {
    const loc = f.locations[0];
    const props = [
      ...(loc ? [`file=${escapeProperty(`${pathPrefix}${loc.path}`)}`, ...(loc.line > 0 ? [`line=${loc.line}`] : [])] : []),
      `title=${escapeProperty(`depaudit ${f.rule}${f.package ? `: ${f.package}` : ''}`)}`,
    ];
    return `::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(f.message)}\n`;
  });
  const errors = ordered.filter((f) => f.severity === 'error').length;
  const hidden = Math.max(0, errors - ANNOTATIONS_SHOWN) + Math.max(0, ordered.length - errors - ANNOTATIONS_SHOWN);
  if (hidden > 0) {
    lines.push(`::notice title=depaudit::${escapeData(`${ordered.length} findings; GitHub shows ${ANNOTATIONS_SHOWN} errors and ${ANNOTATIONS_SHOWN} warnings per step, so ${hidden} are only in this log (the job summary from --format markdown lists all)`)}\n`);
  }
  return lines.join('');
}
