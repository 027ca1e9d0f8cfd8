import { describe, expect, it } from 'vitest';
import { parseOsvText } from '../../src/audit/osv.js';
import { summaryOf } from '../../src/audit/db.js';

describe('parseOsvText', () => {
  it('reads YAML with numbers left as text (1.10 is not 1.1) and nulls as absent', () => {
    const r = parseOsvText('id: x_A\naliases:\nsummary: ~\naffected:\n- package: {ecosystem: PyPI, name: a}\n  versions: [1.10, 2]\n  ranges:\n  - type: ECOSYSTEM\n    events: [{introduced: 0}, {fixed: 1.10}]\n', 'yaml');
    expect(r.ok && r.value[0]).toMatchObject({ id: 'x_A', aliases: [], summary: null, affected: [{ versions: ['1.10', '2'], ranges: [{ events: [{ introduced: '0' }, { fixed: '1.10' }] }] }] });
  });
  it('reads a JSON array of records, and a single record', () => {
    expect(parseOsvText('[{"id":"x_A"},{"id":"x_B"}]', 'json')).toMatchObject({ ok: true, value: [{ id: 'x_A' }, { id: 'x_B' }] });
    expect(parseOsvText('{"id":"x_A","extra":{"ignored":true}}', 'json')).toMatchObject({ ok: true, value: [{ id: 'x_A', affected: [] }] });
  });
  it.each([
    ['broken JSON', '{"id":', 'json', /^not valid JSON: /],
    ['broken YAML', 'id: [\n', 'yaml', /^not valid YAML: /],
    ['no id', '{"affected":[]}', 'json', /^not an OSV record: id: /],
    ['a number where a version belongs', '{"id":"x","affected":[{"versions":[1.1]}]}', 'json', /^not an OSV record: affected\.0\.versions\.0: /],
    ['two kinds in one event', '{"id":"x","affected":[{"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0","fixed":"1"}]}]}]}', 'json', /exactly one of introduced, fixed, last_affected, limit/],
    ['an unknown range type', '{"id":"x","affected":[{"ranges":[{"type":"DATE","events":[]}]}]}', 'json', /affected\.0\.ranges\.0\.type/],
    ['the second record of an array', '[{"id":"x"},{"id":3}]', 'json', /^not an OSV record: 1\.id: /],
    ['a YAML alias bomb', `a: &a [x,x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\n`, 'yaml', /^not valid YAML: /],
  ] as const)('rejects %s with a message', (_, text, kind, re) => {
    const r = parseOsvText(text, kind);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
});

describe('summaryOf', () => {
  const base = { id: 'x', aliases: [], affected: [], modified: null, withdrawn: null };
  it('the summary, else the first sentence of the details, whitespace collapsed', () => {
    expect(summaryOf({ ...base, summary: '  Leak\n of  headers ', details: 'x' })).toBe('Leak of headers');
    expect(summaryOf({ ...base, summary: null, details: 'Versions before 2.0 leak.\r\rMore text. Even more.' })).toBe('Versions before 2.0 leak.');
    expect(summaryOf({ ...base, summary: null, details: 'No sentence end' })).toBe('No sentence end');
    expect(summaryOf({ ...base, summary: null, details: null })).toBe('');
  });
  it('at most 200 characters', () => {
    const s = summaryOf({ ...base, summary: 'a'.repeat(500), details: null });
    expect(s).toHaveLength(200);
    expect(s.endsWith('…')).toBe(true);
  });
});
