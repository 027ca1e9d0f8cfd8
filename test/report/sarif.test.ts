/**
 * SARIF: the goldens validate against the OASIS SARIF 2.1.0 schema (python jsonschema, Draft 4,
 * when ../shared and python are there), and carry what GitHub code scanning requires: every rule
 * described, results at repo-relative URIs with a startLine, and the primaryLocationLineHash the
 * upload action would compute from the file on disk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineHashes } from '../../src/report/line-hash.js';
import { renderSarif, type SarifContext } from '../../src/report/sarif.js';
import { RULE_IDS } from '../../src/analysis/finding.js';
import { loadRuleDocs } from '../../src/report/rule-docs.js';
import type { ReportJson } from '../../src/report/schema.js';
import { auditGoldenDir, FIXTURES, goldenDir, goldenReport } from './golden-helpers.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const SCHEMA = path.resolve(repoRoot, '../shared/schemas/sarif-schema-2.1.0.json');
const goldens = [
  ...FIXTURES.map((f) => path.join(goldenDir, `${f}.check.sarif`)),
  ...FIXTURES.map((f) => path.join(auditGoldenDir, `${f}.audit.sarif`)),
];

interface Sarif {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, any>> } };
    results: Array<Record<string, any>>;
  }>;
}
const load = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Sarif;

describe.each(goldens.map((g) => [path.basename(g), g] as const))('%s', (_, file) => {
  const log = load(file);
  const run = log.runs[0]!;
  it('one run; the driver and every rule described as GitHub requires', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'depaudit', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULE_IDS.map((id) => `depaudit/${id}`));
    for (const r of run.tool.driver.rules) {
      for (const k of ['shortDescription', 'fullDescription']) expect(r[k].text.length, `${r.id} ${k}`).toBeGreaterThan(10);
      expect(r.shortDescription.text.length).toBeLessThanOrEqual(1024);
      expect(r.help.text).toContain(`# ${r.id.slice('depaudit/'.length)}\n`);
      expect(r.help.markdown).toBe(r.help.text);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
  });
  it('results: a known rule, error/warning, text, a repo-relative URI, a startLine, the line hash GitHub computes', () => {
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(['error', 'warning']).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      const uri = decodeURIComponent(loc.artifactLocation.uri);
      expect(uri).toMatch(/^fixtures\/[^:]+$/);
      expect(existsSync(path.join(repoRoot, uri)), uri).toBe(true);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      // As codeql-action's upload does: read the file (repo-relative) as UTF-8 and hash its lines.
      const text = readFileSync(path.join(repoRoot, uri), 'utf8');
      expect(res.partialFingerprints.primaryLocationLineHash).toBe(lineHashes(text)[loc.region.startLine - 1]);
      expect(res.partialFingerprints['depaudit/v1']).toMatch(/^[0-9a-f]{16}$/);
      expect((res.relatedLocations ?? []).length).toBeLessThan(1000);
    }
  });
});

describe('renderSarif edge cases', () => {
  const ctx = (sources: Record<string, string>): SarifContext => ({
    toolVersion: '1.2.3', rules: loadRuleDocs().map((doc) => ({ doc, severity: doc.defaultSeverity })), sources: new Map(Object.entries(sources)), pathPrefix: 'repo dir/',
  });
  const withFindings = async (findings: ReportJson['findings']) => ({ ...(await goldenReport('seed-platform-consolidated')), findings });
  const f = (over: Partial<ReportJson['findings'][number]>): ReportJson['findings'][number] => ({
    rule: 'parse-error', severity: 'error', package: null, ecosystem: 'pypi', message: 'm', locations: [{ path: 'a/requirements.txt', line: 0 }], data: {}, fingerprint: 'f'.repeat(16), ...over,
  });
  it('a whole-file finding points at line 1 and hashes line 1; URIs are percent-encoded', async () => {
    const out = JSON.parse(renderSarif(await withFindings([f({})]), ctx({ 'a/requirements.txt': 'x==1\n' }))) as Sarif;
    const res = out.runs[0]!.results[0]!;
    expect(res.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'repo%20dir/a/requirements.txt', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    expect(res.partialFingerprints.primaryLocationLineHash).toBe(lineHashes('x==1\n')[0]);
  });
  it('no location: no locations and no line hash; an unknown file: no line hash', async () => {
    const out = JSON.parse(renderSarif(await withFindings([f({ locations: [] }), f({ locations: [{ path: 'gone.txt', line: 3 }] })]), ctx({}))) as Sarif;
    expect(out.runs[0]!.results[0]).not.toHaveProperty('locations');
    expect(out.runs[0]!.results[0]!.partialFingerprints).toEqual({ 'depaudit/v1': 'f'.repeat(16) });
    expect(out.runs[0]!.results[1]!.partialFingerprints).toEqual({ 'depaudit/v1': 'f'.repeat(16) });
  });
  it('at most 999 related locations (GitHub accepts 1,000 per result)', async () => {
    const locations = Array.from({ length: 1500 }, (_, i) => ({ path: 'a/requirements.txt', line: i + 1 }));
    const out = JSON.parse(renderSarif(await withFindings([f({ locations })]), ctx({}))) as Sarif;
    expect(out.runs[0]!.results[0]!.relatedLocations).toHaveLength(999);
  });
  it('a rule turned off is declared disabled', () => {
    const c = ctx({});
    c.rules = c.rules.map((r) => (r.doc.id === 'unpinned' ? { ...r, severity: 'off' as const } : r));
    const rule = (JSON.parse(renderSarif({ findings: [] } as unknown as ReportJson, c)) as Sarif).runs[0]!.tool.driver.rules.find((r) => r.id === 'depaudit/unpinned')!;
    expect(rule.defaultConfiguration).toEqual({ level: 'note', enabled: false });
  });
});

const python = spawnSync('python3', ['-c', 'import jsonschema']);
describe.skipIf(!existsSync(SCHEMA) || python.status !== 0)('the OASIS SARIF 2.1.0 schema (python jsonschema, Draft 4)', () => {
  it('accepts every golden and rejects a broken log', () => {
    const script = [
      'import json, sys, jsonschema',
      'data = json.load(sys.stdin)',
      'schema = json.load(open(data["schema"]))',
      'v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)',
      'print(json.dumps([[e.message for e in v.iter_errors(d)][:3] for d in data["docs"]]))',
    ].join('\n');
    const broken = load(goldens[0]!);
    broken.runs[0]!.results[0]!.level = 'critical';
    const docs = [...goldens.map(load), broken];
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ schema: SCHEMA, docs }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const errors = JSON.parse(run.stdout) as string[][];
    expect(errors.slice(0, -1)).toEqual(goldens.map(() => []));
    expect(errors.at(-1)!.length).toBeGreaterThan(0);
  });
});
if (!existsSync(SCHEMA)) console.warn(`skipped SARIF schema validation: ${SCHEMA} is absent`);
else if (python.status !== 0) console.warn('skipped SARIF schema validation: python3 with jsonschema is not available');
