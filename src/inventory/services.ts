/**
 * Services and roles. A service is the directory that holds a manifest (a `requirements/`
 * folder belongs to its parent). A manifest whose directory holds no manifest of its own that
 * nobody includes is a base file: it exists only to be included.
 */
import { AUXILIARY_KINDS, type ParsedManifest } from '../model/manifest.js';
import type { Inventory, InventoryManifest, Service } from './model.js';
import { includeComponents, includeTargets } from './expand.js';

export function serviceDirOf(path: string): string {
  const parts = path.split('/');
  parts.pop();
  if (parts[parts.length - 1]?.toLowerCase() === 'requirements') parts.pop();
  return parts.length ? parts.join('/') : '.';
}

function basename(dir: string, rootName: string): string {
  return dir === '.' ? rootName : dir.slice(dir.lastIndexOf('/') + 1);
}

/**
 * The manifests nobody includes, plus every include cycle that nothing outside it reaches (`a -r b`,
 * `b -r a`): without an entry point its files would belong to no service and their declarations
 * would drop out of the analysis unseen.
 */
function entryPoints(parsed: ParsedManifest[], includedAs: Map<string, unknown>): ParsedManifest[] {
  const roots = parsed.filter((m) => !includedAs.has(m.path));
  const byPath = new Map(parsed.map((m) => [m.path, m]));
  const targets = includeTargets(byPath);
  const reached = new Set(roots.map((m) => m.path));
  const queue = [...reached];
  for (let i = 0; i < queue.length; i++) {
    for (const { to } of targets(queue[i]!)) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  if (reached.size === parsed.length) return roots;
  // Unreached files: the cycles among them that no other unreached file includes are entry points.
  const component = includeComponents(byPath);
  const entered = new Set<number>();
  for (const m of parsed) {
    if (reached.has(m.path)) continue;
    for (const { to } of targets(m.path)) if (component.get(to) !== component.get(m.path)) entered.add(component.get(to)!);
  }
  return [...roots, ...parsed.filter((m) => !reached.has(m.path) && !entered.has(component.get(m.path)!))];
}

export function assignServices(parsed: ParsedManifest[], rootName: string): Inventory {
  const includedAs = new Map<string, Set<'requirement' | 'constraint'>>();
  for (const m of parsed) {
    for (const inc of m.includes) {
      if (inc.target === null || inc.target === m.path) continue;
      let set = includedAs.get(inc.target);
      if (!set) includedAs.set(inc.target, (set = new Set()));
      set.add(inc.kind);
    }
  }
  const serviceDirs = new Set(entryPoints(parsed, includedAs).filter((m) => !AUXILIARY_KINDS.has(m.kind)).map((m) => serviceDirOf(m.path)));
  // A Dockerfile or pnpm-workspace.yaml belongs to the nearest service at or above its directory.
  const ownerDir = (m: ParsedManifest): string | null => {
    let dir = serviceDirOf(m.path);
    if (!AUXILIARY_KINDS.has(m.kind)) return serviceDirs.has(dir) ? dir : null;
    for (;;) {
      if (serviceDirs.has(dir)) return dir;
      if (dir === '.') return null;
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '.';
    }
  };

  // Names are directory basenames unless two services share one; then the path disambiguates.
  // The root keeps the root's name: a path with a '/' never equals it, and "." would say nothing.
  const byName = new Map<string, number>();
  for (const dir of serviceDirs) byName.set(basename(dir, rootName), (byName.get(basename(dir, rootName)) ?? 0) + 1);
  const nameOf = (dir: string) => (dir !== '.' && byName.get(basename(dir, rootName))! > 1 ? dir : basename(dir, rootName));

  const manifests: InventoryManifest[] = parsed
    .map((m) => {
      const dir = ownerDir(m);
      return {
        ...m,
        service: dir !== null ? nameOf(dir) : null,
        role: dir !== null ? ('service' as const) : ('base' as const),
        includedAs: [...(includedAs.get(m.path) ?? [])].sort(),
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const owned = new Map<string, string[]>();
  for (const m of manifests) {
    if (m.role !== 'service') continue;
    const dir = ownerDir(m)!;
    const list = owned.get(dir);
    if (list) list.push(m.path);
    else owned.set(dir, [m.path]);
  }
  const services: Service[] = [...serviceDirs]
    .map((dir) => ({ name: nameOf(dir), path: dir, manifests: owned.get(dir) ?? [] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { rootName, services, manifests };
}
