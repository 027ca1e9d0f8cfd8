/**
 * `consolidate` for npm workspaces, planned without I/O: parsed manifests in, exact new texts out.
 *
 * - Catalog mode (a pnpm-workspace.yaml is given): a package that at least `threshold` workspace
 *   packages declare with a registry range gets one entry in the default catalog (an existing entry
 *   is kept, or moved to the target version in its own style), and each of those declarations
 *   becomes `catalog:`.
 * - Align mode (npm, yarn, bun): only the declarations whose version deviates from the target
 *   change, each keeping its own range style (`^1.2.3` → `^1.4.0`, `~` stays `~`, a pin stays a pin).
 *
 * The target version is picked by strategy among the declared versions, and only within one
 * major line: aligning `^1` with `^2` is a breaking change, so a package split across majors is
 * kept and reported (`allowMajor` overrides). Peer ranges are never rewritten; a target outside
 * one keeps its package (decide.ts has every rule).
 *
 * Only dependencies, devDependencies and optionalDependencies take part. peerDependencies,
 * `workspace:`, paths, git, URLs, `npm:` aliases, dist-tags and named catalogs are never touched.
 * Every edit replaces one value (or inserts catalog lines) and nothing else; the new texts are
 * parsed again and must say exactly what the plan says, else nothing is written.
 */
import type { Catalogs } from '../../formats/npm/catalog.js';
import { classifyNpmSpec } from '../../formats/npm/spec.js';
import type { PackageJsonManifest } from '../../formats/npm/package-json.js';
import { baseThreshold } from '../../analysis/summary.js';
import { cmp } from '../../model/diagnostic.js';
import { pushTo } from '../../collections.js';
import { editCatalog, locateDefaultCatalog } from './catalog-edit.js';
import { decide, type DecideContext, type Decision } from './decide.js';
import type { NpmChange, NpmConsolidateInput, NpmConsolidationPlan, Peer, Use } from './model.js';
import { valueSplice } from './package-json-edit.js';
import { applySplices, type Splice } from './splice.js';
import { verifyPackageJson, verifyPnpmWorkspace } from './verify.js';

const TAKING_PART = new Set(['dependencies', 'devDependencies', 'optionalDependencies']);
/** pnpm-workspace.yaml problems that make its catalog unreliable to edit. */
const BLOCKING = new Set(['invalid-yaml', 'duplicate-key', 'duplicate-catalog-entry', 'invalid-pnpm-workspace']);

export function planNpmConsolidation(input: NpmConsolidateInput): NpmConsolidationPlan {
  const { options, pnpmWorkspace: pnpm } = input;
  const manifests = [...input.manifests].sort((a, b) => cmp(a.path, b.path));
  const selected = manifests.filter(serviceFilter(options.services));
  const threshold = options.minServices ?? (options.minShare !== undefined ? baseThreshold(selected.length, options.minShare) : 2);
  const plan: NpmConsolidationPlan = { mode: pnpm ? 'catalog' : 'align', threshold, edits: [], changes: [], kept: [], diagnostics: [] };
  // Any error means no edit at all: a half-applied consolidation is worse than none.
  const fail = (path: string, code: string, message: string): NpmConsolidationPlan => ({
    ...plan,
    edits: [],
    changes: [],
    diagnostics: [...plan.diagnostics, { path, line: 0, column: 0, severity: 'error', code, message }],
  });

  let catalog: DecideContext['catalog'] = null;
  if (pnpm) {
    const broken = pnpm.diagnostics.find((d) => d.severity === 'error' && BLOCKING.has(d.code));
    if (broken) return fail(pnpm.path, 'catalog-not-editable', `${pnpm.path}:${broken.line}: ${broken.message}; fix it before consolidating`);
    const located = locateDefaultCatalog(pnpm.text);
    if (!located.ok) return fail(pnpm.path, 'catalog-not-editable', located.reason);
    catalog = { path: pnpm.path, entries: pnpm.catalogs.get('default') ?? new Map(), site: located.site };
  }

  const uses = new Map<string, Use[]>();
  const unselected = new Map<string, string[]>();
  const isSelected = new Set(selected);
  for (const m of manifests) {
    for (const d of [...m.declarations].sort((a, b) => a.span.start - b.span.start)) {
      if (d.ecosystem !== 'npm' || d.name === null || !TAKING_PART.has(d.group)) continue;
      const spec = d.written ?? d.specifier;
      const kind = classifyNpmSpec(spec);
      const viaCatalog = kind.kind === 'catalog' && kind.catalog === 'default' && catalog !== null && catalog.entries.has(d.name);
      if (!isSelected.has(m)) {
        if (viaCatalog) pushTo(unselected, d.name, m.path);
      } else if (kind.kind === 'range' || viaCatalog) pushTo(uses, d.name, { manifest: m, decl: d, spec, viaCatalog });
    }
  }
  const ctx: DecideContext = {
    strategy: options.strategy,
    allowMajor: options.allowMajor ?? false,
    threshold,
    internal: new Map(manifests.flatMap((m) => (m.package.name ? [[m.package.name.value, m.path] as [string, string]] : []))),
    peers: peersOf(manifests, pnpm ? pnpm.catalogs : null),
    unselectedCatalogUsers: unselected,
    catalog,
  };

  const decisions: Array<[string, Decision]> = [];
  for (const name of [...uses.keys()].sort(cmp)) {
    const d = decide(name, uses.get(name)!, ctx);
    if (!d) continue;
    decisions.push([name, d]);
    for (const reason of d.kept) plan.kept.push({ package: name, reason });
  }

  // package.json values, then the catalog. Changes are listed in file order (several may share a line).
  const offsets = new Map<NpmChange, number>();
  const splices = new Map<PackageJsonManifest, Splice[]>();
  const planned = new Map<PackageJsonManifest, Map<number, string>>();
  for (const [name, d] of decisions) {
    for (const r of d.rewrites) {
      const s = valueSplice(r.use.manifest.text, r.use.decl, r.to);
      if (!s) return fail(r.use.manifest.path, 'consolidate-stale-manifest', `${name} at line ${r.use.decl.line} does not read as parsed: parse the file again`);
      pushTo(splices, r.use.manifest, s);
      if (!planned.has(r.use.manifest)) planned.set(r.use.manifest, new Map());
      planned.get(r.use.manifest)!.set(r.use.decl.span.start, r.to);
      const change: NpmChange = { path: r.use.manifest.path, line: r.use.decl.line, package: name, group: r.use.decl.group, kind: r.kind, from: r.use.spec, to: r.to, effective: r.effective, direction: r.direction };
      plan.changes.push(change);
      offsets.set(change, r.use.decl.span.start);
    }
  }
  for (const [m, list] of splices) {
    const after = applySplices(m.text, list);
    const problem = verifyPackageJson(m, after, planned.get(m)!);
    if (problem) return fail(m.path, 'consolidate-verify-failed', notAsPlanned(m.path, problem));
    plan.edits.push({ path: m.path, before: m.text, after });
  }
  if (pnpm && catalog) {
    const updates = new Map<string, string>();
    const additions = new Map<string, string>();
    for (const [name, d] of decisions) {
      if (!d.catalog) continue;
      (d.catalog.from === null ? additions : updates).set(name, d.catalog.to);
      const line = d.catalog.from === null ? null : (catalog.entries.get(name)?.line ?? null);
      plan.changes.push({ path: pnpm.path, line, package: name, group: 'catalog', kind: d.catalog.from === null ? 'catalog-added' : 'catalog-updated', from: d.catalog.from, to: d.catalog.to, effective: d.catalog.to, direction: d.catalog.direction });
    }
    if (updates.size > 0 || additions.size > 0) {
      const after = editCatalog(pnpm.text, catalog.site, updates, additions);
      const problem = verifyPnpmWorkspace(pnpm, after, updates, additions);
      if (problem) return fail(pnpm.path, 'consolidate-verify-failed', notAsPlanned(pnpm.path, problem));
      plan.edits.push({ path: pnpm.path, before: pnpm.text, after });
    }
  }
  plan.edits.sort((a, b) => cmp(a.path, b.path));
  // Added catalog entries have no line yet: they go last, by name.
  const order = (c: NpmChange) => [c.line ?? Number.MAX_SAFE_INTEGER, offsets.get(c) ?? Number.MAX_SAFE_INTEGER] as const;
  plan.changes.sort((a, b) => cmp(a.path, b.path) || order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1] || cmp(a.package, b.package));
  plan.kept.sort((a, b) => cmp(a.package, b.package) || cmp(a.reason, b.reason));
  return plan;
}

/** A re-read that disagrees with the plan is a bug: nothing is written, and the diagnostic says where. */
function notAsPlanned(path: string, problem: string): string {
  return `the edited ${path} would not read as planned (${problem}); nothing is written`;
}

/** Peer ranges by package, from every workspace package (selected or not). */
function peersOf(manifests: readonly PackageJsonManifest[], catalogs: Catalogs | null): Map<string, Peer[]> {
  const out = new Map<string, Peer[]>();
  for (const m of manifests) {
    for (const d of m.declarations) {
      if (d.group !== 'peerDependencies' || d.name === null) continue;
      const spec = classifyNpmSpec(d.written ?? d.specifier);
      if (spec.kind === 'range') pushTo(out, d.name, { path: m.path, spec: spec.range });
      else if (spec.kind === 'catalog' && catalogs) {
        // `catalog:` follows the default catalog (which may change); a named catalog stays as it is.
        if (spec.catalog === 'default') pushTo(out, d.name, { path: m.path, spec: null });
        else {
          const named = catalogs.get(spec.catalog)?.get(d.name)?.specifier;
          if (named !== undefined && classifyNpmSpec(named).kind === 'range') pushTo(out, d.name, { path: m.path, spec: named });
        }
      }
    }
  }
  return out;
}

/** `services` globs match a workspace package's name or its directory; `*` stays within a segment. */
function serviceFilter(patterns: string[] | undefined): (m: PackageJsonManifest) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const res = patterns.map((p) => new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`));
  return (m) => {
    const dir = m.path.includes('/') ? m.path.slice(0, m.path.lastIndexOf('/')) : '.';
    const name = m.package.name?.value;
    return res.some((r) => r.test(dir) || (name !== undefined && r.test(name)));
  };
}
