/**
 * Golden outputs of every report format for both fixtures, compared byte for byte. The tool
 * version is replaced by VERSION_PLACEHOLDER so a release does not rewrite them.
 * Regenerate with: UPDATE_GOLDENS=1 npx vitest run test/report
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema, type ReportJson } from '../../src/report/schema.js';
import { AUDIT_OUTPUTS, auditGoldenDir, FIXTURES, goldenAdvisoryAudit, goldenAudit, goldenDir, goldenReport, OUTPUTS } from './golden-helpers.js';

function compareGolden(file: string, actual: string, dir = goldenDir): void {
  const full = path.join(dir, file);
  if (process.env.UPDATE_GOLDENS === '1') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(full, actual);
  }
  expect(existsSync(full), `${file} is missing (UPDATE_GOLDENS=1 to write it)`).toBe(true);
  expect(actual === readFileSync(full, 'utf8'), `${file} differs from its golden (UPDATE_GOLDENS=1 to accept)`).toBe(true);
}

describe.each(FIXTURES)('%s', (fixture) => {
  it.each(Object.keys(OUTPUTS) as (keyof typeof OUTPUTS)[])('%s matches its golden byte for byte', async (name) => {
    compareGolden(`${fixture}.${name}`, OUTPUTS[name](await goldenAudit(fixture), fixture));
  });

  it.each(Object.keys(AUDIT_OUTPUTS) as (keyof typeof AUDIT_OUTPUTS)[])('audit with the seed advisories: %s matches its golden byte for byte', async (name) => {
    compareGolden(`${fixture}.${name}`, AUDIT_OUTPUTS[name](await goldenAdvisoryAudit(fixture), fixture), auditGoldenDir);
  });

  it('the JSON report is a strict reportSchema document and is stable across runs', async () => {
    const a = await goldenReport(fixture);
    expect(reportSchema.parse(a)).toEqual(a);
    expect(JSON.stringify(await goldenReport(fixture))).toBe(JSON.stringify(a));
  });
});

describe('the goldens say what the issue asks', () => {
  const load = (f: string) => JSON.parse(readFileSync(path.join(goldenDir, f), 'utf8')) as ReportJson;
  it('seed-platform: fastapi 0.104.1 vs 0.116.0 is a minor version-conflict at error; the DRIFT.md drifts and nothing else', () => {
    const r = load('seed-platform.report.json');
    const fastapi = r.findings.find((f) => f.rule === 'version-conflict' && f.package === 'fastapi');
    expect(fastapi?.severity).toBe('error');
    expect(fastapi?.data).toEqual({ drift: 'minor', versions: { '0.104.1': ['market-data-ingestion'], '0.116.0': ['ai-behavioral-nudge-engine', 'risk-calculation-engine'] } });
    const drift = r.findings.filter((f) => f.rule !== 'duplicate').map((f) => `${f.rule} ${f.package} ${String(f.data.drift ?? '')}`.trim());
    expect(drift).toEqual(['version-conflict fastapi minor', 'version-conflict pydantic major', 'range-mismatch redis', 'version-conflict uvicorn patch']);
    expect(r.findings.filter((f) => f.rule === 'duplicate')).toHaveLength(21);
    expect(r.summary.conflictsByDrift).toEqual({ major: 1, minor: 1, patch: 1 });
  });
  it('seed-platform-consolidated: no findings, 21 packages in the base', () => {
    const r = load('seed-platform-consolidated.report.json');
    expect(r.findings).toEqual([]);
    expect(r.summary.baseCandidates.filter((c) => c.inBase)).toHaveLength(21);
    expect(r.summary.duplicationRatio).toBe(0);
  });
  it('polyglot-platform: the DRIFT.md findings across formats and ecosystems, and nothing else', () => {
    const r = load('polyglot-platform.report.json');
    const drift = r.findings.filter((f) => f.rule !== 'duplicate').map((f) => `${f.rule} ${f.ecosystem}:${f.package} ${String(f.data.drift ?? '')}`.trim());
    expect(drift.sort()).toEqual([
      'range-mismatch npm:axios',
      'range-mismatch pypi:numpy',
      'range-mismatch pypi:scikit-learn',
      'runtime-drift npm:node',
      'runtime-drift npm:node major',
      'runtime-drift pypi:python',
      'runtime-drift pypi:python minor',
      'unsatisfiable npm:react',
      'unsatisfiable pypi:fastapi',
      'unsatisfiable pypi:pydantic',
      'version-conflict npm:typescript minor',
      'version-conflict pypi:fastapi minor',
    ]);
    // conda's numpy and npm's requests are other packages than PyPI's: never compared with them.
    const numpy = r.packages.filter((p) => p.name === 'numpy').map((p) => p.ecosystem);
    expect(numpy).toEqual(['conda', 'pypi']);
    expect(r.packages.filter((p) => p.name === 'requests').map((p) => p.ecosystem)).toEqual(['npm', 'pypi']);
    // Build requirements are listed with their role, and are never drift or base candidates.
    const setuptools = r.manifests.flatMap((m) => m.declarations).filter((d) => d.name === 'setuptools');
    expect(setuptools.map((d) => d.role)).toEqual(['build']);
    expect(r.summary.baseCandidates.map((c) => c.package)).not.toContain('setuptools');
    expect(new Set(r.manifests.map((m) => m.kind))).toEqual(
      new Set(['conda', 'dockerfile', 'nvmrc', 'package-json', 'pipfile', 'pnpm-workspace', 'pyproject', 'python-version', 'requirements', 'setup-cfg', 'setup-py']),
    );
  });
});
