import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadInventory } from '../load.js';
import { loadConfig } from '../config/load.js';
import { planConsolidation, type Plan, type Strategy } from '../consolidate/plan.js';
import { unifiedDiff } from '../consolidate/diff.js';
import { JOURNAL, rollback, writeTransaction } from '../consolidate/transaction.js';
import { expandLikePip, type ExpandedDeclaration } from '../inventory/expand.js';
import type { Inventory } from '../inventory/model.js';
import { EXIT, UsageError } from '../errors.js';
import { paint, type RenderContext } from '../report/render-context.js';

export interface ConsolidateCliOptions {
  base?: string;
  services?: string[];
  minServices?: number;
  minShare?: number;
  strategy: Strategy;
  write?: boolean;
  allowHashMode?: boolean;
  format: 'text' | 'json';
  config?: string;
  env?: Map<string, string>;
  maxFileSize: number;
}

const OTHER_FORMATS = ['pyproject.toml', 'Pipfile', 'environment.yml', 'environment.yaml', 'conda.yml', 'conda.yaml'];

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

/** The base the services already share, else shared/requirements.txt. */
function defaultBase(inventory: Inventory): string {
  const counts = new Map<string, number>();
  for (const m of inventory.manifests) {
    if (m.role !== 'service') continue;
    for (const inc of m.includes) if (inc.kind === 'requirement' && inc.target && inventory.manifests.find((x) => x.path === inc.target)?.role === 'base') counts.set(inc.target, (counts.get(inc.target) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? best[0] : 'shared/requirements.txt';
}

function normalizeBase(base: string): string {
  const norm = path.posix.normalize(base.split(path.sep).join('/'));
  if (path.posix.isAbsolute(norm) || norm === '..' || norm.startsWith('../')) throw new UsageError(`--base ${base} is outside the root; the base must live inside the scanned tree`);
  return norm.replace(/^\.\//, '');
}

/** A comparable key for what pip installs from one line. */
function effectiveKey(e: ExpandedDeclaration): string {
  const d = e.declaration;
  return JSON.stringify([d.name, [...d.extras].map((x) => x.toLowerCase()).sort(), d.specifier, d.marker, d.url, d.path, d.editable, e.constraint, [...d.hashes].sort()]);
}

function effective(inventory: Inventory, manifest: string): Set<string> {
  const byPath = new Map(inventory.manifests.map((m) => [m.path, m]));
  return new Set(expandLikePip(byPath, manifest).entries.map(effectiveKey));
}

export function planText(plan: Plan, ctx: RenderContext): string {
  const lines: string[] = [paint(ctx, 'bold', `Consolidation plan: base ${plan.base} (packages declared in at least ${plan.threshold} services)`)];
  lines.push(`base packages: ${plan.base_packages.length ? plan.base_packages.join(', ') : '(none)'}`);
  for (const s of plan.services) {
    if (s.changes.length === 0) continue;
    lines.push('', paint(ctx, 'bold', `${s.name} (${s.manifest})`));
    for (const c of s.changes) {
      if (c.kind === 'moved') lines.push(`  moved    ${c.package} ${c.to}`);
      else if (c.kind === 'version') lines.push(`  ${paint(ctx, 'yellow', 'version')}  ${c.package} ${c.from} -> ${c.to} (${c.direction})`);
      else if (c.from === null) lines.push(`  ${paint(ctx, 'cyan', 'added')}    ${c.package} ${c.to} (new for this service, from the base)`);
      else lines.push(`  ${paint(ctx, 'cyan', 'added')}    ${c.package} ${c.to} (from the base, on top of the service's own ${c.from})`);
    }
  }
  if (plan.kept.length) {
    lines.push('', paint(ctx, 'bold', 'Kept in the services'));
    for (const k of plan.kept) lines.push(`  ${k.package}: ${k.reason}`);
  }
  if (plan.skipped.length) {
    lines.push('', paint(ctx, 'bold', 'Not rewritten'));
    for (const s of plan.skipped) lines.push(`  ${s.service}${s.manifest ? ` (${s.manifest})` : ''}: ${s.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

export function planJson(plan: Plan) {
  return {
    base: plan.base,
    services: plan.services.map((s) => ({ name: s.name, manifest: s.manifest, changes: s.changes })),
    base_packages: plan.base_packages,
    kept: plan.kept,
    skipped: plan.skipped,
    files: plan.edits.map((e) => e.path),
  };
}

export async function runConsolidate(root: string, opts: ConsolidateCliOptions, out: Out, ctx: RenderContext): Promise<number> {
  if (opts.minServices !== undefined && opts.minShare !== undefined) throw new UsageError('use either --min-services or --min-share, not both');
  const restored = opts.write ? rollback(root) : [];
  if (restored.length) out.stderr(`depaudit: an interrupted consolidation was rolled back (${restored.join(', ')})\n`);
  if (!opts.write && existsSync(path.join(root, JOURNAL))) {
    out.stderr(`depaudit: an earlier --write was interrupted (${JOURNAL}); this plan reads the half-written tree: run with --write to restore it first\n`);
  }
  const loadOpts = { maxFileSize: opts.maxFileSize, env: opts.env ?? new Map<string, string>() };
  const inventory = await loadInventory(root, loadOpts);
  const { config } = loadConfig(root, opts.config);
  const base = normalizeBase(opts.base ?? config.base ?? defaultBase(inventory));
  const plan = planConsolidation(inventory, {
    base,
    ...(opts.services ? { services: opts.services } : {}),
    ...(opts.minServices !== undefined ? { minServices: opts.minServices } : {}),
    ...(opts.minShare !== undefined ? { minShare: opts.minShare } : {}),
    strategy: opts.strategy,
    allowHashMode: opts.allowHashMode ?? false,
  });

  // Other manifest formats have no include mechanism: never rewritten, and the plan says so.
  for (const s of plan.services) {
    const dir = path.posix.dirname(s.manifest);
    for (const name of OTHER_FORMATS) {
      const rel = dir === '.' ? name : `${dir}/${name}`;
      if (existsSync(path.join(root, ...rel.split('/')))) plan.skipped.push({ service: s.name, manifest: rel, reason: `${name} has no include mechanism for a shared requirements file; not rewritten` });
    }
  }

  if (opts.format === 'json') out.stdout(`${JSON.stringify(planJson(plan), null, 2)}\n`);
  else {
    out.stdout(planText(plan, ctx));
    for (const e of plan.edits) out.stdout(`\n${unifiedDiff(e.path, e.before, e.after)}`);
  }
  if (plan.edits.length === 0) {
    out.stderr('depaudit: nothing to do\n');
    return EXIT.ok;
  }
  if (!opts.write) {
    out.stderr(`depaudit: dry run; ${plan.edits.length} file(s) would change (pass --write to apply)\n`);
    return EXIT.ok;
  }

  const byPath = new Map(inventory.manifests.map((m) => [m.path, m]));
  const expected = new Map<string, Set<string>>();
  for (const s of plan.services) {
    const keys = effective(inventory, s.manifest);
    const moved = new Set((plan.moved.get(s.manifest) ?? []).map((d) => d.span.start));
    for (const e of expandLikePip(byPath, s.manifest).entries) if (e.file === s.manifest && moved.has(e.declaration.span.start)) keys.delete(effectiveKey(e));
    expected.set(s.manifest, keys);
  }
  // What the base holds after the write, per the plan (not as read back: a broken base must fail).
  const baseKeys = byPath.has(base) ? effective(inventory, base) : new Set<string>();
  for (const d of plan.baseAdded) baseKeys.add(effectiveKey({ file: base, declaration: d, constraint: false, chain: [] }));
  const includers = new Set(plan.includers);
  const result = await writeTransaction(
    root,
    plan.edits.map((e) => ({ path: e.path, expectedSha256: e.before === null ? null : byPath.get(e.path)!.sha256, bytes: e.bytes })),
    async () => {
      const after = await loadInventory(root, loadOpts);
      for (const s of plan.services) {
        const got = effective(after, s.manifest);
        const want = new Set(expected.get(s.manifest));
        if (includers.has(s.manifest)) for (const k of baseKeys) want.add(k);
        const missing = [...want].filter((k) => !got.has(k));
        const extra = [...got].filter((k) => !want.has(k));
        if (missing.length || extra.length) return `after writing, ${s.manifest} reads differently from the plan (${missing.length} missing, ${extra.length} unexpected requirement(s))`;
        const errorsBefore = byPath.get(s.manifest)!.diagnostics.filter((d) => d.severity === 'error').length;
        const errorsAfter = after.manifests.find((m) => m.path === s.manifest)!.diagnostics.filter((d) => d.severity === 'error').length;
        if (errorsAfter > errorsBefore) return `after writing, ${s.manifest} has ${errorsAfter - errorsBefore} new parse error(s)`;
      }
      return null;
    },
  );
  if (!result.ok) {
    out.stderr(`depaudit: ${result.message}\n`);
    return EXIT.failure;
  }
  out.stderr(`depaudit: wrote ${plan.edits.length} file(s): ${plan.edits.map((e) => e.path).join(', ')}\n`);
  return EXIT.ok;
}
