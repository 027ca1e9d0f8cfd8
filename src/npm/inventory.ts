/** The npm side of an inventory: every package.json, and the top-most pnpm-workspace.yaml (whose catalogs resolve `catalog:`). */
import type { Inventory } from '../inventory/model.js';
import type { PackageJsonManifest } from '../formats/npm/package-json.js';
import type { PnpmWorkspace } from '../formats/npm/pnpm-workspace.js';

export function npmManifests(inventory: Inventory): { manifests: PackageJsonManifest[]; pnpmWorkspace: PnpmWorkspace | null } {
  // The parsers returned these shapes; the inventory keeps them behind the common model's type.
  const manifests = inventory.manifests.filter((m) => m.kind === 'package-json') as unknown as PackageJsonManifest[];
  const depth = (p: string) => p.split('/').length;
  const workspace = inventory.manifests
    .filter((m) => m.kind === 'pnpm-workspace')
    .sort((a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : 1))[0];
  return { manifests, pnpmWorkspace: (workspace as unknown as PnpmWorkspace | undefined) ?? null };
}
