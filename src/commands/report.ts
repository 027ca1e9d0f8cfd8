import { audit, type PipelineOptions } from '../pipeline.js';
import { renderReportTable } from '../report/table.js';
import { renderReportMarkdown } from '../report/markdown.js';
import type { RenderContext } from '../report/render-context.js';
import { EXIT } from '../errors.js';

export interface ReportOptions extends PipelineOptions {
  format: 'table' | 'json' | 'markdown';
}

export async function runReport(root: string, opts: ReportOptions, out: { stdout: (s: string) => void }, ctx: RenderContext): Promise<number> {
  const { report } = await audit(root, opts);
  if (opts.format === 'json') out.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (opts.format === 'markdown') out.stdout(renderReportMarkdown(report));
  else out.stdout(renderReportTable(report, ctx));
  return EXIT.ok;
}
