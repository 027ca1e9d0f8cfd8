/** `consolidate` for npm workspaces: the pure plan the command renders and writes. */
import type { NpmChange } from './model.js';

export { planNpmConsolidation } from './plan.js';
export type { NpmChange, NpmChangeKind, NpmConsolidateInput, NpmConsolidateOptions, NpmConsolidationPlan, NpmFileEdit, Strategy } from './model.js';

/** One line per change for the text plan: `aligned  react ^18.2.0 -> ^18.3.1 (dependencies, up)`. */
export function describeNpmChange(c: NpmChange): string {
  const label = c.kind.padEnd(15);
  if (c.kind === 'catalog-added') return `${label} ${c.package} ${c.to}`;
  if (c.kind === 'catalog') return `${label} ${c.package} ${c.from} -> catalog: (${c.effective}${c.direction === 'same' ? '' : `, ${c.direction}`})`;
  return `${label} ${c.package} ${c.from} -> ${c.to} (${c.group}${c.direction === 'same' ? '' : `, ${c.direction}`})`;
}
