/** Shared by the report golden tests and the CLI tests: the fixtures and how each output is rendered. */
import path from 'node:path';
import { audit, type Audit } from '../../src/pipeline.js';
import type { ReportJson } from '../../src/report/schema.js';
import { renderReportTable, renderAuditTable } from '../../src/report/table.js';
import { renderAuditMarkdown, renderReportMarkdown } from '../../src/report/markdown.js';
import { renderGithub } from '../../src/report/github.js';
import { renderGitlab } from '../../src/report/gitlab.js';
import { renderSarif } from '../../src/report/sarif.js';
import { sarifContext } from '../../src/report/outputs.js';
import { ADVISORY_RULES } from '../../src/audit/rule-options.js';

export const VERSION_PLACEHOLDER = '<version>';
export const FIXTURES = ['seed-platform', 'seed-platform-consolidated', 'polyglot-platform'] as const;
export const goldenDir = path.resolve(import.meta.dirname, '../goldens/report');
export const auditGoldenDir = path.resolve(import.meta.dirname, '../goldens/audit');
export const SEED_ADVISORIES = path.resolve(import.meta.dirname, '../audit/fixtures/seed-advisories');
const repoRoot = path.resolve(import.meta.dirname, '../..');

const placeholder = (a: Audit): Audit => ({ ...a, report: { ...a.report, tool: { ...a.report.tool, version: VERSION_PLACEHOLDER } } });

export async function goldenAudit(fixture: string): Promise<Audit> {
  return placeholder(await audit(path.join(repoRoot, 'fixtures', fixture), { maxFileSize: 5 * 1024 * 1024 }));
}

export async function goldenReport(fixture: string): Promise<ReportJson> {
  return (await goldenAudit(fixture)).report;
}

/** `depaudit audit fixtures/<fixture> --advisories test/audit/fixtures/seed-advisories`, in process. */
export async function goldenAdvisoryAudit(fixture: string): Promise<Audit> {
  return placeholder(await audit(path.join(repoRoot, 'fixtures', fixture), { maxFileSize: 5 * 1024 * 1024, advisories: SEED_ADVISORIES, only: ADVISORY_RULES }));
}

/** Paths as the CLI prints them when run from the repository root: relative to it. */
const prefix = (fixture: string) => `fixtures/${fixture}/`;
const sarif = (a: Audit, fixture: string) => renderSarif(a.report, { ...sarifContext(a, prefix(fixture)), toolVersion: VERSION_PLACEHOLDER });

export const OUTPUTS = {
  'report.table.txt': (a: Audit) => renderReportTable(a.report, { color: false }),
  'report.md': (a: Audit) => renderReportMarkdown(a.report),
  'report.json': (a: Audit) => `${JSON.stringify(a.report, null, 2)}\n`,
  'check.github.txt': (a: Audit, fixture: string) => renderGithub(a.report, prefix(fixture)),
  'check.sarif': sarif,
  'check.gitlab.json': (a: Audit, fixture: string) => renderGitlab(a.report, prefix(fixture)),
} as const;

export const AUDIT_OUTPUTS = {
  'audit.table.txt': (a: Audit) => renderAuditTable(a.report, { color: false }),
  'audit.md': (a: Audit) => renderAuditMarkdown(a.report),
  'audit.json': (a: Audit) => `${JSON.stringify(a.report, null, 2)}\n`,
  'audit.github.txt': (a: Audit, fixture: string) => renderGithub(a.report, prefix(fixture)),
  'audit.sarif': sarif,
  'audit.gitlab.json': (a: Audit, fixture: string) => renderGitlab(a.report, prefix(fixture)),
} as const;
