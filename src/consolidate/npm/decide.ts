/**
 * What happens to one package. The target version comes from the declared versions by strategy;
 * a package is left alone (with the reason) when its versions span major lines, when the target
 * falls outside a peer range anywhere in the workspace (peer ranges are never rewritten), when it
 * is a workspace package itself, when its catalog entry cannot be edited, or when that entry would
 * move while packages outside `services` use it. Ranges that are not
 * plain (`>=1 <2`, `^1 || ^2`) are never rewritten; in catalog mode they move to `catalog:` only
 * when they are exactly the catalog's entry.
 */
import semver from 'semver';
import type { CatalogEntry } from '../../formats/npm/catalog.js';
import { cmp } from '../../model/diagnostic.js';
import type { CatalogSite } from './catalog-edit.js';
import type { NpmChange, Peer, Use } from './model.js';
import { lineOf, pickTarget, plainRange, restyle, type PlainRange, type Strategy, type Vote } from './version.js';

export interface DecideContext {
  strategy: Strategy;
  allowMajor: boolean;
  threshold: number;
  /** Package name → the package.json that is that workspace package. */
  internal: Map<string, string>;
  peers: Map<string, Peer[]>;
  /** Package name → workspace packages outside `services` that take it from the default catalog. */
  unselectedCatalogUsers: Map<string, string[]>;
  /** Catalog mode only. */
  catalog: { path: string; entries: Map<string, CatalogEntry>; site: CatalogSite } | null;
}

export interface Rewrite {
  use: Use;
  to: string;
  kind: 'aligned' | 'catalog';
  effective: string;
  direction: NpmChange['direction'];
}

export interface Decision {
  rewrites: Rewrite[];
  catalog: { from: string | null; to: string; direction: NpmChange['direction'] } | null;
  kept: string[];
}

const keep = (reason: string): Decision => ({ rewrites: [], catalog: null, kept: [reason] });
const where = (u: Use) => `${u.spec.trim()} (${u.manifest.path})`;
const list = (uses: Use[]) => uses.map(where).join(', ');

function direction(from: semver.SemVer | null, to: semver.SemVer): NpmChange['direction'] {
  const c = from ? from.compare(to) : 0;
  return c < 0 ? 'up' : c > 0 ? 'down' : 'same';
}

/** Null when the package is not shared widely enough or nothing deviates. */
export function decide(name: string, uses: Use[], ctx: DecideContext): Decision | null {
  const directs = uses.filter((u) => !u.viaCatalog);
  if (new Set(uses.map((u) => u.manifest.path)).size < ctx.threshold || directs.length === 0) return null;
  if (!ctx.catalog && new Set(directs.map((u) => u.spec.trim())).size === 1) return null;
  const internal = ctx.internal.get(name);
  if (internal) return keep(`a workspace package (${internal}): refer to it with workspace: rather than a registry version`);

  const entry = ctx.catalog?.entries.get(name) ?? null;
  const site = ctx.catalog?.site.entries.get(name);
  if (ctx.catalog && !entry && site) return keep(site.editable ? 'the catalog entry could not be read' : site.reason);
  const entryPlain = entry ? plainRange(entry.specifier) : null;
  if (entry && !entryPlain) return complexEntry(entry, directs);

  const plains = directs.map((u) => ({ u, p: plainRange(u.spec) }));
  const complex = plains.filter((x) => !x.p).map((x) => x.u);
  const votes: Vote[] = plains.flatMap(({ u, p }) => (p ? [{ version: p.version, versionText: p.versionText, voter: u.manifest.path }] : []));
  if (entryPlain) {
    const refs = uses.filter((u) => u.viaCatalog).map((u) => u.manifest.path);
    for (const voter of refs.length > 0 ? refs : [ctx.catalog!.path]) votes.push({ version: entryPlain.version, versionText: entryPlain.versionText, voter });
  }
  if (votes.length === 0) return onlyComplex(directs, ctx);

  const lines = new Map<string, Set<string>>();
  for (const v of votes) lines.set(lineOf(v.version), (lines.get(lineOf(v.version)) ?? new Set()).add(v.voter));
  if (lines.size > 1 && !ctx.allowMajor) {
    const split = [...lines].sort(([a], [b]) => cmp(a, b)).map(([line, voters]) => `${line}: ${[...voters].sort(cmp).join(', ')}`);
    return keep(`versions span ${lines.size} major lines (${split.join('; ')}): aligning them is a breaking change, do it by hand`);
  }
  const target = pickTarget(votes, ctx.strategy);
  const catalogMoves = entryPlain !== null && entryPlain.version.compare(target.version) !== 0;
  const outside = catalogMoves ? ctx.unselectedCatalogUsers.get(name) : undefined;
  if (outside) return keep(`${[...new Set(outside)].join(', ')} take${outside.length > 1 ? '' : 's'} it from the catalog too, but ${outside.length > 1 ? 'are' : 'is'} not among the selected services: the catalog entry stays`);
  for (const peer of ctx.peers.get(name) ?? []) {
    if (peer.spec === null && catalogMoves) return keep(`${peer.path} takes its peer range from the catalog, which would change: peer ranges are never rewritten`);
    const range = peer.spec ?? entry?.specifier;
    if (range !== undefined && !semver.satisfies(target.version, range)) {
      return keep(`${target.versionText} is outside the peer range ${range} of ${peer.path}: peer ranges are never rewritten`);
    }
  }
  const kept = complex.length > 0 ? [`${list(complex)} ${complex.length > 1 ? 'are not plain version ranges' : 'is not a plain version range'}: left as written`] : [];
  if (!ctx.catalog) {
    const rewrites = plains.flatMap(({ u, p }): Rewrite[] => {
      if (!p || p.version.compare(target.version) === 0) return [];
      const to = restyle(p, target.versionText);
      return [{ use: u, to, kind: 'aligned', effective: to, direction: direction(p.version, target.version) }];
    });
    return { rewrites, catalog: null, kept };
  }
  return toCatalog(name, plains, target, entry, entryPlain, ctx);
}

function toCatalog(
  name: string,
  plains: Array<{ u: Use; p: PlainRange | null }>,
  target: { version: semver.SemVer; versionText: string },
  entry: CatalogEntry | null,
  entryPlain: PlainRange | null,
  ctx: DecideContext,
): Decision {
  const site = ctx.catalog!.site;
  let spec: string;
  let catalog: Decision['catalog'] = null;
  if (entry && entryPlain) {
    spec = entry.specifier;
    if (entryPlain.version.compare(target.version) !== 0) {
      const at = site.entries.get(name);
      if (!at?.editable) return keep(at ? at.reason : 'the catalog entry could not be located');
      spec = restyle(entryPlain, target.versionText).trim();
      catalog = { from: entry.specifier, to: spec, direction: direction(entryPlain.version, target.version) };
    }
  } else {
    if (site.insertBlocked) return keep(`cannot add it to the catalog: ${site.insertBlocked}`);
    // The spelling most workspace packages use for the target version (ties: the smallest).
    const counts = new Map<string, Set<string>>();
    for (const { u, p } of plains) if (p && p.version.compare(target.version) === 0) counts.set(u.spec.trim(), (counts.get(u.spec.trim()) ?? new Set()).add(u.manifest.path));
    spec = [...counts].sort(([a, x], [b, y]) => y.size - x.size || cmp(a, b))[0]![0];
    catalog = { from: null, to: spec, direction: 'same' };
  }
  const rewrites: Rewrite[] = [];
  const left: Use[] = [];
  for (const { u, p } of plains) {
    if (p || u.spec.trim() === spec) rewrites.push({ use: u, to: 'catalog:', kind: 'catalog', effective: spec, direction: direction(p?.version ?? null, target.version) });
    else left.push(u);
  }
  const kept = left.length > 0 ? [`${list(left)} ${left.length > 1 ? 'are not plain version ranges' : 'is not a plain version range'}: left as written, not moved to the catalog's ${spec}`] : [];
  return { rewrites, catalog, kept };
}

/** A catalog entry such as `>=1 <2`: only declarations that say exactly the same move to it. */
function complexEntry(entry: CatalogEntry, directs: Use[]): Decision {
  const same = directs.filter((u) => u.spec.trim() === entry.specifier.trim());
  const rest = directs.filter((u) => u.spec.trim() !== entry.specifier.trim());
  const rewrites = same.map((u): Rewrite => ({ use: u, to: 'catalog:', kind: 'catalog', effective: entry.specifier, direction: 'same' }));
  const kept = rest.length > 0 ? [`the catalog's ${entry.specifier} is not a plain version, so ${list(rest)} cannot be aligned to it: do it by hand`] : [];
  return { rewrites, catalog: null, kept };
}

/** Every declaration is a complex range: one shared spelling can still become the catalog entry. */
function onlyComplex(directs: Use[], ctx: DecideContext): Decision {
  const texts = new Set(directs.map((u) => u.spec.trim()));
  const spec = [...texts][0]!;
  if (ctx.catalog && texts.size === 1 && !ctx.catalog.site.insertBlocked) {
    const rewrites = directs.map((u): Rewrite => ({ use: u, to: 'catalog:', kind: 'catalog', effective: spec, direction: 'same' }));
    return { rewrites, catalog: { from: null, to: spec, direction: 'same' }, kept: [] };
  }
  if (ctx.catalog && texts.size === 1) return keep(`cannot add it to the catalog: ${ctx.catalog.site.insertBlocked}`);
  return keep(`${list(directs)} are not plain version ranges: align them by hand`);
}
