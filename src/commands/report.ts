import { audit, type PipelineOptions } from '../pipeline.js';
import { renderReportTable } from '../report/table.js';
import { jsonChunks } from '../report/inventory-json.js';
import { writeChunks, type Output } from '../io/output.js';
import { renderReportMarkdown } from '../report/markdown.js';
import { renderReportHtml } from '../report/html.js';
import { renderGitlab } from '../report/gitlab.js';
import { renderSarif } from '../report/sarif.js';
import { repoPrefix, sarifContext } from '../report/outputs.js';
import type { RenderContext } from '../report/render-context.js';
import { EXIT } from '../errors.js';

export interface ReportOptions extends PipelineOptions {
  format: 'table' | 'json' | 'markdown' | 'sarif' | 'gitlab' | 'html';
}

export async function runReport(root: string, opts: ReportOptions, out: Output, ctx: RenderContext): Promise<number> {
  const a = await audit(root, opts);
  const { report } = a;
  if (opts.format === 'json') await writeChunks(out, jsonChunks(report));
  else if (opts.format === 'markdown') out.stdout(renderReportMarkdown(report));
  else if (opts.format === 'html') out.stdout(renderReportHtml(report));
  else if (opts.format === 'sarif') out.stdout(renderSarif(report, sarifContext(a, repoPrefix(root, process.cwd()))));
  else if (opts.format === 'gitlab') out.stdout(renderGitlab(report, repoPrefix(root, process.cwd())));
  else out.stdout(renderReportTable(report, ctx));
  return EXIT.ok;
}
