import { loadInventory } from '../load.js';
import { inventoryJson } from '../report/inventory-json.js';
import { VERSION } from '../version.js';
import { EXIT } from '../errors.js';

export interface ReportOptions {
  format: 'table' | 'json' | 'markdown';
  env?: Map<string, string>;
  maxFileSize: number;
  config?: string;
}

export async function runReport(root: string, opts: ReportOptions, out: { stdout: (s: string) => void }): Promise<number> {
  const inventory = await loadInventory(root, { maxFileSize: opts.maxFileSize, env: opts.env ?? new Map() });
  if (opts.format === 'json') {
    out.stdout(`${JSON.stringify(inventoryJson(inventory, { name: 'depaudit', version: VERSION }), null, 2)}\n`);
  } else {
    for (const m of inventory.manifests) out.stdout(`${m.path}\t${m.service ?? '(base)'}\t${m.declarations.length} declarations\n`);
  }
  return EXIT.ok;
}
