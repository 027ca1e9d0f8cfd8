/** Advisory fixtures and in-memory audits for the audit and vulnerable-rule tests. */
import path from 'node:path';
import { evaluate, resolveRules } from '../../src/analysis/evaluate.js';
import type { Finding } from '../../src/analysis/finding.js';
import { configSchema } from '../../src/config/schema.js';
import { dbFromRecords, type AdvisoryDb } from '../../src/audit/db.js';
import { parseOsvText } from '../../src/audit/osv.js';
import { ADVISORY_RULES, withAdvisories } from '../../src/audit/rule-options.js';
import { inventoryOf, type Files } from '../helpers/inventory.js';

export const OSV_FIXTURE = path.resolve(import.meta.dirname, 'fixtures/osv');
export const PYPA_DB = path.resolve(import.meta.dirname, '../../../shared/advisories/pypa-advisory-database');

/** A database from OSV texts keyed by file name (`.json` or `.yaml`); throws on a bad one. */
export function dbOf(files: Record<string, string | object>): AdvisoryDb {
  return dbFromRecords(
    Object.entries(files).flatMap(([source, text]) => {
      const r = typeof text === 'string' ? parseOsvText(text, source.endsWith('.json') ? 'json' : 'yaml') : parseOsvText(JSON.stringify(text), 'json');
      if (!r.ok) throw new Error(`${source}: ${r.error}`);
      return r.value.map((record) => ({ record, source }));
    }),
  );
}

/** One record: `requests` with the given events (and versions). */
export function record(id: string, name: string, events: Array<Record<string, string>>, extra: Record<string, unknown> = {}): object {
  return { id, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }], ...extra }] };
}

/** Findings of the advisory rules for an in-memory tree, under a config as a user writes it. */
export async function auditTree(files: Files, db: AdvisoryDb, config: Record<string, unknown> = {}): Promise<Finding[]> {
  const inventory = await inventoryOf(files);
  const parsed = configSchema.parse(config);
  const rules = withAdvisories(await resolveRules(parsed), db).filter((r) => (ADVISORY_RULES as readonly string[]).includes(r.id));
  return evaluate(inventory, parsed, rules);
}
