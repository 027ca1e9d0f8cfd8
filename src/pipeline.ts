/** root on disk → inventory → findings → the report object every output format renders. */
import { loadConfig } from './config/load.js';
import { loadInventory } from './load.js';
import { evaluate } from './analysis/evaluate.js';
import { buildPackageIndex } from './analysis/package-index.js';
import { summarize } from './analysis/summary.js';
import { reportJson } from './report/inventory-json.js';
import type { ReportJson } from './report/schema.js';
import type { Inventory } from './inventory/model.js';
import type { Config } from './config/schema.js';
import { VERSION } from './version.js';

export interface PipelineOptions {
  config?: string;
  env?: Map<string, string>;
  maxFileSize: number;
}

export interface Audit {
  inventory: Inventory;
  config: Config;
  report: ReportJson;
}

export async function audit(root: string, opts: PipelineOptions): Promise<Audit> {
  const inventory = await loadInventory(root, { maxFileSize: opts.maxFileSize, env: opts.env ?? new Map() });
  const { config } = loadConfig(root, opts.config);
  const findings = evaluate(inventory, config);
  const index = buildPackageIndex(inventory);
  const summary = summarize(inventory, index, findings);
  return { inventory, config, report: reportJson(inventory, index, summary, findings, { name: 'depaudit', version: VERSION }) };
}
