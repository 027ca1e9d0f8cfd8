/** The shapes of an npm consolidation plan: what goes in, what comes out. */
import type { PackageJsonManifest } from '../../formats/npm/package-json.js';
import type { PnpmWorkspace } from '../../formats/npm/pnpm-workspace.js';
import type { Declaration } from '../../model/declaration.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Strategy } from './version.js';

export type { Strategy } from './version.js';

export interface NpmConsolidateOptions {
  strategy: Strategy;
  /** Workspace packages that must declare a package before it is consolidated (default 2). */
  minServices?: number;
  /** Or a share of the selected workspace packages (at least 2), as the Python consolidate. */
  minShare?: number;
  /** Globs on a workspace package's name or directory (`*` stays within one path segment); default all. */
  services?: string[];
  /** Also align across major lines (`^1` with `^2`): a breaking change, so off by default. */
  allowMajor?: boolean;
}

export interface NpmConsolidateInput {
  /** Every package.json of the workspace, the root included. */
  manifests: readonly PackageJsonManifest[];
  /** Given: catalog mode (pnpm). Null: align mode (npm, yarn, bun). */
  pnpmWorkspace: PnpmWorkspace | null;
  options: NpmConsolidateOptions;
}

export interface NpmFileEdit {
  path: string;
  before: string;
  after: string;
}

/**
 * - `aligned`: a package.json value got another version in its own style (`^1.2.3` → `^1.4.0`).
 * - `catalog`: a package.json value became `catalog:`; `effective` is the catalog's entry.
 * - `catalog-added` / `catalog-updated`: an entry of the default catalog in pnpm-workspace.yaml.
 */
export type NpmChangeKind = 'aligned' | 'catalog' | 'catalog-added' | 'catalog-updated';

export interface NpmChange {
  path: string;
  /** 1-based line of the entry before the edit; null for a catalog entry that is added. */
  line: number | null;
  package: string;
  /** `dependencies`, `devDependencies`, `optionalDependencies`, or `catalog`. */
  group: string;
  kind: NpmChangeKind;
  /** As written before; null for an added catalog entry. */
  from: string | null;
  /** As written after. */
  to: string;
  /** The range in force after the change (for `catalog:`, the catalog's entry). */
  effective: string;
  /** The version moves up, down, or stays (a pin or range moved into the catalog as it is). */
  direction: 'up' | 'down' | 'same';
}

export interface NpmConsolidationPlan {
  mode: 'catalog' | 'align';
  /** Workspace packages that had to declare a package for it to be considered. */
  threshold: number;
  /** Sorted by path; only files whose text changes. */
  edits: NpmFileEdit[];
  /** Sorted by path, then in file order (catalog entries added go last, by name). */
  changes: NpmChange[];
  /** Packages (or some of their declarations) left as they are, and why; sorted. */
  kept: Array<{ package: string; reason: string }>;
  /** Why nothing could be planned (an unreadable catalog, say); any error means no edits. */
  diagnostics: Diagnostic[];
}

/** One declaration that takes part: a registry range, or (pnpm) a `catalog:` reference. */
export interface Use {
  manifest: PackageJsonManifest;
  decl: Declaration;
  /** The value as written. */
  spec: string;
  viaCatalog: boolean;
}

/** A peer range of a package somewhere in the workspace. */
export interface Peer {
  path: string;
  /** Null when it is `catalog:` (it then follows the default catalog's entry). */
  spec: string | null;
}
