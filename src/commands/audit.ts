import { audit, type PipelineOptions } from '../pipeline.js';
import type { AdvisoryDb } from '../audit/db.js';
import { jsonChunks } from '../report/inventory-json.js';
import { writeChunks, type Output } from '../io/output.js';
import { ADVISORY_RULES } from '../audit/rule-options.js';
import { renderAuditMarkdown } from '../report/markdown.js';
import { renderAuditTable } from '../report/table.js';
import { renderGithub } from '../report/github.js';
import { renderGitlab } from '../report/gitlab.js';
import { renderSarif } from '../report/sarif.js';
import { repoPrefix, sarifContext } from '../report/outputs.js';
import type { RenderContext } from '../report/render-context.js';
import { EXIT } from '../errors.js';

export interface AuditOptions extends Omit<PipelineOptions, 'advisories' | 'only'> {
  advisories: string;
  format: 'table' | 'json' | 'markdown' | 'github' | 'sarif' | 'gitlab';
}

const SHOWN_DIAGNOSTICS = 20;

/** What reading the advisories found and cost, for stderr. */
export function advisoryLog({ db, ms }: { db: AdvisoryDb; ms: number }): string {
  const s = db.stats;
  const lines = [
    `depaudit: advisories: ${s.files} files (${s.files - s.unrelated} parsed, ${s.unrelated} name no declared package), ${s.indexed} records indexed, ${s.withdrawn} withdrawn skipped, ${db.diagnostics.length} problem(s); ${(ms / 1000).toFixed(2)} s`,
    ...db.diagnostics.slice(0, SHOWN_DIAGNOSTICS).map((d) => `depaudit: advisories: ${d.severity}: ${d.source}: ${d.message}`),
    ...(db.diagnostics.length > SHOWN_DIAGNOSTICS ? [`depaudit: advisories: … and ${db.diagnostics.length - SHOWN_DIAGNOSTICS} more`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export async function runAudit(root: string, opts: AuditOptions, out: Output, ctx: RenderContext): Promise<number> {
  const a = await audit(root, { ...opts, only: ADVISORY_RULES });
  const { report } = a;
  out.stderr(advisoryLog(a.advisories!));
  const prefix = () => repoPrefix(root, process.cwd());
  if (opts.format === 'json') await writeChunks(out, jsonChunks(report));
  else if (opts.format === 'github') out.stdout(renderGithub(report, prefix()));
  else if (opts.format === 'sarif') out.stdout(renderSarif(report, sarifContext(a, prefix())));
  else if (opts.format === 'gitlab') out.stdout(renderGitlab(report, prefix()));
  else if (opts.format === 'markdown') out.stdout(renderAuditMarkdown(report));
  else out.stdout(renderAuditTable(report, ctx));
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  out.stderr(`depaudit: ${errors} error(s), ${report.findings.length - errors} warning(s)\n`);
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
