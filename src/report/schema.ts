/**
 * The JSON contract of `depaudit report --format json` (and `check --format json`), as zod.
 * `depaudit schema` prints it as JSON Schema; tests parse real reports with it (strict objects,
 * so a field added without being declared here fails). Bump SCHEMA_VERSION on any change.
 */
import { z } from 'zod';
import { RULE_IDS } from '../analysis/finding.js';
import { DECLARATION_ROLES, DIALECTS, ECOSYSTEMS, SOURCE_KINDS } from '../model/declaration.js';
import { MANIFEST_KINDS } from '../model/manifest.js';
import { RUNTIME_SOURCES } from '../model/runtime.js';

import { SCHEMA_VERSION } from './schema-version.js';

export { SCHEMA_VERSION };

const ecosystem = z.enum(ECOSYSTEMS).describe('package namespace: names are only compared within one');

const diagnostic = z.strictObject({
  line: z.number().int().min(0).describe('1-based physical line; 0 for the whole file'),
  column: z.number().int().min(0),
  severity: z.enum(['error', 'warning']),
  code: z.string().describe('stable kebab-case code'),
  message: z.string(),
});

const declaration = z.strictObject({
  name: z.string().nullable().describe('PEP 503 canonical name; null for an unnamed URL or path'),
  rawName: z.string().nullable().describe('the name as written'),
  line: z.number().int().min(1),
  endLine: z.number().int().min(1),
  span: z.tuple([z.number().int(), z.number().int()]).nullable().describe('byte offsets [start, end) in the file as stored'),
  text: z.string().describe('source text of the logical line, continuations and comments included'),
  requirement: z.string().describe('the requirement part pip parses'),
  specifier: z.string().describe('normalized PEP 440 specifier set; "" = any version'),
  extras: z.array(z.string()),
  marker: z.string().nullable().describe('normalized PEP 508 marker'),
  url: z.string().nullable().describe('direct reference (URL, VCS URL, file: URL)'),
  path: z.string().nullable().describe('root-relative local project or archive'),
  source: z.enum(SOURCE_KINDS).describe('workspace, catalog and alias are npm protocols'),
  editable: z.boolean(),
  hashes: z.array(z.string()).describe('algo:digest in file order'),
  configSettings: z.record(z.string(), z.union([z.string(), z.array(z.string())])).nullable(),
  constraint: z.boolean().describe('reached only through -c'),
  group: z.string(),
  unexpandedVars: z.array(z.string()).describe('${VAR} references left as written'),
  comment: z.string().nullable(),
  ecosystem,
  role: z.enum(DECLARATION_ROLES).describe('build requirements are never compared for drift'),
  dialect: z.enum(DIALECTS).describe('the grammar the line was written in'),
  written: z.string().nullable().describe('the constraint as written when it was converted to PEP 440 (Poetry ^1.2, conda =1.11)'),
});

const manifest = z.strictObject({
  path: z.string().describe('POSIX path relative to the scanned root'),
  kind: z.enum(MANIFEST_KINDS),
  service: z.string().nullable(),
  role: z.enum(['service', 'base']),
  includedAs: z.array(z.enum(['constraint', 'requirement'])),
  encoding: z.string().nullable(),
  bom: z.boolean(),
  newline: z.enum(['lf', 'crlf', 'cr']),
  includes: z.array(
    z.strictObject({
      line: z.number().int(),
      kind: z.enum(['requirement', 'constraint']),
      raw: z.string(),
      target: z.string().nullable().describe('root-relative path; null for a URL or an unreadable target'),
      url: z.string().nullable(),
    }),
  ),
  options: z.array(z.strictObject({ line: z.number().int(), name: z.string(), value: z.string().nullable() })),
  declarations: z.array(declaration),
  diagnostics: z.array(diagnostic),
});

const location = z.strictObject({ path: z.string(), line: z.number().int().min(0) });

export const findingSchema = z.strictObject({
  rule: z.enum(RULE_IDS),
  severity: z.enum(['error', 'warning']),
  package: z.string().nullable(),
  ecosystem,
  message: z.string(),
  locations: z.array(location),
  data: z.record(z.string(), z.unknown()),
  fingerprint: z.string().describe('stable across line moves; used by --baseline'),
});

const summary = z.strictObject({
  services: z.number().int(),
  manifests: z.number().int(),
  declarations: z.number().int(),
  distinctPackages: z.number().int(),
  sharedPackages: z.number().int().describe('packages declared (directly or inherited) by 2+ services'),
  duplicationRatio: z.number().describe('share of direct declarations a shared base would remove'),
  conflictsByDrift: z.record(z.string(), z.number().int()),
  conflicts: z.array(z.strictObject({ package: z.string(), ecosystem, drift: z.string(), versions: z.record(z.string(), z.array(z.string())) })),
  baseCandidates: z.array(
    z.strictObject({ package: z.string(), ecosystem, services: z.array(z.string()), proposedVersion: z.string().nullable(), inBase: z.boolean() }),
  ),
  serviceSpecific: z.record(z.string(), z.array(z.string())).describe('packages only this service declares; conda: and npm: prefix names outside PyPI'),
});

const packageEntry = z.strictObject({
  name: z.string(),
  ecosystem,
  services: z.array(
    z.strictObject({
      service: z.string(),
      declarations: z.array(
        z.strictObject({
          manifest: z.string(),
          line: z.number().int(),
          specifier: z.string(),
          written: z.string().nullable(),
          marker: z.string().nullable(),
          role: z.enum(DECLARATION_ROLES),
          inherited: z.boolean(),
          constraint: z.boolean(),
        }),
      ),
    }),
  ),
});

export const reportSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.strictObject({ name: z.literal('depaudit'), version: z.string() }),
  root: z.literal('.'),
  services: z.array(z.strictObject({ name: z.string(), path: z.string(), manifests: z.array(z.string()) })),
  manifests: z.array(manifest),
  runtimes: z.array(
    z.strictObject({
      runtime: z.enum(['node', 'python']),
      source: z.enum(RUNTIME_SOURCES),
      path: z.string(),
      line: z.number().int().min(0),
      column: z.number().int().min(0),
      written: z.string(),
      version: z.string().nullable().describe('the exact version named, at the precision written'),
      range: z.string().nullable().describe('a PEP 440 (python) or semver (node) range'),
      service: z.string().nullable(),
    }),
  ),
  summary,
  packages: z.array(packageEntry),
  findings: z.array(findingSchema),
});

export type ReportJson = z.output<typeof reportSchema>;

export function reportJsonSchema(): unknown {
  return z.toJSONSchema(reportSchema, { target: 'draft-2020-12' });
}
