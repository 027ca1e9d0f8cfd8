import type { Diagnostic } from '../model/diagnostic.js';
import type { ParsedManifest } from '../model/manifest.js';
import type { RuntimeDeclaration } from '../model/runtime.js';

/** A manifest placed in the platform: which service owns it and whether it is a shared base. */
export interface InventoryManifest extends ParsedManifest {
  /** Name of the owning service, or null for a base file reached only through includes. */
  service: string | null;
  role: 'service' | 'base';
  /** How other manifests include this one (empty for a manifest nobody includes). */
  includedAs: Array<'requirement' | 'constraint'>;
}

export interface Service {
  name: string;
  /** Root-relative POSIX directory ("." for the root itself). */
  path: string;
  /** Manifests the service owns, sorted. */
  manifests: string[];
}

export interface Inventory {
  /** Display name of the scanned root directory. */
  rootName: string;
  services: Service[];
  /** Sorted by path. */
  manifests: InventoryManifest[];
  /** Runtimes the services declare (Dockerfiles, .python-version, requires-python, engines.node), sorted by path, line. */
  runtimes?: RuntimeDeclaration[];
}

export function manifestIndex(inventory: Inventory): Map<string, InventoryManifest> {
  return new Map(inventory.manifests.map((m) => [m.path, m]));
}

export function allDiagnostics(inventory: Inventory): Diagnostic[] {
  return inventory.manifests.flatMap((m) => m.diagnostics);
}
