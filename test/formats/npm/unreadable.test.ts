/**
 * A package.json or pnpm-workspace.yaml that cannot be read (undecodable bytes, over the size
 * cap) is still listed with a diagnostic, and npm analysis and consolidate planning go on: they
 * used to crash with "Cannot read properties of undefined (reading 'catalogs')" on such a file.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/inventory/scan.js';
import { evaluate, resolveRules } from '../../../src/analysis/evaluate.js';
import { configSchema } from '../../../src/config/schema.js';
import { planNpmConsolidation } from '../../../src/consolidate/npm/plan.js';
import type { PackageJsonManifest } from '../../../src/formats/npm/package-json.js';
import type { PnpmWorkspace } from '../../../src/formats/npm/pnpm-workspace.js';
import { memoryIo, type Files } from '../../helpers/inventory.js';

const GOOD: Files = {
  'web/package.json': '{"name":"web","dependencies":{"lodash":"4.17.21"}}',
  'api/package.json': '{"name":"api","dependencies":{"lodash":"4.17.20"}}',
};
const UTF16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"dependencies":{"a":"1.0.0"}}', 'utf16le')]);

describe('an unreadable npm manifest', () => {
  it.each([
    ['an undecodable package.json', { 'bad/package.json': UTF16 }, 'bad/package.json', 'undecodable'],
    ['a package.json over the size cap', { 'bad/package.json': `{"x":"${'a'.repeat(2048)}"}` }, 'bad/package.json', 'file-too-large'],
    ['an undecodable pnpm-workspace.yaml', { 'pnpm-workspace.yaml': Buffer.from([0xff, 0xfe, 0x00]) }, 'pnpm-workspace.yaml', 'undecodable'],
  ] as Array<[string, Files, string, string]>)('%s is listed and analysis goes on', async (_label, extra, path, code) => {
    const inventory = await scan(memoryIo({ ...GOOD, ...extra }, 1024), { rootName: 'repo' });
    const bad = inventory.manifests.find((m) => m.path === path)!;
    expect(bad.diagnostics.map((d) => d.code)).toEqual([code]);
    const config = configSchema.parse({});
    const findings = evaluate(inventory, config, await resolveRules(config));
    expect(findings.filter((f) => f.rule === 'version-conflict').map((f) => f.package)).toEqual(['lodash']);
    expect(findings.some((f) => f.rule === 'parse-error' && f.locations[0]!.path === path)).toBe(true);
    const npm = inventory.manifests.filter((m) => m.kind === 'package-json') as unknown as PackageJsonManifest[];
    const ws = inventory.manifests.find((m) => m.kind === 'pnpm-workspace') as unknown as PnpmWorkspace | undefined;
    expect(() => planNpmConsolidation({ manifests: npm, pnpmWorkspace: ws ?? null, options: { strategy: 'most-common' } })).not.toThrow();
  });
});
