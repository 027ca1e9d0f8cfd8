import type { Ecosystem } from '../model/declaration.js';

/** Findings are data; reporters turn them into text. */
export const RULE_IDS = [
  'base-override',
  'duplicate',
  'insecure-source',
  'parse-error',
  'range-mismatch',
  'runtime-drift',
  'unpinned',
  'unsatisfiable',
  'version-conflict',
  'vulnerable',
  'vulnerable-range',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'error' | 'warning';
export type ConfiguredSeverity = 'error' | 'warn' | 'off';

export interface Location {
  path: string;
  line: number;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** PEP 503 canonical name, or null for findings about a file or an option. */
  package: string | null;
  ecosystem: Ecosystem;
  message: string;
  /** Sorted; the first is the primary location. */
  locations: Location[];
  data: Record<string, unknown>;
  /** Stable across line moves: rule, package, files and the rule's key facts. Used by baselines. */
  fingerprint: string;
}

/** What a rule reports; the engine adds severity, ecosystem and fingerprint. */
export interface RawFinding {
  package: string | null;
  message: string;
  locations: Location[];
  data: Record<string, unknown>;
  /** Facts that identify this finding beyond rule, package and files (e.g. the pinned versions). */
  key?: string;
  /** Absent means the package's ecosystem is `pypi` (or the finding is about a file). */
  ecosystem?: Ecosystem;
}

/**
 * Sorted by path and line, each place once. Sorting first puts repeats side by side, so they are
 * dropped by comparing neighbours: no key string per location (a finding can list thousands).
 */
export function sortLocations(locations: readonly Location[]): Location[] {
  const sorted = [...locations].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  let kept = 0;
  for (const l of sorted) {
    const last = kept > 0 ? sorted[kept - 1]! : undefined;
    if (last && last.line === l.line && last.path === l.path) continue;
    sorted[kept++] = l;
  }
  sorted.length = kept;
  return sorted;
}
