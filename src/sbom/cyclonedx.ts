/**
 * CycloneDX 1.6 JSON: the repository's declared packages as an SBOM. One `library` component per
 * distinct (ecosystem, package, version) pinned anywhere, one per package declared only with a
 * range (no version, `depaudit:unpinned`), one per direct reference (URL, VCS, local path); each
 * names the services that install it (`depaudit:service`) and where it is declared
 * (`evidence.occurrences`). Services are `application` components whose `dependencies` list what
 * they declare. Lines reached only through `-c` install nothing and are not components.
 * Reproducible: no timestamp or serial number unless asked (`stamp`), and everything sorted.
 */
import { pushTo } from '../collections.js';
import type { Inventory } from '../inventory/model.js';
import type { PackageIndex, PackageUse } from '../analysis/package-index.js';
import { exactPin, groupByPin, formatVersion } from '../analysis/pins.js';
import type { ReportJson } from '../report/schema.js';
import { parseVersion, compareVersions } from '../pep440/index.js';
import { purl } from './purl.js';
import type { Ecosystem } from '../model/declaration.js';

export const CYCLONEDX_SCHEMA = 'http://cyclonedx.org/schema/bom-1.6.schema.json';

export interface SbomOptions {
  toolVersion: string;
  /** `metadata.timestamp` and `serialNumber`: a BOM instance, no longer reproducible. */
  stamp?: { timestamp: string; serialNumber: string };
  /** `vulnerable` findings (from --advisories) to record as `vulnerabilities`. */
  findings?: ReportJson['findings'];
}

interface Property {
  name: string;
  value: string;
}

interface Component {
  type: 'library' | 'application';
  'bom-ref': string;
  name: string;
  version?: string;
  purl?: string;
  externalReferences?: Array<{ type: 'distribution' | 'vcs'; url: string }>;
  properties?: Property[];
  evidence?: { occurrences: Array<{ location: string; line: number }> };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const serviceRef = (name: string) => `depaudit:service:${name}`;
const ROOT_REF = 'depaudit:root';

function occurrences(uses: PackageUse[]) {
  const seen = new Map<string, { location: string; line: number }>();
  for (const u of uses) seen.set(`${u.manifest}\0${u.line}`, { location: u.manifest, line: u.line });
  return [...seen.values()].sort((a, b) => cmp(a.location, b.location) || a.line - b.line);
}

function libraryComponent(ref: string, name: string, uses: PackageUse[], extra: Partial<Component>, flags: Property[]): Component {
  const services = [...new Set(uses.map((u) => u.service))].sort(cmp);
  return {
    type: 'library',
    'bom-ref': ref,
    name,
    ...extra,
    properties: [...services.map((s) => ({ name: 'depaudit:service', value: s })), ...flags],
    evidence: { occurrences: occurrences(uses) },
  };
}

/** The components of one package, in order: pinned versions ascending, the unpinned one, direct references. */
function packageComponents(name: string, ecosystem: Ecosystem, uses: PackageUse[], owners: Map<string, Set<string>>): Component[] {
  const out: Component[] = [];
  const own = (ref: string, us: PackageUse[]) => us.forEach((u) => owners.get(u.service)?.add(ref));
  // purl-spec spelling from the first declaration; grouping is by PEP 503 name (the index key).
  const spelled = uses.find((u) => u.declaration.rawName)?.declaration.rawName ?? name;
  const index = uses.filter((u) => u.declaration.source === 'index');
  for (const g of groupByPin(index)) {
    const version = g.pin.version ? formatVersion(g.pin.version) : g.pin.text;
    const ref = purl(ecosystem, spelled, version);
    out.push(libraryComponent(ref, name, g.uses, { version, purl: ref }, g.pin.arbitrary ? [{ name: 'depaudit:arbitraryEquality', value: 'true' }] : []));
    own(ref, g.uses);
  }
  const ranged = index.filter((u) => !exactPin(u.specifiers));
  if (ranged.length > 0) {
    const ref = purl(ecosystem, spelled, null);
    const specs = [...new Set(ranged.map((u) => u.declaration.specifier))].sort(cmp);
    out.push(libraryComponent(ref, name, ranged, { purl: ref }, [{ name: 'depaudit:unpinned', value: 'true' }, ...specs.map((s) => ({ name: 'depaudit:specifier', value: s === '' ? '*' : s }))]));
    own(ref, ranged);
  }
  const direct = new Map<string, PackageUse[]>();
  for (const u of uses) {
    if (u.declaration.source === 'index') continue;
    const key = `${u.declaration.source}\0${u.declaration.url ?? u.declaration.path ?? ''}`;
    pushTo(direct, key, u);
  }
  for (const [, us] of [...direct].sort(([a], [b]) => cmp(a, b))) {
    const d = us[0]!.declaration;
    const flags = [{ name: 'depaudit:source', value: d.source }];
    if (d.path !== null) {
      const ref = `depaudit:path:${d.path}#${name}`;
      out.push(libraryComponent(ref, name, us, {}, [...flags, { name: 'depaudit:path', value: d.path }]));
      own(ref, us);
    } else if (d.url !== null) {
      const vcs = d.source === 'vcs';
      const ref = purl(ecosystem, spelled, null, { [vcs ? 'vcs_url' : 'download_url']: d.url });
      out.push(libraryComponent(ref, name, us, { purl: ref, externalReferences: [{ type: vcs ? 'vcs' : 'distribution', url: d.url }] }, flags));
      own(ref, us);
    }
  }
  return out;
}

interface Vulnerability {
  id: string;
  source: { name: string };
  references?: Array<{ id: string; source: { name: string } }>;
  description: string;
  recommendation?: string;
  affects: Array<{ ref: string }>;
}

/** `vulnerable` findings as CycloneDX vulnerabilities, each pointing at the pinned component. */
function vulnerabilities(findings: ReportJson['findings'], components: Component[]): Vulnerability[] {
  const sameVersion = (a: string, b: string) => {
    const [va, vb] = [parseVersion(a), parseVersion(b)];
    return va && vb ? compareVersions(va, vb) === 0 : a.toLowerCase() === b.toLowerCase();
  };
  const out = new Map<string, Vulnerability>();
  for (const f of findings) {
    if (f.rule !== 'vulnerable' || f.package === null) continue;
    const d = f.data as { advisory: string; advisories: string[]; aliases: string[]; summary: string; version: string; upgradeTo: string | null };
    const pinned = d.version.replace(/^===/, '');
    const component = components.find((c) => c.name === f.package && c.version !== undefined && sameVersion(c.version, pinned));
    if (!component) continue;
    let v = out.get(d.advisory);
    if (!v) {
      const others = [...d.advisories.slice(1), ...d.aliases];
      v = {
        id: d.advisory,
        source: { name: 'OSV' },
        ...(others.length > 0 ? { references: others.map((id) => ({ id, source: { name: id.split('-')[0]! } })) } : {}),
        description: d.summary,
        ...(d.upgradeTo ? { recommendation: `Upgrade ${f.package} to ${d.upgradeTo} or later` } : {}),
        affects: [],
      };
      out.set(d.advisory, v);
    }
    if (!v.affects.some((a) => a.ref === component['bom-ref'])) v.affects.push({ ref: component['bom-ref'] });
  }
  for (const v of out.values()) v.affects.sort((a, b) => cmp(a.ref, b.ref));
  return [...out.values()].sort((a, b) => cmp(a.id, b.id));
}

export function renderCycloneDx(inventory: Inventory, index: PackageIndex, opts: SbomOptions): string {
  const owners = new Map(inventory.services.map((s) => [s.name, new Set<string>()]));
  const libraries: Component[] = [];
  for (const entry of index.packages.values()) {
    const installed = entry.uses.filter((u) => !u.constraint);
    if (installed.length > 0) libraries.push(...packageComponents(entry.name, entry.ecosystem, installed, owners));
  }
  const services: Component[] = inventory.services.map((s) => ({
    type: 'application',
    'bom-ref': serviceRef(s.name),
    name: s.name,
    properties: [{ name: 'depaudit:path', value: s.path }, ...s.manifests.map((m) => ({ name: 'depaudit:manifest', value: m }))],
  }));
  const components = [...services, ...libraries];
  const vulns = opts.findings ? vulnerabilities(opts.findings, libraries) : [];
  const bom = {
    $schema: CYCLONEDX_SCHEMA,
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    ...(opts.stamp ? { serialNumber: opts.stamp.serialNumber } : {}),
    version: 1,
    metadata: {
      ...(opts.stamp ? { timestamp: opts.stamp.timestamp } : {}),
      tools: { components: [{ type: 'application', name: 'depaudit', version: opts.toolVersion }] },
      component: { type: 'application', 'bom-ref': ROOT_REF, name: inventory.rootName },
    },
    components,
    dependencies: [
      { ref: ROOT_REF, dependsOn: services.map((s) => s['bom-ref']) },
      ...inventory.services.map((s) => ({ ref: serviceRef(s.name), dependsOn: [...owners.get(s.name)!].sort(cmp) })),
    ],
    ...(vulns.length > 0 ? { vulnerabilities: vulns } : {}),
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}
