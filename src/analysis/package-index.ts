/**
 * Who declares what: every package with its declarations per service, direct or inherited
 * through `-r`/`-c`. Pure; built once from the Inventory and shared by every rule.
 */
import { ecosystemOf, type Declaration, type Ecosystem } from '../model/declaration.js';
import type { Inventory, InventoryManifest } from '../inventory/model.js';
import { reachableFiles } from '../inventory/expand.js';
import { parseSpecifierSet, type Specifier } from '../pep440/index.js';
import type { Location } from './finding.js';

export interface PackageUse {
  /** PEP 503 canonical name (npm: the name as declared). */
  package: string;
  ecosystem: Ecosystem;
  /** The service whose install includes this declaration. */
  service: string;
  /** Where the line is written. */
  manifest: string;
  line: number;
  /** `{ path: manifest, line }`; one object for every service that reaches the line (findings list places by it). */
  location: Readonly<Location>;
  declaration: Declaration;
  /** Written in a file the service reaches through an include, not in its own manifests. */
  inherited: boolean;
  /** Reached only through `-c`: narrows versions, installs nothing. */
  constraint: boolean;
  specifiers: Specifier[];
}

export interface PackageEntry {
  name: string;
  ecosystem: Ecosystem;
  /** Sorted by service, manifest, line. */
  uses: PackageUse[];
}

export interface PackageIndex {
  /** Keyed by `packageKey`, sorted by name then ecosystem. */
  packages: Map<string, PackageEntry>;
  /** Each service's uses, sorted the same way. */
  byService: Map<string, PackageUse[]>;
}

/** `requests` on PyPI and `requests` on npm are different packages; PyPI names are their own key. */
export function packageKey(ecosystem: Ecosystem | (string & {}), name: string): string {
  // Also how reports name a package for people: PyPI bare (the common case), others as `npm:react`.
  return ecosystem === 'pypi' ? name : `${ecosystem}:${name}`;
}

const NO_SPECIFIERS: Specifier[] = [];
const specCache = new Map<string, Specifier[]>();
export function specifiersOf(d: Declaration): Specifier[] {
  if (d.ecosystem === 'npm') return NO_SPECIFIERS;
  let s = specCache.get(d.specifier);
  if (!s) {
    const r = parseSpecifierSet(d.specifier);
    s = r.ok ? r.value : [];
    specCache.set(d.specifier, s);
  }
  return s;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A PackageUse whose location, unless shared, is made when first read. */
class Use implements PackageUse {
  readonly package: string;
  readonly line: number;
  #location: Readonly<Location> | null;

  constructor(
    name: string,
    readonly ecosystem: Ecosystem,
    readonly service: string,
    readonly manifest: string,
    readonly declaration: Declaration,
    readonly inherited: boolean,
    readonly constraint: boolean,
    readonly specifiers: Specifier[],
    location: Readonly<Location> | null,
  ) {
    this.package = name;
    this.line = declaration.line;
    this.#location = location;
  }

  get location(): Readonly<Location> {
    return (this.#location ??= { path: this.manifest, line: this.line });
  }
}

export function buildPackageIndex(inventory: Inventory): PackageIndex {
  const byPath = new Map<string, InventoryManifest>(inventory.manifests.map((m) => [m.path, m]));
  const packages = new Map<string, PackageEntry>();
  const byService = new Map<string, PackageUse[]>();
  // A base file's line is used by every service that includes it: findings list it by one object.
  // A file no manifest includes is reached by its own service alone: its uses locate themselves
  // when asked (npm's never are: its findings come from analyzeNpm).
  const sharedLocations = new Map<Declaration, Readonly<Location>>();
  const includedElsewhere = new Set<string>();
  for (const m of inventory.manifests) for (const inc of m.includes) if (inc.target !== null) includedElsewhere.add(inc.target);
  const sharedLocation = (d: Declaration, path: string) => {
    let at = sharedLocations.get(d);
    if (!at) sharedLocations.set(d, (at = { path, line: d.line }));
    return at;
  };
  for (const service of inventory.services) {
    const reached = new Map<string, { requirement: boolean; constraint: boolean }>();
    for (const root of service.manifests) {
      for (const [path, how] of reachableFiles(byPath, root)) {
        const prev = reached.get(path);
        reached.set(path, { requirement: how.requirement || !!prev?.requirement, constraint: how.constraint || !!prev?.constraint });
      }
    }
    const uses: PackageUse[] = [];
    for (const [path, how] of [...reached].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const m = byPath.get(path)!;
      const inherited = m.service !== service.name;
      const shared = inherited || includedElsewhere.has(path);
      for (const d of m.declarations) {
        if (d.name === null) continue;
        const constraint = !how.requirement || d.role === 'constraint' || d.role === 'override';
        uses.push(new Use(d.name, ecosystemOf(d), service.name, path, d, inherited, constraint, specifiersOf(d), shared ? sharedLocation(d, path) : null));
      }
    }
    byService.set(service.name, uses);
    for (const u of uses) {
      const key = packageKey(u.ecosystem, u.package);
      let entry = packages.get(key);
      if (!entry) packages.set(key, (entry = { name: u.package, ecosystem: u.ecosystem, uses: [] }));
      entry.uses.push(u);
    }
  }
  const sorted = [...packages].sort(([, a], [, b]) => cmp(a.name, b.name) || cmp(a.ecosystem, b.ecosystem));
  return { packages: new Map(sorted), byService };
}
