import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderFindingsTable, versionGroups, table } from '../../src/report/table.js';
import type { ReportJson } from '../../src/report/schema.js';

// Cells mix ASCII, wide (CJK, emoji) and combining characters, and sometimes hold several lines.
const cellText = fc.array(fc.constantFrom('a', 'b', 'Z', '1', ' ', '-', '界', '🙂', 'é', 'e\u0301', '\n'), { maxLength: 14 }).map((cs) => cs.join(''));

/** What cli-table3 draws for the whole table at once: the layout `table` must reproduce slice by slice. */
function drawnWhole(head: string[], rows: string[][], color: boolean): string {
  const t = new Table({ head, style: { compact: true, head: color ? ['cyan'] : [], border: color ? ['grey'] : [] } });
  t.push(...rows);
  return t.toString();
}

describe('box table', () => {
  it('draws in slices exactly what cli-table3 draws in one piece', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((cols) =>
          fc.tuple(fc.array(cellText.filter((h) => !h.includes('\n')), { minLength: cols, maxLength: cols }), fc.array(fc.array(cellText, { minLength: cols, maxLength: cols }), { maxLength: 12 })),
        ),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        ([head, rows], slice, color) => {
          expect(table(head, rows, { color }, slice)).toBe(drawnWhole(head, rows, color));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('draws a 40,000-line table, slices joined without borders between them', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`pkg-${i}`, `line one\nline two of ${i}`]);
    const lines = table(['package', 'versions'], rows, { color: false }).split('\n');
    expect(lines).toHaveLength(3 + 40_000 + 1);
    expect(lines[3]).toBe('│ pkg-0     │ line one          │');
    expect(lines[40_002]).toBe('│           │ line two of 19999 │');
    expect(lines.slice(3, -1).every((l) => l.startsWith('│ '))).toBe(true);
    expect(lines.at(-1)).toMatch(/^└─+┴─+┘$/);
  });
});

describe('conflict groups', () => {
  it('groups services by the versions they declare, most common first, ties by version text', () => {
    expect(versionGroups({ a: ['1.0'], b: ['2.0'], c: ['1.0'], d: ['1.0', '3.0'], e: ['0.9'] })).toEqual([
      { version: '1.0', services: ['a', 'c'] },
      { version: '0.9', services: ['e'] },
      { version: '1.0, 3.0', services: ['d'] },
      { version: '2.0', services: ['b'] },
    ]);
  });
});

describe('findings table', () => {
  it('lists ten locations and counts the rest', () => {
    const locations = Array.from({ length: 25 }, (_, i) => ({ path: `s${i}/requirements.txt`, line: 2 }));
    const r = { findings: [{ rule: 'duplicate', severity: 'warning', package: 'x', ecosystem: 'pypi', message: 'm', locations, data: {}, fingerprint: '0' }] } as unknown as ReportJson;
    const where = renderFindingsTable(r, { color: false }).split('\n').pop();
    expect(where).toBe(`  at ${locations.slice(0, 10).map((l) => `${l.path}:2`).join(', ')} and 15 more`);
  });
});
