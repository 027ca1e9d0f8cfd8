/** root on disk → inventory → findings → the report object every output format renders. */
import { loadConfig } from './config/load.js';
import { loadInventory } from './load.js';
import { evaluate, resolveRules } from './analysis/evaluate.js';
import { buildPackageIndex } from './analysis/package-index.js';
import { summarize } from './analysis/summary.js';
import type { RuleId } from './analysis/finding.js';
import { reportJson } from './report/inventory-json.js';
import type { ReportJson } from './report/schema.js';
import type { Inventory } from './inventory/model.js';
import type { Config } from './config/schema.js';
import type { AdvisoryDb } from './audit/db.js';
import { withAdvisories } from './audit/rule-options.js';
import { VERSION } from './version.js';

export interface PipelineOptions {
  config?: string;
  env?: Map<string, string>;
  maxFileSize: number;
  /** A directory or OSV zip export of advisories: turns on the `vulnerable*` rules. */
  advisories?: string;
  /** Run only these rules (as configured); default: all. */
  only?: readonly RuleId[];
}

export interface Audit {
  inventory: Inventory;
  config: Config;
  report: ReportJson;
  /** Set when advisories were read; `ms` is how long reading and indexing them took. */
  advisories?: { db: AdvisoryDb; ms: number };
}

export async function audit(root: string, opts: PipelineOptions): Promise<Audit> {
  // Nothing here rewrites a file: the parsers leave out the line blocks only consolidate reads.
  const inventory = await loadInventory(root, { maxFileSize: opts.maxFileSize, env: opts.env ?? new Map(), blocks: false });
  const { config } = await loadConfig(root, opts.config);
  let rules = await resolveRules(config);
  let advisories: Audit['advisories'];
  if (opts.advisories !== undefined) {
    const started = performance.now();
    const names = new Set(inventory.manifests.flatMap((m) => m.declarations.flatMap((d) => (d.name === null || (d.ecosystem ?? 'pypi') !== 'pypi' ? [] : [d.name]))));
    // Loaded only when asked for: the OSV reader (zip, YAML) is no part of a plain check.
    const { loadAdvisories } = await import('./audit/load.js');
    const db = loadAdvisories(opts.advisories, { packages: names });
    advisories = { db, ms: performance.now() - started };
    rules = withAdvisories(rules, db);
  }
  if (opts.only) rules = rules.filter((r) => opts.only!.includes(r.id));
  const index = buildPackageIndex(inventory);
  const findings = evaluate(inventory, config, rules, index);
  const summary = summarize(inventory, index, findings);
  const report = reportJson(inventory, index, summary, findings, { name: 'depaudit', version: VERSION });
  return { inventory, config, report, ...(advisories ? { advisories } : {}) };
}
