import type { Inventory } from '../inventory/model.js';
import type { ConfiguredSeverity, RawFinding, RuleId } from './finding.js';
import type { PackageIndex } from './package-index.js';

export interface RuleContext<O> {
  inventory: Inventory;
  /** Packages and their uses after the config's ignore lists are applied. */
  index: PackageIndex;
  /** The same index without the uses the config allows to drift (for drift rules). */
  driftIndex: PackageIndex;
  options: O;
}

/** One rule = one module: metadata, its options' defaults, and a pure check (the options' schema is in config/rule-options.ts). */
export interface Rule<O = Record<string, never>> {
  id: RuleId;
  description: string;
  /** Severity when neither a preset nor the config names the rule. */
  defaultSeverity: ConfiguredSeverity;
  /** The options when the config gives none (`{}`: the rule takes none). */
  defaults: O;
  check(ctx: RuleContext<O>): RawFinding[];
}

export function defineRule<O>(rule: Rule<O>): Rule<O> {
  // Every run without options shares these: frozen, so no run can change another's.
  Object.freeze(rule.defaults);
  return rule;
}
