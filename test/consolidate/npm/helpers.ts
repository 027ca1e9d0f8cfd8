/** Builders for npm consolidation tests: package.json texts in, parsed manifests out, edits applied. */
import { parsePackageJson, type PackageJsonManifest } from '../../../src/formats/npm/package-json.js';
import { parsePnpmWorkspace, type PnpmWorkspace } from '../../../src/formats/npm/pnpm-workspace.js';
import { planNpmConsolidation, type NpmConsolidateOptions, type NpmConsolidationPlan } from '../../../src/consolidate/npm/index.js';

export type Files = Record<string, string>;

/** `{ "name": ..., "dependencies": {...} }` with 2-space indentation and a final newline. */
export function pkg(name: string, groups: Record<string, Record<string, string>>): string {
  return `${JSON.stringify({ name, version: '1.0.0', ...groups }, null, 2)}\n`;
}

export function parse(files: Files): { manifests: PackageJsonManifest[]; pnpmWorkspace: PnpmWorkspace | null } {
  const manifests: PackageJsonManifest[] = [];
  let pnpmWorkspace: PnpmWorkspace | null = null;
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('pnpm-workspace.yaml')) pnpmWorkspace = parsePnpmWorkspace(text, { path });
    else manifests.push(parsePackageJson(text, { path }));
  }
  return { manifests, pnpmWorkspace };
}

export function plan(files: Files, options: Partial<NpmConsolidateOptions> = {}): NpmConsolidationPlan {
  return planNpmConsolidation({ ...parse(files), options: { strategy: 'highest', ...options } });
}

/** The tree after the plan's edits. */
export function apply(files: Files, p: NpmConsolidationPlan): Files {
  const out = { ...files };
  for (const e of p.edits) {
    if (out[e.path] !== e.before) throw new Error(`${e.path}: plan made against another text`);
    out[e.path] = e.after;
  }
  return out;
}
