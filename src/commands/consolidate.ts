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
import type { ManifestKind } from '../model/manifest.js';
import { npmManifests } from '../npm/inventory.js';
import { describeNpmChange, planNpmConsolidation, type NpmConsolidationPlan } from '../consolidate/npm/index.js';
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

/** Python formats with no include mechanism for a shared requirements file: listed as not rewritten. */
const NO_INCLUDE_KINDS: ReadonlySet<ManifestKind> = new Set(['pyproject', 'pipfile', 'setup-cfg', 'setup-py', 'conda']);
const PYTHON_KINDS: ReadonlySet<ManifestKind> = new Set(['requirements', ...NO_INCLUDE_KINDS]);

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

const byPathCache = new WeakMap<Inventory, Map<string, Inventory['manifests'][number]>>();
function byPathOf(inventory: Inventory): Map<string, Inventory['manifests'][number]> {
  let m = byPathCache.get(inventory);
  if (!m) byPathCache.set(inventory, (m = new Map(inventory.manifests.map((x) => [x.path, x]))));
  return m;
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

export function planJson(plan: Plan, npm: NpmConsolidationPlan | null = null) {
  return {
    base: plan.base,
    services: plan.services.map((s) => ({ name: s.name, manifest: s.manifest, changes: s.changes })),
    base_packages: plan.base_packages,
    kept: plan.kept,
    skipped: plan.skipped,
    files: plan.edits.map((e) => e.path),
    ...(npm ? { npm: { mode: npm.mode, threshold: npm.threshold, changes: npm.changes, kept: npm.kept, diagnostics: npm.diagnostics, files: npm.edits.map((e) => e.path) } } : {}),
  };
}

/** The npm part of the text plan: pnpm catalog moves or in-place alignments, what was kept, and why. */
export function npmPlanText(plan: NpmConsolidationPlan, ctx: RenderContext): string {
  const how = plan.mode === 'catalog' ? 'shared versions move into the pnpm catalog' : 'deviating versions align, each in its own range style';
  const lines = ['', paint(ctx, 'bold', `npm: ${how} (packages declared in at least ${plan.threshold} packages)`)];
  for (const c of plan.changes) lines.push(`  ${c.path}:${c.line ?? '-'} ${describeNpmChange(c)}`);
  if (plan.changes.length === 0) lines.push('  (no changes)');
  if (plan.kept.length) {
    lines.push('', paint(ctx, 'bold', 'npm: kept as written'));
    for (const k of plan.kept) lines.push(`  ${k.package}: ${k.reason}`);
  }
  for (const d of plan.diagnostics) lines.push(`  ${d.severity}: ${d.path}${d.line ? `:${d.line}` : ''}: ${d.message}`);
  return `${lines.join('\n')}\n`;
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
  const { config } = await loadConfig(root, opts.config);
  const base = normalizeBase(opts.base ?? config.base ?? defaultBase(inventory));
  // Python services are those with a Python manifest; Node-only services are npm's business below.
  const python: Inventory = {
    ...inventory,
    services: inventory.services.filter((s) => s.manifests.some((m) => PYTHON_KINDS.has(byPathOf(inventory).get(m)!.kind))),
  };
  const plan = planConsolidation(python, {
    base,
    ...(opts.services ? { services: opts.services } : {}),
    ...(opts.minServices !== undefined ? { minServices: opts.minServices } : {}),
    ...(opts.minShare !== undefined ? { minShare: opts.minShare } : {}),
    strategy: opts.strategy,
    allowHashMode: opts.allowHashMode ?? false,
  });

  // Other Python formats have no include mechanism: never rewritten, and the plan says so.
  const explained = new Set<string>();
  for (const s of python.services) {
    for (const m of s.manifests.map((p) => byPathOf(inventory).get(p)!)) {
      if (!NO_INCLUDE_KINDS.has(m.kind)) continue;
      plan.skipped.push({ service: s.name, manifest: m.path, reason: `${path.posix.basename(m.path)} has no include mechanism for a shared requirements file; not rewritten` });
      explained.add(s.name);
    }
  }
  // "No requirements.txt" says nothing new next to the manifest the service does have.
  plan.skipped = plan.skipped.filter((k) => !(k.manifest === null && explained.has(k.service)));
  plan.skipped.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : (a.manifest ?? '') < (b.manifest ?? '') ? -1 : 1));

  const npmIn = npmManifests(inventory);
  const npmOptions = {
    strategy: opts.strategy,
    ...(opts.services ? { services: opts.services } : {}),
    ...(opts.minServices !== undefined ? { minServices: opts.minServices } : {}),
    ...(opts.minShare !== undefined ? { minShare: opts.minShare } : {}),
  };
  const npm = npmIn.manifests.length === 0 ? null : planNpmConsolidation({ ...npmIn, options: npmOptions });
  if (npm && npm.diagnostics.some((d) => d.severity === 'error')) {
    out.stderr(`depaudit: the npm plan could not be made exactly: ${npm.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path}: ${d.message}`).join('; ')}\n`);
    return EXIT.failure;
  }
  const npmEdits = npm?.edits ?? [];
  if (opts.format === 'json') out.stdout(`${JSON.stringify(planJson(plan, npm), null, 2)}\n`);
  else {
    out.stdout(planText(plan, ctx));
    if (npm) out.stdout(npmPlanText(npm, ctx));
    for (const e of [...plan.edits, ...npmEdits].sort((a, b) => (a.path < b.path ? -1 : 1))) out.stdout(`\n${unifiedDiff(e.path, e.before, e.after)}`);
  }
  const changed = plan.edits.length + npmEdits.length;
  if (changed === 0) {
    out.stderr('depaudit: nothing to do\n');
    return EXIT.ok;
  }
  if (!opts.write) {
    out.stderr(`depaudit: dry run; ${changed} file(s) would change (pass --write to apply)\n`);
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
    [
      ...plan.edits.map((e) => ({ path: e.path, expectedSha256: e.before === null ? null : byPath.get(e.path)!.sha256, bytes: e.bytes })),
      ...npmEdits.map((e) => ({ path: e.path, expectedSha256: byPath.get(e.path)!.sha256, bytes: new Uint8Array(Buffer.from(e.after, 'utf8')) })),
    ],
    async () => {
      const after = await loadInventory(root, loadOpts);
      // npm: the written tree must read back as planned, i.e. a second plan changes nothing.
      if (npm) {
        const again = planNpmConsolidation({ ...npmManifests(after), options: npmOptions });
        if (again.edits.length > 0) return `after writing, the npm plan still changes ${again.edits.map((e) => e.path).join(', ')}`;
      }
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
  const written = [...plan.edits, ...npmEdits].map((e) => e.path).sort();
  out.stderr(`depaudit: wrote ${written.length} file(s): ${written.join(', ')}\n`);
  return EXIT.ok;
}
