/**
 * Reports for the HTML tests, built on a real one: declarations, findings and the summary are
 * spread from the seed-platform report, so they stay valid as the report contract grows.
 */
import type { ReportJson } from '../../src/report/schema.js';
import { goldenReport } from '../report/golden-helpers.js';

type Package = ReportJson['packages'][number];
type Finding = ReportJson['findings'][number];
type BaseCandidate = ReportJson['summary']['baseCandidates'][number];
export type Ecosystem = Package['ecosystem'];

export interface SyntheticDecl {
  service: string;
  specifier: string;
  manifest?: string;
  line?: number;
  marker?: string | null;
  inherited?: boolean;
  constraint?: boolean;
}

export interface SyntheticPackage {
  name: string;
  /** Any string: the renderer must cope with ecosystems the contract does not list yet. */
  ecosystem?: string;
  decls: SyntheticDecl[];
}

export const manifestOf = (service: string) => `services/${service}/requirements.txt`;

export async function syntheticReport(
  services: string[],
  packages: SyntheticPackage[],
  extra: { baseCandidates?: Array<Partial<BaseCandidate>>; findings?: Array<Partial<Finding>> } = {},
): Promise<ReportJson> {
  const seed = await goldenReport('seed-platform');
  const declTemplate = seed.packages[0]!.services[0]!.declarations[0]!;
  const findingTemplate = seed.findings[0]!;
  const baseTemplate = seed.summary.baseCandidates[0]!;
  return {
    ...seed,
    services: services.map((name) => ({ name, path: `services/${name}`, manifests: [manifestOf(name)] })),
    summary: {
      ...seed.summary,
      services: services.length,
      distinctPackages: packages.length,
      conflicts: [],
      conflictsByDrift: {},
      baseCandidates: (extra.baseCandidates ?? []).map((c) => ({ ...baseTemplate, ...c })),
      serviceSpecific: {},
    },
    packages: packages.map((p) => {
      const byService = new Map<string, SyntheticDecl[]>();
      for (const d of p.decls) byService.set(d.service, [...(byService.get(d.service) ?? []), d]);
      return {
        name: p.name,
        ecosystem: (p.ecosystem ?? 'pypi') as Ecosystem,
        services: [...byService].map(([service, decls]) => ({
          service,
          declarations: decls.map((d, i) => ({
            ...declTemplate,
            manifest: d.manifest ?? manifestOf(service),
            line: d.line ?? i + 1,
            specifier: d.specifier,
            marker: d.marker ?? null,
            inherited: d.inherited ?? false,
            constraint: d.constraint ?? false,
          })),
        })),
      };
    }),
    findings: (extra.findings ?? []).map((f) => ({ ...findingTemplate, ...f })),
  };
}

/** `count` services named svc-000, svc-001, ... */
export const serviceNames = (count: number) => Array.from({ length: count }, (_, i) => `svc-${String(i).padStart(3, '0')}`);

/**
 * A platform of `services` x `packages`: package i is declared by the first services (fewer
 * as i grows), pinned to one of three minor versions, and every seventh one with a range.
 */
export async function largeReport(services: number, packages: number): Promise<ReportJson> {
  const names = serviceNames(services);
  const pkgs: SyntheticPackage[] = Array.from({ length: packages }, (_, i) => {
    const users = Math.max(1, services - Math.floor((i * services) / (2 * packages)));
    return {
      name: `package-${String(i).padStart(4, '0')}`,
      decls: names.slice(0, users).map((service, j) => ({
        service,
        specifier: j % 7 === 3 ? '>=1.0,<3' : `==1.${(i + j) % 3}.${j % 2}`,
        line: i + 1,
      })),
    };
  });
  return syntheticReport(names, pkgs);
}
