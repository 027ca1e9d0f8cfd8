import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../../src/report/schema.js';
import { orderForAnnotations, renderGithub } from '../../src/report/github.js';
import { renderFindingsMarkdown } from '../../src/report/markdown.js';
import { renderFindingsTable, renderSummary } from '../../src/report/table.js';
import { goldenReport } from './golden-helpers.js';

type Finding = ReportJson['findings'][number];
const finding = (over: Partial<Finding>): Finding => ({
  rule: 'version-conflict', severity: 'error', package: 'pkg', ecosystem: 'pypi', message: 'm',
  locations: [{ path: 'a/requirements.txt', line: 1 }], data: {}, fingerprint: '0'.repeat(16), ...over,
});
const withFindings = async (findings: Finding[]): Promise<ReportJson> => ({ ...(await goldenReport('seed-platform-consolidated')), findings });

describe('github workflow commands', () => {
  it('escapes % CR LF in the message, and : , too in properties', async () => {
    const r = await withFindings([
      finding({ message: '100% sure\r\nsecond line: a, b', locations: [{ path: 'we,ird/dir:x/requirements%.txt', line: 3 }], package: 'a:b' }),
    ]);
    expect(renderGithub(r)).toBe(
      '::error file=we%2Cird/dir%3Ax/requirements%25.txt,line=3,title=depaudit version-conflict%3A a%3Ab::100%25 sure%0D%0Asecond line: a, b\n',
    );
  });
  it('errors first, then the rule that matters most; warnings as ::warning, no line for a whole-file finding, no file when there is no location', async () => {
    const r = await withFindings([
      finding({ rule: 'duplicate', severity: 'warning', message: 'w' }),
      finding({ rule: 'parse-error', package: null, message: 'e', locations: [{ path: 'x.txt', line: 0 }] }),
      finding({ rule: 'insecure-source', severity: 'warning', package: null, message: 'n', locations: [] }),
    ]);
    expect(renderGithub(r).split('\n')).toEqual([
      '::error file=x.txt,title=depaudit parse-error::e',
      '::warning title=depaudit insecure-source::n',
      '::warning file=a/requirements.txt,line=1,title=depaudit duplicate%3A pkg::w',
      '',
    ]);
  });
  it('one line per finding, nothing for none', async () => {
    expect(renderGithub(await withFindings([]))).toBe('');
  });
  it('a known vulnerability before drift, drift before tidiness; report order within a rule', async () => {
    const r = await withFindings([
      finding({ rule: 'version-conflict', package: 'a' }),
      finding({ rule: 'vulnerable', package: 'b' }),
      finding({ rule: 'unsatisfiable', package: 'c' }),
      finding({ rule: 'vulnerable', package: 'd' }),
      finding({ rule: 'duplicate', severity: 'warning', package: 'e' }),
      finding({ rule: 'vulnerable-range', severity: 'warning', package: 'f' }),
    ]);
    expect(orderForAnnotations(r.findings).map((f) => `${f.rule} ${f.package}`)).toEqual([
      'vulnerable b', 'vulnerable d', 'unsatisfiable c', 'version-conflict a', 'vulnerable-range f', 'duplicate e',
    ]);
  });
  it('paths get the prefix that makes them repository-relative', async () => {
    expect(renderGithub(await withFindings([finding({})]), 'svc/')).toBe('::error file=svc/a/requirements.txt,line=1,title=depaudit version-conflict%3A pkg::m\n');
  });
  it('past 10 errors or 10 warnings, a notice says how many GitHub will not show', async () => {
    const many = [...Array.from({ length: 12 }, (_, i) => finding({ package: `e${i}` })), ...Array.from({ length: 11 }, (_, i) => finding({ rule: 'duplicate', severity: 'warning', package: `w${i}` }))];
    const lines = renderGithub(await withFindings(many)).split('\n').filter(Boolean);
    expect(lines).toHaveLength(24);
    expect(lines[23]).toBe('::notice title=depaudit::23 findings; GitHub shows 10 errors and 10 warnings per step, so 3 are only in this log (the job summary from --format markdown lists all)');
    expect(renderGithub(await withFindings(many.slice(0, 10)))).not.toContain('::notice');
  });
});

describe('markdown', () => {
  it('escapes pipes and line breaks inside cells', async () => {
    const md = renderFindingsMarkdown(await withFindings([finding({ message: 'a | b\nc' })]));
    expect(md).toContain('| ❌ | `version-conflict` | pkg | `a/requirements.txt:1` | a \\| b<br>c |');
  });
  it('escapes < and & so GitHub does not take advisory text for HTML; several locations are one cell', async () => {
    const md = renderFindingsMarkdown(await withFindings([finding({ message: 'numpy<2 & <script>', locations: [{ path: 'a/requirements.txt', line: 1 }, { path: 'b/requirements.txt', line: 2 }] })]));
    expect(md).toContain('| ❌ | `version-conflict` | pkg | `a/requirements.txt:1`<br>`b/requirements.txt:2` | numpy&lt;2 &amp; &lt;script> |');
  });
  it('says so when there is nothing', async () => {
    expect(renderFindingsMarkdown(await withFindings([]))).toBe('No findings.\n');
  });
});

describe('table', () => {
  it('colour only when the context asks for it', async () => {
    const r = await withFindings([finding({})]);
    expect(renderFindingsTable(r, { color: false })).not.toContain('\u001b[');
    expect(renderSummary(r, { color: false })).not.toContain('\u001b[');
    expect(renderFindingsTable(r, { color: true })).toContain('\u001b[31merror  \u001b[0m');
  });
  it('a whole-file location has no :0', async () => {
    const r = await withFindings([finding({ locations: [{ path: 'x.txt', line: 0 }] })]);
    expect(renderFindingsTable(r, { color: false })).toMatch(/at x\.txt$/);
    expect(renderFindingsTable(r, { color: false })).not.toContain('x.txt:0');
  });
});
