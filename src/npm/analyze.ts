/**
 * Drift across the package.json files of a workspace, with semver semantics. Pure: parsed
 * manifests (and catalogs) in, findings out, the same for any order of the input.
 *
 * - `version-conflict`: exact versions that differ (`data.drift` from semver.diff).
 * - `unsatisfiable`: two declarations no version meets (ranges that do not intersect, a pin
 *   outside a range, a peer range that rejects what the workspace uses), or all of them together.
 * - `range-mismatch`: different specifiers that still meet, or a peer range that accepts only
 *   part of a range used elsewhere.
 * A peer range that accepts every version used elsewhere is not drift, and peer ranges are only
 * compared with each other for disjointness. `workspace:`, paths, git, URLs and dist-tags are
 * never compared; `catalog:` is compared as the catalog entry it resolves to; an `npm:` alias
 * as its target's range, and only with declarations that install the same target.
 */
import semver from 'semver';
import type { Declaration } from '../model/declaration.js';
import { cmp } from '../model/diagnostic.js';
import { lookupCatalog, type Catalogs } from '../formats/npm/catalog.js';
import type { PackageJsonManifest } from '../formats/npm/package-json.js';
import type { PnpmWorkspace } from '../formats/npm/pnpm-workspace.js';
import { classifyNpmSpec, type NpmSpec } from '../formats/npm/spec.js';
import { accepts, compatible, driftOf, jointlySatisfiable, RangeCache, sameVersions, type Parsed } from './shapes.js';

export type NpmRuleId = 'version-conflict' | 'range-mismatch' | 'unsatisfiable';

export interface NpmLocation {
  path: string;
  line: number;
}

/** Shaped like the Python findings; the rule engine adds severity and fingerprint. */
export interface NpmFinding {
  rule: NpmRuleId;
  ecosystem: 'npm';
  /** The dependency name as declared (for an alias, the alias name; `data.target` names what it installs). */
  package: string;
  message: string;
  /** Sorted by path, then line. */
  locations: NpmLocation[];
  data: Record<string, unknown>;
  /** The facts that identify the finding beyond rule, package and files (for fingerprints). */
  key: string;
}

export type UncomparedReason = 'workspace' | 'path' | 'vcs' | 'url' | 'tag' | 'invalid' | 'catalog-unresolved';

/** A declaration that names no comparable version, and why. */
export interface UncomparedUse extends NpmLocation {
  package: string;
  specifier: string;
  reason: UncomparedReason;
}

export interface NpmAnalysis {
  findings: NpmFinding[];
  uncompared: UncomparedUse[];
}

export interface NpmAnalysisInput {
  /** Every package.json of the workspace, the root included. */
  manifests: readonly PackageJsonManifest[];
  /** Resolves `catalog:`; without it, the catalogs of the manifests (bun's root package.json) are used. */
  pnpmWorkspace?: PnpmWorkspace | null;
  /** The service a manifest belongs to (default: its package name, else its directory). */
  serviceOf?: (manifest: PackageJsonManifest) => string | null;
}

/**
 * The compared declarations, in (path, line) order over the whole input. A use is its index into
 * these parallel arrays, so sorting uses is sorting numbers, and a 5,000-package workspace keeps
 * four arrays instead of 200,000 small objects (whose allocation showed in profiles).
 */
interface Uses {
  origin: Origin[];
  line: number[];
  peer: boolean[];
  comparable: Comparable[];
}

/** The manifest a use is declared in. */
interface Origin {
  path: string;
  /** The workspace package that declares it (its name, or its directory). */
  service: string;
}

interface Shape {
  parsed: Parsed;
  label: string;
  peer: boolean;
  /** Indexes into Uses, ascending. */
  uses: number[];
  /** Sorted, distinct. */
  services: string[];
}

/** Services named per specifier, and specifiers or clashes named, in a message; `data` lists them all. */
const MESSAGE_SERVICES = 5;
const MESSAGE_ITEMS = 10;

const ROLES_COMPARED = new Set(['requirement', 'dev', 'peer', 'optional']);

export function analyzeNpm(input: NpmAnalysisInput): NpmAnalysis {
  const catalogs = input.pnpmWorkspace?.catalogs ?? mergedCatalogs(input.manifests);
  const cache = new RangeCache();
  // Workspaces repeat a few hundred specifiers: resolve each (name, as written) once.
  const memo = new Map<string, Comparable | { reason: UncomparedReason }>();
  const uncompared: UncomparedUse[] = [];
  const uses: Uses = { origin: [], line: [], peer: [], comparable: [] };
  // declared name → installed target → uses, pushed in (path, line) order
  const groups = new Map<string, Map<string, number[]>>();
  for (const m of [...input.manifests].sort((a, b) => cmp(a.path, b.path))) {
    const origin: Origin = { path: m.path, service: input.serviceOf?.(m) ?? m.package.name?.value ?? dirOf(m.path) };
    // Usually already in line order (dependencies come first in the file): then it is not copied.
    const declarations = inLineOrder(m.declarations) ? m.declarations : [...m.declarations].sort(byLine);
    for (const d of declarations) {
      if (d.ecosystem !== 'npm' || d.name === null || !ROLES_COMPARED.has(d.role ?? 'requirement')) continue;
      const written = d.written ?? d.specifier;
      const memoKey = written.includes('catalog:') ? `${d.name}\0${written}` : written;
      let c = memo.get(memoKey);
      if (c === undefined) memo.set(memoKey, (c = comparable(d.name, written, catalogs, cache)));
      if ('reason' in c) {
        uncompared.push({ package: d.name, specifier: written, path: m.path, line: d.line, reason: c.reason });
        continue;
      }
      const use = uses.origin.length;
      uses.origin.push(origin);
      uses.line.push(d.line);
      uses.peer.push(d.role === 'peer');
      uses.comparable.push(c);
      const target = c.target ?? d.name;
      let byTarget = groups.get(d.name);
      if (!byTarget) groups.set(d.name, (byTarget = new Map()));
      const list = byTarget.get(target);
      if (list) list.push(use);
      else byTarget.set(target, [use]);
    }
  }
  const findings: NpmFinding[] = [];
  for (const name of [...groups.keys()].sort(cmp)) {
    const byTarget = groups.get(name)!;
    for (const target of [...byTarget.keys()].sort(cmp)) findings.push(...analyzePackage(name, target, byTarget.get(target)!, uses));
  }
  uncompared.sort((a, b) => cmp(a.path, b.path) || a.line - b.line);
  return { findings, uncompared };
}

const byLine = (a: Declaration, b: Declaration) => a.line - b.line || a.span.start - b.span.start;

function inLineOrder(declarations: readonly Declaration[]): boolean {
  for (let i = 1; i < declarations.length; i++) if (byLine(declarations[i - 1]!, declarations[i]!) > 0) return false;
  return true;
}

/** A declaration reduced to what is compared; `target` is set when it installs another package (alias). */
interface Comparable {
  parsed: Parsed;
  /** As written, with the resolved range when it came through a catalog. */
  label: string;
  target: string | null;
}

function comparable(name: string, written: string, catalogs: Catalogs, cache: RangeCache): Comparable | { reason: UncomparedReason } {
  const resolved = resolve(name, written, catalogs);
  if (!('range' in resolved)) return resolved;
  const parsed = cache.get(resolved.range);
  if (!parsed) return { reason: 'invalid' };
  const label = resolved.via === 'catalog' ? `${written.trim()} (${resolved.range})` : written.trim();
  return { parsed, label, target: resolved.target };
}

/** `target` null: the declared name itself. Independent of the name except through a catalog lookup. */
type Resolved = { range: string; target: string | null; via: 'direct' | 'catalog' | 'alias' } | { reason: UncomparedReason };

function resolve(name: string, written: string, catalogs: Catalogs): Resolved {
  const spec = classifyNpmSpec(written);
  if (spec.kind === 'catalog') {
    const entry = lookupCatalog(catalogs, spec.catalog, name);
    if (!entry) return { reason: 'catalog-unresolved' };
    const inner = classifyNpmSpec(entry.specifier);
    // A catalog entry is itself a registry range (or an alias); anything else is not a version.
    if (inner.kind === 'catalog') return { reason: 'catalog-unresolved' };
    const r = direct(inner);
    return 'range' in r ? { ...r, via: 'catalog' } : r;
  }
  return direct(spec);
}

function direct(spec: NpmSpec): Resolved {
  switch (spec.kind) {
    case 'range':
      return { range: spec.range, target: null, via: 'direct' };
    case 'alias':
      return spec.spec.kind === 'range' ? { range: spec.spec.range, target: spec.target, via: 'alias' } : { reason: 'tag' };
    case 'tag':
      return { reason: 'tag' };
    case 'catalog':
      return { reason: 'catalog-unresolved' };
    default:
      return { reason: spec.kind };
  }
}

function analyzePackage(name: string, target: string, group: number[], uses: Uses): NpmFinding[] {
  const shapes = shapesOf(group, uses);
  const used = shapes.filter((s) => !s.peer);
  const peers = shapes.filter((s) => s.peer);
  const extra = target === name ? {} : { target };
  const findings: NpmFinding[] = [];

  const pins = distinctPins(used);
  if (pins.length >= 2) {
    const versions = pins.map((p) => [p.version, services(used.filter((s) => s.parsed.pin && s.parsed.pin.compare(p) === 0))] as const);
    const drift = driftOf(pins);
    findings.push({
      rule: 'version-conflict',
      ecosystem: 'npm',
      package: name,
      message: `${name} is pinned to ${pins.length} different versions: ${few(versions.map(([v, s]) => `${v} (${few(s)})`), MESSAGE_ITEMS, ', ', 'versions')}; ${drift} drift`,
      locations: locations(uses, used.filter((s) => s.parsed.pin)),
      data: { ...extra, drift, versions: Object.fromEntries(versions) },
      key: pins.map((p) => p.version).join(','),
    });
  }

  const clashes: Array<[Shape, Shape]> = [];
  for (let i = 0; i < used.length; i++) {
    for (let j = i + 1; j < used.length; j++) {
      const a = used[i]!;
      const b = used[j]!;
      // Two pins that differ are a version-conflict.
      if (!(a.parsed.pin && b.parsed.pin) && !compatible(a.parsed, b.parsed)) clashes.push([a, b]);
    }
  }
  const partialPeers: Shape[] = [];
  for (const p of peers) {
    let partial = false;
    for (const s of used) {
      if (!compatible(p.parsed, s.parsed)) clashes.push([s, p]);
      else if (!accepts(p.parsed, s.parsed)) partial = true;
    }
    if (partial) partialPeers.push(p);
  }
  for (let i = 0; i < peers.length; i++) {
    for (let j = i + 1; j < peers.length; j++) if (!compatible(peers[i]!.parsed, peers[j]!.parsed)) clashes.push([peers[i]!, peers[j]!]);
  }
  if (clashes.length > 0) {
    const pairs = clashes.map(([a, b]) => `${describe(a)} vs ${describe(b)}`);
    findings.push({
      rule: 'unsatisfiable',
      ecosystem: 'npm',
      package: name,
      message: `no version of ${name} satisfies ${few(pairs, MESSAGE_ITEMS, '; ', 'clashes')}`,
      locations: locations(uses, [...new Set(clashes.flat())]),
      data: { ...extra, clashes: clashes.map(([a, b]) => [shapeJson(a), shapeJson(b)]) },
      key: pairs.join(';'),
    });
    return findings;
  }
  if (pins.length < 2 && shapes.length >= 3 && !jointlySatisfiable(shapes.map((s) => s.parsed))) {
    findings.push({
      rule: 'unsatisfiable',
      ecosystem: 'npm',
      package: name,
      message: `no version of ${name} satisfies all of ${few(shapes.map(describe), MESSAGE_ITEMS, ', ', 'specifiers')} together`,
      locations: locations(uses, shapes),
      data: { ...extra, clashes: [shapes.map(shapeJson)] },
      key: shapes.map(describe).join(';'),
    });
    return findings;
  }
  if (pins.length >= 2 || (used.length < 2 && partialPeers.length === 0)) return findings;

  const specifiers = Object.fromEntries(used.map((s) => [s.label, s.services]));
  const peerRanges = Object.fromEntries(partialPeers.map((s) => [s.label, s.services]));
  const listing = (list: Shape[]) => few(list.map((s) => `${s.label} (${few(s.services)})`), MESSAGE_ITEMS, ', ', 'specifiers');
  const parts: string[] = [];
  if (used.length >= 2) parts.push(`${name} is declared with ${used.length} different specifiers that overlap: ${listing(used)}`);
  if (partialPeers.length > 0) parts.push(`peer range${partialPeers.length > 1 ? 's' : ''} ${listing(partialPeers)} accept${partialPeers.length > 1 ? '' : 's'} only part of ${listing(used)}`);
  findings.push({
    rule: 'range-mismatch',
    ecosystem: 'npm',
    package: name,
    message: parts.join('; '),
    locations: locations(uses, [...used, ...partialPeers]),
    data: {
      ...extra,
      specifiers,
      ...(partialPeers.length > 0 ? { peerRanges } : {}),
      // `^0.18.5` and `~0.18.5` accept the same versions: only the style drifted.
      sameVersions: used.length >= 2 && sameVersions(used.map((s) => s.parsed)),
    },
    key: [...used, ...partialPeers].map((s) => s.label).sort(cmp).join(','),
  });
  return findings;
}

/** One shape per (peer?, spelling), sorted: pins by version first, then ranges by spelling. */
function shapesOf(group: number[], uses: Uses): Shape[] {
  const byKey = [new Map<string, { shape: Shape; labels: Set<string> }>(), new Map<string, { shape: Shape; labels: Set<string> }>()];
  for (const u of group) {
    const peer = uses.peer[u]!;
    const { parsed, label } = uses.comparable[u]!;
    const map = byKey[peer ? 1 : 0]!;
    const entry = map.get(parsed.key);
    if (entry) {
      entry.shape.uses.push(u);
      entry.labels.add(label);
    } else map.set(parsed.key, { shape: { parsed, label: '', peer, uses: [u], services: [] }, labels: new Set([label]) });
  }
  // The group's uses are ascending, so each shape's uses are too.
  const shapes = byKey.flatMap((map) =>
    [...map.values()].map(({ shape, labels }) => {
      shape.label = [...labels].sort(cmp).join(' / ');
      shape.services = [...new Set(shape.uses.map((u) => uses.origin[u]!.service))].sort(cmp);
      return shape;
    }),
  );
  return shapes.sort(compareShapes);
}

function compareShapes(a: Shape, b: Shape): number {
  if (a.peer !== b.peer) return a.peer ? 1 : -1;
  const pa = a.parsed.pin;
  const pb = b.parsed.pin;
  if (pa && pb) return pa.compare(pb) || cmp(a.parsed.key, b.parsed.key);
  if (pa) return -1;
  if (pb) return 1;
  return cmp(a.parsed.key, b.parsed.key);
}

function distinctPins(shapes: Shape[]): semver.SemVer[] {
  const out: semver.SemVer[] = [];
  for (const s of shapes) {
    const pin = s.parsed.pin;
    if (pin && !out.some((p) => p.compare(pin) === 0)) out.push(pin);
  }
  return out.sort((a, b) => a.compare(b));
}

function services(shapes: Shape[]): string[] {
  if (shapes.length === 1) return shapes[0]!.services;
  return [...new Set(shapes.flatMap((s) => s.services))].sort(cmp);
}

/** `a, b, c` or `a, b, c, d, e and 12 more`: messages stay short, `data` lists everything. */
function few(items: string[], limit = MESSAGE_SERVICES, separator = ', ', what = ''): string {
  if (items.length <= limit) return items.join(separator);
  return `${items.slice(0, limit).join(separator)} and ${items.length - limit} more${what ? ` ${what}` : ''}`;
}

function locations(uses: Uses, shapes: Shape[]): NpmLocation[] {
  // Use indices: a typed array sorts numbers natively, with no comparator call per pair.
  const ordered = shapes.length === 1 ? shapes[0]!.uses : Int32Array.from(shapes.flatMap((s) => s.uses)).sort();
  const out: NpmLocation[] = [];
  for (const u of ordered) {
    const path = uses.origin[u]!.path;
    const line = uses.line[u]!;
    const last = out[out.length - 1];
    if (last && last.line === line && last.path === path) continue;
    out.push({ path, line });
  }
  return out;
}

function describe(s: Shape): string {
  return `${s.peer ? 'peer ' : ''}${s.label} (${few(s.services)})`;
}

function shapeJson(s: Shape) {
  return { specifier: s.label, role: s.peer ? 'peer' : 'dependency', services: s.services };
}

function mergedCatalogs(manifests: readonly PackageJsonManifest[]): Catalogs {
  const out: Catalogs = new Map();
  for (const m of [...manifests].sort((a, b) => cmp(a.path, b.path))) {
    for (const [name, entries] of m.package.catalogs) {
      const into = out.get(name) ?? new Map();
      out.set(name, into);
      for (const [pkg, e] of entries) if (!into.has(pkg)) into.set(pkg, e);
    }
  }
  return out;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '.' : path.slice(0, i);
}
