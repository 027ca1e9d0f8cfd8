/** Shared by the report golden tests and the CLI tests: the fixtures and how each output is rendered. */
import path from 'node:path';
import { audit } from '../../src/pipeline.js';
import type { ReportJson } from '../../src/report/schema.js';
import { renderReportTable } from '../../src/report/table.js';
import { renderReportMarkdown } from '../../src/report/markdown.js';
import { renderGithub } from '../../src/report/github.js';

export const VERSION_PLACEHOLDER = '<version>';
export const FIXTURES = ['seed-platform', 'seed-platform-consolidated'] as const;
export const goldenDir = path.resolve(import.meta.dirname, '../goldens/report');
const repoRoot = path.resolve(import.meta.dirname, '../..');

export async function goldenReport(fixture: string): Promise<ReportJson> {
  const { report } = await audit(path.join(repoRoot, 'fixtures', fixture), { maxFileSize: 5 * 1024 * 1024 });
  return { ...report, tool: { ...report.tool, version: VERSION_PLACEHOLDER } };
}

export const OUTPUTS = {
  'report.table.txt': (r: ReportJson) => renderReportTable(r, { color: false }),
  'report.md': (r: ReportJson) => renderReportMarkdown(r),
  'report.json': (r: ReportJson) => `${JSON.stringify(r, null, 2)}\n`,
  'check.github.txt': (r: ReportJson) => renderGithub(r),
} as const;
