/** The platform team's questions, answered from the package index and the findings. */
import type { Inventory } from '../inventory/model.js';
import type { Finding } from './finding.js';
import { packageKey, type PackageIndex } from './package-index.js';
import { pushTo } from '../collections.js';
import { roleOf, type Ecosystem } from '../model/declaration.js';
import { groupByPin, mostCommonPin, pinLabel } from './pins.js';

export interface Conflict {
  package: string;
  ecosystem: Ecosystem;
  drift: string;
  /** Service → the version(s) it pins. */
  versions: Record<string, string[]>;
}

export interface BaseCandidate {
  package: string;
  ecosystem: Ecosystem;
  services: string[];
  proposedVersion: string | null;
  /** Already inherited from a base file by every service that uses it. */
  inBase: boolean;
}

export interface Summary {
  services: number;
  manifests: number;
  declarations: number;
  distinctPackages: number;
  sharedPackages: number;
  /** Share of direct declarations a shared base would remove: (direct uses of shared packages − shared packages) / direct uses. */
  duplicationRatio: number;
  conflictsByDrift: Record<string, number>;
  conflicts: Conflict[];
  baseCandidates: BaseCandidate[];
  /** Service → packages no other service declares (`conda:` / `npm:` before names outside PyPI). */
  serviceSpecific: Record<string, string[]>;
}

/** Default share of services a package must appear in to belong in the shared base. */
export function baseThreshold(serviceCount: number, minShare = 0.5): number {
  return Math.max(2, Math.ceil(serviceCount * minShare));
}

export function summarize(inventory: Inventory, index: PackageIndex, findings: Finding[]): Summary {
  // A base is shared within one ecosystem: its threshold counts the services that use that ecosystem.
  const servicesIn = new Map<Ecosystem, Set<string>>();
  for (const entry of index.packages.values()) {
    let set = servicesIn.get(entry.ecosystem);
    if (!set) servicesIn.set(entry.ecosystem, (set = new Set()));
    for (const u of entry.uses) set.add(u.service);
  }
  let directUses = 0;
  let removable = 0;
  const baseCandidates: BaseCandidate[] = [];
  const serviceSpecific: Record<string, string[]> = {};
  for (const s of inventory.services) serviceSpecific[s.name] = [];
  let shared = 0;
  for (const entry of index.packages.values()) {
    // Build requirements install nothing into the service, and a base never holds them.
    const requirementUses = entry.uses.filter((u) => !u.constraint && roleOf(u.declaration) !== 'build');
    if (requirementUses.length === 0) continue;
    const threshold = baseThreshold(servicesIn.get(entry.ecosystem)!.size);
    const services = [...new Set(requirementUses.map((u) => u.service))].sort();
    const direct = requirementUses.filter((u) => !u.inherited);
    const directServices = new Set(direct.map((u) => u.service));
    directUses += directServices.size;
    if (services.length >= 2) shared++;
    if (directServices.size >= 2) removable += directServices.size - 1;
    if (services.length === 1) serviceSpecific[services[0]!]?.push(packageKey(entry.ecosystem, entry.name));
    if (services.length >= threshold) {
      // npm ranges are not PEP 440: the most common specifier as written is the proposal.
      const best = entry.ecosystem === 'npm' ? null : mostCommonPin(groupByPin(requirementUses));
      const proposedVersion = entry.ecosystem === 'npm' ? mostCommonText(requirementUses.map((u) => u.declaration.written ?? u.declaration.specifier)) : best ? pinLabel(best.pin) : null;
      baseCandidates.push({ package: entry.name, ecosystem: entry.ecosystem, services, proposedVersion, inBase: directServices.size === 0 });
    }
  }
  // Services are already sorted by name: a conflict lists its services by walking them in that order.
  const serviceOrder = inventory.services.map((s) => s.name);
  const conflicts: Conflict[] = findings
    .filter((f) => f.rule === 'version-conflict' && f.package !== null)
    .map((f) => {
      const byVersion = f.data.versions as Record<string, string[]>;
      const perService = new Map<string, string[]>();
      for (const [v, services] of Object.entries(byVersion)) for (const s of services) pushTo(perService, s, v);
      const versions: Record<string, string[]> = {};
      for (const s of serviceOrder) {
        const declared = perService.get(s);
        // Assigned, not Object.fromEntries (3x slower on thousands of keys); defined when a directory is named __proto__.
        if (declared === undefined) continue;
        if (s === '__proto__') Object.defineProperty(versions, s, { value: declared, enumerable: true, writable: true, configurable: true });
        else versions[s] = declared;
      }
      return { package: f.package!, ecosystem: f.ecosystem, drift: String(f.data.drift), versions };
    });
  const conflictsByDrift: Record<string, number> = {};
  for (const c of conflicts) conflictsByDrift[c.drift] = (conflictsByDrift[c.drift] ?? 0) + 1;
  return {
    services: inventory.services.length,
    manifests: inventory.manifests.length,
    declarations: inventory.manifests.reduce((n, m) => n + m.declarations.length, 0),
    distinctPackages: index.packages.size,
    sharedPackages: shared,
    duplicationRatio: directUses === 0 ? 0 : Math.round((removable / directUses) * 1000) / 1000,
    conflictsByDrift: sortKeys(conflictsByDrift),
    conflicts,
    baseCandidates,
    serviceSpecific,
  };
}

/** The most frequent string, ties to the smallest. */
function mostCommonText(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  return best;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
