import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 as nodeCrc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, listZip, readZipEntry } from '../../src/audit/zip.js';
import { loadAdvisories } from '../../src/audit/load.js';
import { matchPin } from '../../src/audit/match.js';
import { parseVersion } from '../../src/pep440/index.js';
import { makeZip } from './zip-writer.js';

const rec = (id: string, fixed: string) =>
  JSON.stringify({ id, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }] });

const read = (zip: Buffer) => {
  const l = listZip(zip);
  if (!l.ok) return l;
  return l.value.map((e) => ({ name: e.name, data: readZipEntry(zip, e) }));
};

describe('crc32', () => {
  it.skipIf(typeof nodeCrc32 !== 'function')('agrees with node:zlib', () => {
    for (const s of ['', 'a', 'hello world', '\u00ff'.repeat(1000)]) expect(crc32(Buffer.from(s))).toBe(nodeCrc32(Buffer.from(s)));
  });
});

describe('listZip / readZipEntry', () => {
  it('stored and deflated entries', () => {
    const r = read(makeZip([{ name: 'a.json', data: 'stored', method: 0 }, { name: 'dir/b.json', data: 'deflated '.repeat(100) }]));
    expect(r).toEqual([
      { name: 'a.json', data: { ok: true, value: Buffer.from('stored') } },
      { name: 'dir/b.json', data: { ok: true, value: Buffer.from('deflated '.repeat(100)) } },
    ]);
  });
  it('ZIP64 end records and extra fields', () => {
    const r = read(makeZip([{ name: 'a.json', data: 'x'.repeat(70) }, { name: 'b.json', data: 'y' }], { zip64: true }));
    expect(Array.isArray(r) && r.map((e) => e.data.ok && e.data.value.toString())).toEqual(['x'.repeat(70), 'y']);
  });
  it.each([
    ['a zip bomb (claims 10 bytes, inflates to 1 MB)', { name: 'a.json', data: Buffer.alloc(1 << 20), claimSize: 10 }, /inflated to 11 bytes|cannot inflate/],
    ['an entry over the size limit', { name: 'a.json', data: Buffer.alloc(10), claimSize: 64 * 1024 * 1024 }, /over the 16777216-byte limit/],
    ['a CRC mismatch', { name: 'a.json', data: 'abc', claimCrc: 1 }, /CRC-32 mismatch/],
    ['an encrypted entry', { name: 'a.json', data: 'abc', flags: 0x801 }, /encrypted/],
    ['an unsupported method (bzip2)', { name: 'a.json', data: 'abc', method: 12 as const }, /compression method 12 is not supported/],
  ])('refuses %s', (_, entry, re) => {
    const r = read(makeZip([entry]));
    expect(Array.isArray(r)).toBe(true);
    const d = (r as Array<{ data: { ok: boolean; error?: string } }>)[0]!.data;
    expect(d.ok).toBe(false);
    expect(d.error).toMatch(re);
  });
  it.each([
    ['not a zip', Buffer.from('hello'.repeat(10)), /no end of central directory/],
    ['a truncated central directory', makeZip([{ name: 'a.json', data: 'x' }]).subarray(30 + 6 + 3), /outside the file|damaged|no end/],
  ])('%s is an error, not a crash', (_, bytes, re) => {
    const r = listZip(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
});

describe('loadAdvisories from an OSV zip export', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'depaudit-zip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('reads every JSON entry, reports broken ones, finds the pins', () => {
    const file = path.join(dir, 'all.zip');
    writeFileSync(file, makeZip([
      { name: 'x_Z-1.json', data: rec('x_Z-1', '2.0') },
      { name: 'x_Z-2.json', data: rec('x_Z-2', '3.0'), method: 0 },
      { name: 'bad.json', data: '{', method: 0 },
      { name: 'lying.json', data: rec('x_Z-3', '9'), claimCrc: 7 },
      { name: 'notes.txt', data: 'ignored' },
    ]));
    const db = loadAdvisories(file);
    expect(db.stats).toMatchObject({ files: 3, records: 2, indexed: 2 });
    const problems = db.diagnostics.map((d) => `${d.source}: ${d.message}`);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^all\.zip!bad\.json: skipped: not valid JSON: /);
    expect(problems[1]).toBe('all.zip!lying.json: skipped: CRC-32 mismatch');
    expect(matchPin(db, 'requests', { version: parseVersion('2.5'), text: '2.5' }).map((m) => m.advisory)).toEqual(['x_Z-2']);
  });
  it('a zip that is not one: one diagnostic', () => {
    const file = path.join(dir, 'broken.zip');
    writeFileSync(file, 'PK not really');
    expect(loadAdvisories(file).diagnostics).toEqual([{ source: 'broken.zip', severity: 'error', message: 'skipped: not a ZIP file (no end of central directory record)' }]);
  });
});
