/** Markdown for $GITHUB_STEP_SUMMARY and PR comments. */
import type { ReportJson } from './schema.js';
import { packageKey } from '../analysis/package-index.js';
import { joinCapped, listNames } from '../analysis/names.js';

const SHOWN_LOCATIONS = 10;
import { versionGroups } from './table.js';

// Pipes would end the cell; '<' would open HTML that GitHub's sanitizer then drops with its text.
const cell = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

function mdTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export function renderFindingsMarkdown(r: ReportJson): string {
  if (r.findings.length === 0) return 'No findings.\n';
  return `${mdTable(
    ['', 'rule', 'package', 'where', 'message'],
    r.findings.map((f) => [f.severity === 'error' ? '❌' : '⚠️', `\`${f.rule}\``, f.package ? packageKey(f.ecosystem, f.package) : '', joinCapped(f.locations.map((l) => `\`${l.path}:${l.line}\``), '\n', SHOWN_LOCATIONS, 'locations'), f.message]),
  )}\n`;
}

export function renderReportMarkdown(r: ReportJson): string {
  const s = r.summary;
  const out = [
    '## depaudit report',
    '',
    mdTable(
      ['services', 'manifests', 'declarations', 'distinct packages', 'shared by 2+', 'duplication ratio'],
      [[s.services, s.manifests, s.declarations, s.distinctPackages, s.sharedPackages, s.duplicationRatio.toFixed(3)].map(String)],
    ),
    '',
  ];
  if (s.conflicts.length > 0) {
    out.push('### Version conflicts', '', mdTable(['package', 'drift', 'version → services'], s.conflicts.map((c) => [packageKey(c.ecosystem, c.package), c.drift, versionGroups(c.versions).map((g) => `${g.version} → ${listNames(g.services)}`).join('\n')])), '');
  }
  if (s.baseCandidates.length > 0) {
    out.push('### Shared base', '', mdTable(['package', 'services', 'proposed', 'status'], s.baseCandidates.map((c) => [packageKey(c.ecosystem, c.package), String(c.services.length), c.proposedVersion ?? '(range)', c.inBase ? 'in base' : 'candidate'])), '');
  }
  const specific = Object.entries(s.serviceSpecific).filter(([, p]) => p.length > 0);
  if (specific.length > 0) out.push('### Service-specific packages', '', mdTable(['service', 'packages'], specific.map(([svc, p]) => [svc, p.join(', ')])), '');
  out.push('### Findings', '', renderFindingsMarkdown(r));
  return `${out.join('\n').trimEnd()}\n`;
}

/** `audit --format markdown`: for $GITHUB_STEP_SUMMARY and PR comments. */
export function renderAuditMarkdown(r: ReportJson): string {
  const pins = r.findings.filter((f) => f.rule === 'vulnerable').length;
  const ranges = r.findings.filter((f) => f.rule === 'vulnerable-range').length;
  return `## depaudit audit\n\n${pins} vulnerable pin(s), ${ranges} vulnerable range(s) in ${r.summary.services} services.\n\n${renderFindingsMarkdown(r)}`;
}
