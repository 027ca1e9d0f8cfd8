import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeJson } from '../report/inventory-json.js';
import { z } from 'zod';
import { audit, type PipelineOptions } from '../pipeline.js';
import { renderFindingsTable, renderSummary } from '../report/table.js';
import { renderFindingsMarkdown } from '../report/markdown.js';
import { renderGithub } from '../report/github.js';
import { renderGitlab } from '../report/gitlab.js';
import { renderSarif } from '../report/sarif.js';
import { repoPrefix, sarifContext } from '../report/outputs.js';
import type { RenderContext } from '../report/render-context.js';
import type { ReportJson } from '../report/schema.js';
import { EXIT, UsageError } from '../errors.js';
import { advisoryLog } from './audit.js';

export interface CheckOptions extends PipelineOptions {
  format: 'table' | 'json' | 'markdown' | 'github' | 'sarif' | 'gitlab';
  baseline?: string;
  updateBaseline?: boolean;
}

const baselineSchema = z.strictObject({
  schemaVersion: z.literal(1),
  findings: z.array(z.strictObject({ rule: z.string(), package: z.string().nullable(), fingerprint: z.string(), message: z.string() })),
});

function readBaseline(file: string): Set<string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`baseline file not found: ${file} (create it with --update-baseline)`);
    throw new UsageError(`baseline ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`baseline ${file} is invalid: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return new Set(parsed.data.findings.map((f) => f.fingerprint));
}

/** Atomic: write a temp file beside the target, then rename over it. */
function writeAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export async function runCheck(root: string, opts: CheckOptions, out: { stdout: (s: string) => void; stderr: (s: string) => void }, ctx: RenderContext): Promise<number> {
  if (opts.updateBaseline && !opts.baseline) throw new UsageError('--update-baseline needs --baseline FILE');
  const a = await audit(root, opts);
  const { report } = a;
  if (a.advisories) out.stderr(advisoryLog(a.advisories));
  if (opts.updateBaseline) {
    const findings = report.findings.map((f) => ({ rule: f.rule, package: f.package, fingerprint: f.fingerprint, message: f.message }));
    writeAtomic(opts.baseline!, `${JSON.stringify({ schemaVersion: 1, findings }, null, 2)}\n`);
    out.stderr(`depaudit: wrote ${findings.length} findings to ${opts.baseline}\n`);
    return EXIT.ok;
  }
  let shown: ReportJson = report;
  let accepted = 0;
  if (opts.baseline) {
    const known = readBaseline(opts.baseline);
    const fresh = report.findings.filter((f) => !known.has(f.fingerprint));
    accepted = report.findings.length - fresh.length;
    // Copy the descriptors, not the values: a spread would build the report's lazy parts.
    shown = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(report), findings: { value: fresh, enumerable: true, writable: true, configurable: true } }) as ReportJson;
  }
  if (opts.format === 'json') writeJson(shown, out.stdout);
  else if (opts.format === 'github') out.stdout(renderGithub(shown, repoPrefix(root, process.cwd())));
  else if (opts.format === 'sarif') out.stdout(renderSarif(shown, sarifContext(a, repoPrefix(root, process.cwd()))));
  else if (opts.format === 'gitlab') out.stdout(renderGitlab(shown, repoPrefix(root, process.cwd())));
  else if (opts.format === 'markdown') out.stdout(renderFindingsMarkdown(shown));
  else out.stdout(`${renderSummary(shown, ctx)}\n\n${renderFindingsTable(shown, ctx)}\n`);
  const errors = shown.findings.filter((f) => f.severity === 'error').length;
  const warnings = shown.findings.length - errors;
  out.stderr(`depaudit: ${errors} error(s), ${warnings} warning(s)${accepted ? `, ${accepted} accepted by the baseline` : ''}\n`);
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
