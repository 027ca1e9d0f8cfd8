import { joinCapped, listNames } from '../analysis/names.js';
import { defineRule } from '../analysis/rule.js';
import { sortLocations, type RawFinding } from '../analysis/finding.js';
import { DRIFT_ORDER, RUNTIME_VERSIONS, type RuntimeVersions } from '../formats/runtime/versions.js';
import type { RuntimeDeclaration, RuntimeName } from '../model/runtime.js';

/** Node's versions are npm's business (engines.node), Python's PyPI's (requires-python). */
const ecosystemOfRuntime = (runtime: RuntimeName): 'npm' | 'pypi' => (runtime === 'node' ? 'npm' : 'pypi');

/** A declaration with its normalized version or range (`key`). */
interface Keyed {
  d: RuntimeDeclaration & { service: string };
  key: string;
}

const uniqueSorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const at = (ks: Keyed[]) => sortLocations(ks.map((k) => ({ path: k.d.path, line: k.d.line })));

function groupBy(ks: Keyed[], by: (k: Keyed) => string): Map<string, Keyed[]> {
  const out = new Map<string, Keyed[]>();
  for (const k of ks) {
    const list = out.get(by(k));
    if (list) list.push(k);
    else out.set(by(k), [k]);
  }
  return out;
}

/** Exact versions (images, version files) that do not agree at the precision written. */
function versionDrift(runtime: RuntimeName, scheme: RuntimeVersions, exact: Keyed[]): RawFinding | null {
  const groups = groupBy(exact, (k) => k.key);
  const keys = [...groups.keys()].sort(scheme.compare);
  let worst: string | null = null;
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      if (scheme.compatible(keys[i]!, keys[j]!)) continue;
      const drift = scheme.drift(keys[i]!, keys[j]!);
      if (worst === null || DRIFT_ORDER.indexOf(drift) < DRIFT_ORDER.indexOf(worst)) worst = drift;
    }
  }
  if (worst === null) return null;
  const versions: Record<string, string[]> = {};
  for (const k of keys) versions[k] = uniqueSorted(groups.get(k)!.map((g) => g.d.service));
  const listing = joinCapped(keys.map((k) => `${k} (${listNames(versions[k]!)})`), ', ', 10, 'versions');
  return {
    package: runtime,
    ecosystem: ecosystemOfRuntime(runtime),
    message: `${runtime} runs on ${keys.length} different versions: ${listing}; ${worst} drift`,
    locations: at(exact),
    data: { runtime, drift: worst, versions, sources: uniqueSorted(exact.map((k) => k.d.source)) },
    key: `versions:${keys.join(',')}`,
  };
}

/** Services whose sets of ranges (requires-python, engines.node) differ once normalized. */
function rangeDrift(runtime: RuntimeName, ranged: Keyed[]): RawFinding | null {
  const byService = groupBy(ranged, (k) => k.d.service);
  const shapes = new Set([...byService.values()].map((ks) => uniqueSorted(ks.map((k) => k.key)).join('\n')));
  if (shapes.size < 2) return null;
  // Each normalized range is shown as first written (declarations come sorted by path, line).
  const ranges: Record<string, string[]> = {};
  for (const ks of groupBy(ranged, (k) => k.key).values()) ranges[ks[0]!.d.written.trim()] = uniqueSorted(ks.map((k) => k.d.service));
  const labels = Object.keys(ranges).sort();
  return {
    package: runtime,
    ecosystem: ecosystemOfRuntime(runtime),
    message: `${runtime} is required at ${labels.length} different ranges: ${joinCapped(labels.map((l) => `${l} (${listNames(ranges[l]!)})`), ', ', 10, 'ranges')}`,
    locations: at(ranged),
    data: { runtime, ranges: Object.fromEntries(labels.map((l) => [l, ranges[l]!])), sources: uniqueSorted(ranged.map((k) => k.d.source)) },
    key: `ranges:${uniqueSorted(ranged.map((k) => k.key)).join('|')}`,
  };
}

/** Within one service: an exact version that the service's own range excludes. */
function ownRangeClashes(runtime: RuntimeName, scheme: RuntimeVersions, exact: Keyed[], ranged: Keyed[]): RawFinding[] {
  const findings: RawFinding[] = [];
  const rangedBy = groupBy(ranged, (k) => k.d.service);
  // Thousands of services repeat a few (range, version) pairs.
  const admitted = new Map<string, boolean>();
  const admits = (range: string, version: string) => {
    const id = `${range}\0${version}`;
    let answer = admitted.get(id);
    if (answer === undefined) admitted.set(id, (answer = scheme.admits(range, version)));
    return answer;
  };
  for (const [service, versions] of [...groupBy(exact, (k) => k.d.service)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const clashes = new Map<string, { version: string; source: string; range: string; rangeSource: string; involved: Keyed[] }>();
    for (const v of versions) {
      for (const r of rangedBy.get(service) ?? []) {
        if (admits(r.d.range!, v.key)) continue;
        const c = { version: v.key, source: v.d.source, range: r.d.written.trim(), rangeSource: r.d.source };
        const id = `${c.version} (${c.source}) is outside ${c.range} (${c.rangeSource})`;
        const seen = clashes.get(id);
        if (seen) seen.involved.push(v, r);
        else clashes.set(id, { ...c, involved: [v, r] });
      }
    }
    if (clashes.size === 0) continue;
    const sorted = [...clashes].sort(([a, x], [b, y]) => scheme.compare(x.version, y.version) || (a < b ? -1 : a > b ? 1 : 0));
    const ids = sorted.map(([id]) => id);
    findings.push({
      package: runtime,
      ecosystem: ecosystemOfRuntime(runtime),
      message: `${runtime} in ${service}: ${joinCapped(ids, '; ', 10, 'clashes')}`,
      locations: at(sorted.flatMap(([, c]) => c.involved)),
      data: { runtime, service, clashes: sorted.map(([, { involved: _, ...c }]) => c) },
      key: `service:${service}|${ids.join('|')}`,
    });
  }
  return findings;
}

export default defineRule({
  id: 'runtime-drift',
  description: 'Services run different Python or Node versions (Docker base images, version files, requires-python, engines.node), or a version their own range excludes.',
  defaultSeverity: 'warn',
  defaults: {},
  check({ inventory }) {
    const findings: RawFinding[] = [];
    const declared = (inventory.runtimes ?? [])
      .filter((d): d is Keyed['d'] => d.service !== null)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
    for (const runtime of ['node', 'python'] as const) {
      const scheme = RUNTIME_VERSIONS[runtime];
      const exact: Keyed[] = [];
      const ranged: Keyed[] = [];
      for (const d of declared) {
        if (d.runtime !== runtime) continue;
        const key = d.range !== null ? scheme.rangeKey(d.range) : d.version !== null ? scheme.key(d.version) : null;
        if (key !== null) (d.range !== null ? ranged : exact).push({ d, key });
      }
      const drift = versionDrift(runtime, scheme, exact);
      if (drift) findings.push(drift);
      const ranges = rangeDrift(runtime, ranged);
      if (ranges) findings.push(ranges);
      findings.push(...ownRangeClashes(runtime, scheme, exact, ranged));
    }
    return findings;
  },
});
