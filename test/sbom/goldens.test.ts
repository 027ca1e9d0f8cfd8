/** SBOM goldens for seed-platform, byte for byte (tool version replaced); UPDATE_GOLDENS=1 to rewrite. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/pipeline.js';
import { buildPackageIndex } from '../../src/analysis/package-index.js';
import { ADVISORY_RULES } from '../../src/audit/rule-options.js';
import { renderCycloneDx } from '../../src/sbom/cyclonedx.js';
import { SEED_ADVISORIES, VERSION_PLACEHOLDER } from '../report/golden-helpers.js';

export const sbomGoldenDir = path.resolve(import.meta.dirname, '../goldens/sbom');
const seed = path.resolve(import.meta.dirname, '../../fixtures/seed-platform');

async function render(advisories: boolean): Promise<string> {
  const a = await audit(seed, { maxFileSize: 5 * 1024 * 1024, only: advisories ? ADVISORY_RULES : [], ...(advisories ? { advisories: SEED_ADVISORIES } : {}) });
  return renderCycloneDx(a.inventory, buildPackageIndex(a.inventory), { toolVersion: VERSION_PLACEHOLDER, ...(advisories ? { findings: a.report.findings } : {}) });
}

describe.each([
  ['seed-platform.cdx.json', false],
  ['seed-platform.vulnerable.cdx.json', true],
] as const)('%s', (file, advisories) => {
  it('matches its golden byte for byte', async () => {
    const actual = await render(advisories);
    const full = path.join(sbomGoldenDir, file);
    if (process.env.UPDATE_GOLDENS === '1') {
      mkdirSync(sbomGoldenDir, { recursive: true });
      writeFileSync(full, actual);
    }
    expect(existsSync(full), `${file} is missing (UPDATE_GOLDENS=1 to write it)`).toBe(true);
    expect(actual === readFileSync(full, 'utf8'), `${file} differs from its golden (UPDATE_GOLDENS=1 to accept)`).toBe(true);
  });
});

describe('what the seed-platform SBOM says', () => {
  const bom = () => JSON.parse(readFileSync(path.join(sbomGoldenDir, 'seed-platform.vulnerable.cdx.json'), 'utf8')) as {
    components: Array<{ type: string; 'bom-ref': string; properties?: Array<{ name: string; value: string }> }>;
    vulnerabilities: Array<{ id: string; affects: Array<{ ref: string }> }>;
  };
  it('fastapi at both pinned versions; redis pinned and ranged; the services that declare each', () => {
    const refs = bom().components.filter((c) => c.type === 'library').map((c) => c['bom-ref']);
    expect(refs).toEqual(expect.arrayContaining(['pkg:pypi/fastapi@0.104.1', 'pkg:pypi/fastapi@0.116.0', 'pkg:pypi/redis@5.0.1', 'pkg:pypi/redis']));
    const fastapi = bom().components.find((c) => c['bom-ref'] === 'pkg:pypi/fastapi@0.116.0')!;
    expect(fastapi.properties!.filter((p) => p.name === 'depaudit:service').map((p) => p.value)).toEqual(['ai-behavioral-nudge-engine', 'risk-calculation-engine']);
  });
  it('the vulnerable pins as vulnerabilities', () => {
    expect(bom().vulnerabilities.map((v) => `${v.id} ${v.affects.map((a) => a.ref).join(',')}`)).toEqual([
      'x_SEED-0001 pkg:pypi/fastapi@0.104.1',
      'x_SEED-0002 pkg:pypi/black@23.9.1',
      'x_SEED-0004 pkg:pypi/redis@5.0.1',
      'x_SEED-0006 pkg:pypi/uvicorn@0.30.1',
    ]);
  });
});
