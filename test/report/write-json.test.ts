/** writeJson writes, piece by piece, exactly what JSON.stringify(value, null, 2) + "\n" would. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeJson } from '../../src/report/inventory-json.js';
import path from 'node:path';
import { audit } from '../../src/pipeline.js';
import { FIXTURES, goldenReport } from './golden-helpers.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function written(value: Record<string, unknown>): { text: string; chunks: number } {
  const chunks: string[] = [];
  writeJson(value, (c) => chunks.push(c));
  return { text: chunks.join(''), chunks: chunks.length };
}

describe('writeJson', () => {
  it.each(FIXTURES)('the %s report, byte for byte', async (fixture) => {
    const report = (await goldenReport(fixture)) as unknown as Record<string, unknown>;
    expect(written(report).text).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('any JSON object (empty arrays and objects, nested arrays, strings with newlines and quotes)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        expect(written(value).text).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });

  it('writes a large array in pieces, never as one string', () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ i, text: 'x'.repeat(100) })) };
    const { text, chunks } = written(big);
    expect(chunks).toBeGreaterThan(1);
    expect(text).toBe(`${JSON.stringify(big, null, 2)}\n`);
  });
});

describe('writeJson on a report from the pipeline', () => {
  it.each(FIXTURES)('%s: manifests and packages written item by item, without building the lists, as JSON.stringify writes them', async (fixture) => {
    const { report } = await audit(path.join(repoRoot, 'fixtures', fixture), { maxFileSize: 5 * 1024 * 1024 });
    const value = report as unknown as Record<string, unknown>;
    const lazyLists = () => ['manifests', 'packages'].filter((k) => typeof Object.getOwnPropertyDescriptor(value, k)?.get === 'function');
    expect(lazyLists()).toEqual(['manifests', 'packages']);
    const text = written(value).text;
    expect(lazyLists()).toEqual(['manifests', 'packages']);
    expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`); // JSON.stringify reads (builds) the lists
    expect(lazyLists()).toEqual([]);
  });
});
