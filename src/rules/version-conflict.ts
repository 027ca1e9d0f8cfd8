import { driftClass } from '../pep440/index.js';
import { markersDisjoint, parseMarker } from '../pep508/index.js';
import { joinCapped, listNames } from '../analysis/names.js';
import { defineRule } from '../analysis/rule.js';
import { sortLocations, type RawFinding } from '../analysis/finding.js';
import { groupByPin, pinLabel, type PinGroup } from '../analysis/pins.js';
import type { PackageUse } from '../analysis/package-index.js';

/** Two uses can meet in one install unless their markers can never both hold. */
const disjointCache = new Map<string, boolean>();

/** Two marker texts that can never both hold; memoized, since a platform repeats a few markers many times. */
function disjoint(ma: string, mb: string): boolean {
  const key = ma < mb ? `${ma}\0${mb}` : `${mb}\0${ma}`;
  let answer = disjointCache.get(key);
  if (answer === undefined) {
    const pa = parseMarker(ma);
    const pb = parseMarker(mb);
    answer = pa.ok && pb.ok && markersDisjoint(pa.value, pb.value);
    disjointCache.set(key, answer);
  }
  return answer;
}

export function canCoexist(a: PackageUse, b: PackageUse): boolean {
  const ma = a.declaration.marker;
  const mb = b.declaration.marker;
  return ma === null || mb === null || !disjoint(ma, mb);
}

/** Compares distinct markers only: a group of 5,000 uses usually carries one or two. */
function groupsClash(a: PinGroup, b: PinGroup): boolean {
  const markers = (g: PinGroup) => new Set(g.uses.map((u) => u.declaration.marker));
  const ma = markers(a);
  const mb = markers(b);
  if (ma.has(null) || mb.has(null)) return true;
  for (const x of ma) for (const y of mb) if (!disjoint(x!, y!)) return true;
  return false;
}

export function servicesByVersion(groups: PinGroup[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const g of groups) out[pinLabel(g.pin)] = [...new Set(g.uses.map((u) => u.service))].sort();
  return out;
}

export default defineRule({
  id: 'version-conflict',
  description: 'One package is pinned to different versions across services (or between a service and its base).',
  defaultSeverity: 'error',
  defaults: {},
  check({ driftIndex }) {
    const findings: RawFinding[] = [];
    for (const entry of driftIndex.packages.values()) {
      const groups = groupByPin(entry.uses);
      if (groups.length < 2) continue;
      if (!groups.some((g, i) => groups.slice(i + 1).some((h) => groupsClash(g, h)))) continue;
      const low = groups[0]!.pin;
      const high = groups[groups.length - 1]!.pin;
      const drift = low.version && high.version && !low.arbitrary && !high.arbitrary ? driftClass(low.version, high.version) : null;
      const versions = servicesByVersion(groups);
      const listing = joinCapped(Object.entries(versions).map(([v, s]) => `${v} (${listNames(s)})`), ', ', 10, 'versions');
      findings.push({
        package: entry.name,
        message: `${entry.name} is pinned to ${groups.length} different versions: ${listing}${drift ? `; ${drift} drift` : ''}`,
        locations: sortLocations(groups.flatMap((g) => g.uses.map((u) => u.location))),
        data: { drift: drift ?? 'unknown', versions },
        key: Object.keys(versions).join(','),
      });
    }
    return findings;
  },
});
