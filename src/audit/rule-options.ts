/**
 * The options of the `vulnerable` and `vulnerable-range` rules. `ignore` comes from the config
 * (schema in config/rule-options.ts); the advisory index never does: `audit` (and
 * `check --advisories`) attaches it after the config is parsed, so rules stay pure and a run
 * without advisories reports nothing from them.
 */
import type { ResolvedRule } from '../analysis/evaluate.js';
import type { AdvisoryDb } from './db.js';

export interface AdvisoryRuleOptions {
  ignore: string[];
  advisories?: AdvisoryDb;
}

export const ADVISORY_RULES = ['vulnerable', 'vulnerable-range'] as const;

/** The resolved rules with the advisory index handed to the rules that read it. */
export function withAdvisories(rules: ResolvedRule[], advisories: AdvisoryDb): ResolvedRule[] {
  return rules.map((r) =>
    (ADVISORY_RULES as readonly string[]).includes(r.id) ? { ...r, options: { ...(r.options as object), advisories } } : r,
  );
}

/** Whether a match is accepted by the rule's `ignore` list (ids and aliases, case-insensitive). */
export function ignoredAdvisory(ignore: string[], match: { advisories: string[]; aliases: string[] }): boolean {
  if (ignore.length === 0) return false;
  const names = new Set([...match.advisories, ...match.aliases].map((s) => s.toUpperCase()));
  return ignore.some((i) => names.has(i.toUpperCase()));
}
