/**
 * The versioned JSON inventory: the contract security reviewers consume. Keys are written in a
 * fixed order and every list is sorted, so two runs on the same tree print the same bytes.
 */
import { pushTo } from '../collections.js';
import { ecosystemOf, roleOf, type Declaration } from '../model/declaration.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import type { Inventory, InventoryManifest } from '../inventory/model.js';
import type { PackageIndex } from '../analysis/package-index.js';
import type { Summary } from '../analysis/summary.js';
import type { Finding } from '../analysis/finding.js';
import { SCHEMA_VERSION, type ReportJson } from './schema.js';

export { SCHEMA_VERSION };

export interface ToolInfo {
  name: 'depaudit';
  version: string;
}

export function declarationJson(d: Declaration) {
  return {
    name: d.name,
    rawName: d.rawName,
    line: d.line,
    endLine: d.endLine,
    span: d.byteSpan ? ([d.byteSpan.start, d.byteSpan.end] as [number, number]) : null,
    text: d.text,
    requirement: d.requirement,
    specifier: d.specifier,
    extras: d.extras,
    marker: d.marker,
    url: d.url,
    path: d.path,
    source: d.source,
    editable: d.editable,
    hashes: d.hashes,
    configSettings: d.configSettings,
    constraint: d.constraint,
    group: d.group,
    unexpandedVars: d.unexpandedVars,
    comment: d.comment,
    ecosystem: ecosystemOf(d),
    role: roleOf(d),
    dialect: d.dialect ?? 'pip-line',
    written: d.written ?? null,
  };
}

export function diagnosticJson(d: Diagnostic) {
  return { line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message };
}

function manifestJson(m: InventoryManifest) {
  // A service's own manifest is installed on its own too (`pip install -r prod.txt`), even when a
  // sibling pulls it in with -c; only a base file reached solely through -c is constraints-only.
  // This matches packages[].declarations[].constraint, which follows each service's includes.
  const constraintOnly = m.role === 'base' && m.includedAs.length === 1 && m.includedAs[0] === 'constraint';
  return {
    path: m.path,
    kind: m.kind,
    service: m.service,
    role: m.role,
    includedAs: m.includedAs,
    encoding: m.encoding,
    bom: m.bom,
    newline: (m.newline === '\n' ? 'lf' : m.newline === '\r\n' ? 'crlf' : 'cr') as 'lf' | 'crlf' | 'cr',
    includes: m.includes.map((i) => ({ line: i.line, kind: i.kind, raw: i.raw, target: i.target, url: i.url })),
    options: m.options.map((o) => ({ line: o.line, name: o.name, value: o.value })),
    declarations: m.declarations.map((d) => declarationJson({ ...d, constraint: d.constraint || constraintOnly })),
    diagnostics: sortDiagnostics([...m.diagnostics]).map(diagnosticJson),
  };
}

export function inventoryJson(inventory: Inventory, tool: ToolInfo) {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: tool.name, version: tool.version },
    root: '.' as const,
    services: inventory.services.map((s) => ({ name: s.name, path: s.path, manifests: s.manifests })),
    manifests: inventory.manifests.map(manifestJson),
    runtimes: (inventory.runtimes ?? []).map((r) => ({
      runtime: r.runtime, source: r.source, path: r.path, line: r.line, column: r.column, written: r.written,
      version: r.version, range: r.range, service: r.service,
    })),
  };
}

/** The full report: the inventory plus the analysis. Keys in contract order. */
export function reportJson(inventory: Inventory, index: PackageIndex, summary: Summary, findings: Finding[], tool: ToolInfo): ReportJson {
  return {
    ...inventoryJson(inventory, tool),
    summary,
    packages: [...index.packages.values()].map((p) => {
      const byService = new Map<string, typeof p.uses>();
      for (const u of p.uses) pushTo(byService, u.service, u);
      return {
        name: p.name,
        ecosystem: p.ecosystem,
        services: [...byService].map(([service, uses]) => ({
          service,
          declarations: uses.map((u) => ({
            manifest: u.manifest, line: u.line, specifier: u.declaration.specifier, written: u.declaration.written ?? null, marker: u.declaration.marker,
            role: roleOf(u.declaration), inherited: u.inherited, constraint: u.constraint,
          })),
        })),
      };
    }),
    findings: findings.map((f) => ({
      rule: f.rule, severity: f.severity, package: f.package, ecosystem: f.ecosystem, message: f.message,
      locations: f.locations, data: f.data, fingerprint: f.fingerprint,
    })),
  };
}
