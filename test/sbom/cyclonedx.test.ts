/**
 * The CycloneDX SBOM from in-memory trees: which components, their purls, services and evidence;
 * reproducible output; vulnerabilities from `vulnerable` findings. Validated against the
 * CycloneDX 1.6 JSON Schema (with its spdx/jsf/cryptography-defs companions resolved locally)
 * by python jsonschema when ../shared and python are there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackageIndex } from '../../src/analysis/package-index.js';
import { renderCycloneDx } from '../../src/sbom/cyclonedx.js';
import { inventoryOf, type Files } from '../helpers/inventory.js';
import { auditTree, dbOf, record } from '../audit/helpers.js';

const SCHEMAS = path.resolve(import.meta.dirname, '../../../shared/schemas');
const goldenDir = path.resolve(import.meta.dirname, '../goldens/sbom');

interface Bom {
  components: Array<{ type: string; 'bom-ref': string; name: string; version?: string; purl?: string; properties?: Array<{ name: string; value: string }>; evidence?: { occurrences: Array<{ location: string; line: number }> }; externalReferences?: unknown[] }>;
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
  vulnerabilities?: Array<{ id: string; affects: Array<{ ref: string }>; references?: unknown[]; recommendation?: string }>;
  metadata: Record<string, unknown>;
  serialNumber?: string;
}

async function sbom(files: Files, extra: Partial<Parameters<typeof renderCycloneDx>[2]> = {}): Promise<Bom> {
  const inventory = await inventoryOf(files);
  return JSON.parse(renderCycloneDx(inventory, buildPackageIndex(inventory), { toolVersion: '9.9.9', ...extra })) as Bom;
}
const props = (c: Bom['components'][number], name: string) => (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
const libs = (b: Bom) => b.components.filter((c) => c.type === 'library');

describe('components', () => {
  it('one per distinct pinned version (PEP 440 equality), named by its PEP 503 name, with services and occurrences', async () => {
    const b = await sbom({ 'a/requirements.txt': 'Requests==2.31.0\nflask==3.0\n', 'b/requirements.txt': 'requests==2.31\nrequests_toolbelt==1.0.0\n', 'c/requirements.txt': '\nrequests==2.32.3\n' });
    expect(libs(b).map((c) => [c['bom-ref'], c.name, c.version, c.purl])).toEqual([
      ['pkg:pypi/flask@3.0', 'flask', '3.0', 'pkg:pypi/flask@3.0'],
      ['pkg:pypi/requests@2.31.0', 'requests', '2.31.0', 'pkg:pypi/requests@2.31.0'],
      ['pkg:pypi/requests@2.32.3', 'requests', '2.32.3', 'pkg:pypi/requests@2.32.3'],
      ['pkg:pypi/requests-toolbelt@1.0.0', 'requests-toolbelt', '1.0.0', 'pkg:pypi/requests-toolbelt@1.0.0'],
    ]);
    const r = libs(b)[1]!;
    expect(props(r, 'depaudit:service')).toEqual(['a', 'b']);
    expect(r.evidence!.occurrences).toEqual([{ location: 'a/requirements.txt', line: 1 }, { location: 'b/requirements.txt', line: 1 }]);
    expect(libs(b)[2]!.evidence!.occurrences).toEqual([{ location: 'c/requirements.txt', line: 2 }]);
  });

  it('ranges and unconstrained lines: one versionless component per package, flagged, with its specifiers', async () => {
    const b = await sbom({ 'a/requirements.txt': 'redis>=5.0\nnumpy\n', 'b/requirements.txt': 'redis<6,>=5\nredis==5.0.1\n' });
    expect(libs(b).map((c) => c['bom-ref'])).toEqual(['pkg:pypi/numpy', 'pkg:pypi/redis@5.0.1', 'pkg:pypi/redis']);
    const redis = libs(b)[2]!;
    expect(redis).not.toHaveProperty('version');
    expect(props(redis, 'depaudit:unpinned')).toEqual(['true']);
    expect(props(redis, 'depaudit:specifier')).toEqual(['<6,>=5', '>=5.0']);
    expect(props(libs(b)[0]!, 'depaudit:specifier')).toEqual(['*']);
  });

  it('direct references: URL, VCS and local path, each its own component', async () => {
    const b = await sbom({
      'a/requirements.txt': 'pkg @ https://example.com/pkg-1.0.tar.gz\n-e git+https://github.com/o/lib.git@0123456789abcdef0123456789abcdef01234567#egg=lib\n./local-pkg\n',
      'a/local-pkg/setup.py': '',
    });
    const byName = Object.fromEntries(libs(b).map((c) => [c.name, c]));
    expect(byName.pkg).toMatchObject({ purl: 'pkg:pypi/pkg?download_url=https:%2F%2Fexample.com%2Fpkg-1.0.tar.gz', externalReferences: [{ type: 'distribution', url: 'https://example.com/pkg-1.0.tar.gz' }] });
    expect(byName.lib).toMatchObject({ externalReferences: [{ type: 'vcs', url: expect.stringContaining('github.com/o/lib.git') }] });
    expect(props(byName.lib!, 'depaudit:source')).toEqual(['vcs']);
  });

  it('constraint-only lines install nothing: not components', async () => {
    const b = await sbom({ 'constraints.txt': 'numpy==1.26.2\nscipy==1.11\n', 'a/requirements.txt': '-c ../constraints.txt\nnumpy\n' });
    expect(libs(b).map((c) => c['bom-ref'])).toEqual(['pkg:pypi/numpy']);
  });

  it('a base file: components name every service that inherits them; services depend on what they declare', async () => {
    const b = await sbom({ 'shared/requirements.txt': 'fastapi==0.116.0\n', 'a/requirements.txt': '-r ../shared/requirements.txt\nuvicorn==0.30.6\n', 'b/requirements.txt': '-r ../shared/requirements.txt\n' });
    expect(props(libs(b)[0]!, 'depaudit:service')).toEqual(['a', 'b']);
    expect(b.dependencies).toEqual([
      { ref: 'depaudit:root', dependsOn: ['depaudit:service:a', 'depaudit:service:b'] },
      { ref: 'depaudit:service:a', dependsOn: ['pkg:pypi/fastapi@0.116.0', 'pkg:pypi/uvicorn@0.30.6'] },
      { ref: 'depaudit:service:b', dependsOn: ['pkg:pypi/fastapi@0.116.0'] },
    ]);
  });

  it('bom-refs are unique', async () => {
    const b = await sbom({ 'a/requirements.txt': 'x==1\nx>=1\nx @ https://e.com/x.whl\n', 'b/requirements.txt': 'x==1.0\nX==2\n' });
    const refs = b.components.map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
  });
});

describe('reproducible unless stamped', () => {
  it('no timestamp or serial number by default; the same bytes twice', async () => {
    const files = { 'a/requirements.txt': 'x==1\n' };
    const [one, two] = [await sbom(files), await sbom(files)];
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(one).not.toHaveProperty('serialNumber');
    expect(one.metadata).not.toHaveProperty('timestamp');
  });
  it('stamped: both fields', async () => {
    const b = await sbom({ 'a/requirements.txt': 'x==1\n' }, { stamp: { timestamp: '2024-01-01T00:00:00Z', serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000' } });
    expect(b.serialNumber).toBe('urn:uuid:00000000-0000-4000-8000-000000000000');
    expect(b.metadata.timestamp).toBe('2024-01-01T00:00:00Z');
  });
});

describe('vulnerabilities', () => {
  it('one entry per advisory, affecting the pinned components, with aliases and the upgrade', async () => {
    const files = { 'a/requirements.txt': 'requests==2.30.0\n', 'b/requirements.txt': 'requests==2.30\nrequests>=2.0\n' };
    const db = dbOf({ 'r.json': { ...record('x_V-1', 'requests', [{ introduced: '0' }, { fixed: '2.31.0' }]), aliases: ['CVE-0000-0009'], summary: 'Leak.' } });
    const findings = await auditTree(files, db);
    const b = await sbom(files, { findings: findings.map((f) => ({ ...f })) });
    expect(b.vulnerabilities).toEqual([
      {
        id: 'x_V-1', source: { name: 'OSV' }, references: [{ id: 'CVE-0000-0009', source: { name: 'CVE' } }], description: 'Leak.',
        recommendation: 'Upgrade requests to 2.31.0 or later', affects: [{ ref: 'pkg:pypi/requests@2.30.0' }],
      },
    ]);
  });
});

const python = spawnSync('python3', ['-c', 'import jsonschema, referencing']);
describe.skipIf(!existsSync(path.join(SCHEMAS, 'bom-1.6.schema.json')) || python.status !== 0)('the CycloneDX 1.6 JSON Schema (python jsonschema, Draft 7)', () => {
  it('accepts the goldens and in-memory BOMs, rejects a broken one', async () => {
    const goldens = ['seed-platform.cdx.json', 'seed-platform.vulnerable.cdx.json'].map((f) => JSON.parse(readFileSync(path.join(goldenDir, f), 'utf8')) as Bom);
    const edge = await sbom(
      { 'a/requirements.txt': 'pkg @ https://example.com/pkg-1.0.tar.gz\n-e git+https://github.com/o/lib.git@0123456789abcdef0123456789abcdef01234567#egg=lib\nx===weird\ny>=1\n' },
      { stamp: { timestamp: '2024-01-01T00:00:00Z', serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' } },
    );
    const broken = JSON.parse(JSON.stringify(goldens[0])) as Bom;
    delete (broken.components[3] as Partial<Bom['components'][number]>).name;
    const script = [
      'import json, sys, jsonschema',
      'from referencing import Registry, Resource',
      'data = json.load(sys.stdin)',
      'load = lambda f: json.load(open(f"{data[\'dir\']}/{f}"))',
      'companions = [load(f) for f in ["spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"]]',
      'registry = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in companions])',
      'bom = load("bom-1.6.schema.json")',
      'v = jsonschema.Draft7Validator(bom, registry=registry, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)',
      'print(json.dumps([[e.message for e in v.iter_errors(d)][:3] for d in data["docs"]]))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ dir: SCHEMAS, docs: [...goldens, edge, broken] }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const errors = JSON.parse(run.stdout) as string[][];
    expect(errors.slice(0, 3)).toEqual([[], [], []]);
    expect(errors[3]!.join()).toMatch(/'name' is a required property/);
  });
});
if (!existsSync(path.join(SCHEMAS, 'bom-1.6.schema.json'))) console.warn(`skipped CycloneDX schema validation: ${SCHEMAS} is absent`);
else if (python.status !== 0) console.warn('skipped CycloneDX schema validation: python3 with jsonschema and referencing is not available');
