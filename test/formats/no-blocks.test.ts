/**
 * Read-only commands parse without line blocks (`blocks: false`): only consolidate's rewrites
 * read them. Everything else a parser returns must be the same either way.
 */
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRequirementsBytes } from '../../src/formats/requirements/parse.js';
import { parsePackageJson } from '../../src/formats/npm/package-json.js';
import { loadInventory } from '../../src/load.js';
import { audit } from '../../src/pipeline.js';
import { requirementsEnv, requirementsText } from '../fuzz/arbitraries/requirements.js';
import { packageJsonText } from '../fuzz/arbitraries/json.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const withoutBlocks = <T extends { blocks: unknown[] }>(m: T) => ({ ...m, blocks: [] });

describe('parsing without line blocks', () => {
  it('requirements: the same manifest, minus its blocks (fast-check)', () => {
    fc.assert(
      fc.property(requirementsText, requirementsEnv, (text, env) => {
        const ctx = { path: 'svc/requirements.txt', ...(env ? { env } : {}) };
        const bytes = Buffer.from(text, 'utf8');
        const full = parseRequirementsBytes(bytes, ctx);
        const lean = parseRequirementsBytes(bytes, { ...ctx, blocks: false });
        expect(lean.blocks).toEqual([]);
        expect(lean).toEqual(withoutBlocks(full));
      }),
      { numRuns: 1500 },
    );
  });

  it('package.json: the same manifest, minus its blocks (fast-check)', () => {
    fc.assert(
      fc.property(packageJsonText, (text) => {
        const full = parsePackageJson(text, { path: 'a/package.json' });
        const lean = parsePackageJson(text, { path: 'a/package.json', blocks: false });
        expect(lean.blocks).toEqual([]);
        expect(lean).toEqual(withoutBlocks(full));
      }),
      { numRuns: 1500 },
    );
  });

  it('the pipeline reads without blocks; loadInventory (what consolidate uses) keeps them', async () => {
    const root = path.join(repoRoot, 'fixtures/polyglot-platform');
    const { inventory } = await audit(root, { maxFileSize: 5 << 20 });
    const full = await loadInventory(root, { maxFileSize: 5 << 20, env: new Map() });
    expect(inventory.manifests.every((m) => m.blocks.length === 0)).toBe(true);
    expect(full.manifests.filter((m) => m.kind === 'requirements' || m.kind === 'package-json').every((m) => m.blocks.length > 0)).toBe(true);
    expect(inventory.manifests.map((m) => ({ ...m, blocks: [] }))).toEqual(full.manifests.map((m) => ({ ...m, blocks: [] })));
  });
});
