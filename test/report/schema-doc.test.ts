/** docs/report-schema.md documents every field of the contract, and the current version. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema, SCHEMA_VERSION } from '../../src/report/schema.js';
import { RULE_IDS } from '../../src/analysis/finding.js';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/report-schema.md'), 'utf8');

interface Node {
  properties?: Record<string, Node>;
  items?: Node | Node[];
  anyOf?: Node[];
  additionalProperties?: Node | boolean;
}

/** Every property as [its path, its name], e.g. ['manifests[].declarations[].span', 'span']. */
function fields(n: Node, at = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(n.properties ?? {})) out.push([`${at}${k}`, k], ...fields(v, `${at}${k}.`));
  for (const item of Array.isArray(n.items) ? n.items : n.items ? [n.items] : []) out.push(...fields(item, at.replace(/\.$/, '[].')));
  for (const alt of n.anyOf ?? []) out.push(...fields(alt, at));
  return out;
}

describe('docs/report-schema.md', () => {
  it('names the current schemaVersion in its title and has a row for every version', () => {
    expect(doc.startsWith(`# The JSON report (\`schemaVersion: ${SCHEMA_VERSION}\`)\n`)).toBe(true);
    for (let v = 1; v <= SCHEMA_VERSION; v++) expect(doc).toMatch(new RegExp(`\\n\\| ${v} \\| `));
  });
  it.each(fields(reportJsonSchema() as Node))('documents %s', (_, name) => {
    expect(doc).toContain(`\`${name}\``);
  });
  it('lists every rule id', () => {
    for (const id of RULE_IDS) expect(doc).toContain(`\`${id}\``);
  });
});
