import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonChunks, withFindings } from '../report/inventory-json.js';
import { writeChunks, type Output } from '../io/output.js';
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
import { safeTarget } from '../consolidate/transaction.js';

export interface CheckOptions extends PipelineOptions {
  format: 'table' | 'json' | 'markdown' | 'github' | 'sarif' | 'gitlab';
  baseline?: string;
  updateBaseline?: boolean;
}

/**
 * Where `--update-baseline` may write `file` (relative to the working directory): inside the
 * scanned root, through no symlink (the file itself included), and never over a non-file. The
 * rules of consolidate's writes: a symlink a pull request plants at the baseline path, or at a
 * directory on the way, must not turn the write into one outside the repository.
 */
function baselineTarget(root: string, file: string): string {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new UsageError(`--baseline ${file} is outside the scanned root; refusing to write it`);
  }
  const target = safeTarget(root, rel.split(path.sep).join('/'));
  if ('error' in target) throw new UsageError(`--baseline ${target.error}`);
  if (existsSync(target.abs) && !lstatSync(target.abs).isFile()) throw new UsageError(`--baseline ${file} is not a regular file; refusing to write it`);
  return target.abs;
}

/**
 * Atomic: a temp file beside the target (created exclusively, so never through something planted
 * at its name), flushed, then renamed over the target; removed again if anything fails.
 */
function writeAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export async function runCheck(root: string, opts: CheckOptions, out: Output, ctx: RenderContext): Promise<number> {
  if (opts.updateBaseline && !opts.baseline) throw new UsageError('--update-baseline needs --baseline FILE');
  const a = await audit(root, opts);
  const { report } = a;
  if (a.advisories) out.stderr(advisoryLog(a.advisories));
  if (opts.updateBaseline) {
    const target = baselineTarget(root, opts.baseline!);
    const findings = report.findings.map((f) => ({ rule: f.rule, package: f.package, fingerprint: f.fingerprint, message: f.message }));
    writeAtomic(target, `${JSON.stringify({ schemaVersion: 1, findings }, null, 2)}\n`);
    out.stderr(`depaudit: wrote ${findings.length} findings to ${opts.baseline}\n`);
    return EXIT.ok;
  }
  let shown: ReportJson = report;
  let accepted = 0;
  if (opts.baseline) {
    // Loaded only with --baseline: the reader validates the file with zod.
    const { readBaseline } = await import('../report/baseline.js');
    const known = readBaseline(opts.baseline);
    const fresh = report.findings.filter((f) => !known.has(f.fingerprint));
    accepted = report.findings.length - fresh.length;
    shown = withFindings(report, fresh);
  }
  if (opts.format === 'json') await writeChunks(out, jsonChunks(shown));
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
