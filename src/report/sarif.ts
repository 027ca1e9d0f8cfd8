/**
 * SARIF 2.1.0 as GitHub code scanning reads it: every rule in `tool.driver.rules` (so an alert
 * closes when its finding goes away), one result per finding at its first location, the other
 * locations as `relatedLocations`, repo-relative URIs, and `primaryLocationLineHash` computed as
 * the upload action does.
 */
import type { ConfiguredSeverity } from '../analysis/finding.js';
import type { ReportJson } from './schema.js';
import type { RuleDoc } from './rule-docs.js';
import { lineHashes } from './line-hash.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/depaudit';
/** GitHub accepts up to 1,000 locations per result. */
const MAX_RELATED = 999;

export interface SarifContext {
  toolVersion: string;
  /** Every rule, with the severity the configuration gives it. */
  rules: Array<{ doc: RuleDoc; severity: ConfiguredSeverity }>;
  /** Root-relative path → the file's text as the upload action reads it (see textAsUploaded). */
  sources: ReadonlyMap<string, string>;
  /** Prepended to root-relative paths to make them repository-relative ("" or "dir/"). */
  pathPrefix: string;
}

export const sarifRuleId = (id: string) => `depaudit/${id}`;

const pascal = (id: string) => id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

const levelOf = (s: ConfiguredSeverity) => (s === 'error' ? 'error' : s === 'warn' ? 'warning' : 'note');

const SECURITY = new Set(['vulnerable', 'vulnerable-range', 'insecure-source']);

function uri(prefix: string, p: string): string {
  return `${prefix}${p}`.split('/').map(encodeURIComponent).join('/');
}

export function renderSarif(r: ReportJson, ctx: SarifContext): string {
  const hashes = new Map<string, string[]>();
  const hashAt = (p: string, line: number): string | undefined => {
    const text = ctx.sources.get(p);
    if (text === undefined) return undefined;
    let h = hashes.get(p);
    if (!h) hashes.set(p, (h = lineHashes(text)));
    return h[line - 1];
  };
  const physical = (p: string, line: number) => ({
    artifactLocation: { uri: uri(ctx.pathPrefix, p), uriBaseId: '%SRCROOT%' },
    // A whole-file finding (line 0) points at line 1, as GitHub does for a result without a region.
    region: { startLine: Math.max(1, line) },
  });
  const index = new Map(ctx.rules.map((x, i) => [x.doc.id, i]));

  const rules = ctx.rules.map(({ doc, severity }) => ({
    id: sarifRuleId(doc.id),
    name: pascal(doc.id),
    shortDescription: { text: doc.summary },
    fullDescription: { text: doc.details },
    help: { text: doc.markdown, markdown: doc.markdown },
    defaultConfiguration: { level: levelOf(severity), ...(severity === 'off' ? { enabled: false } : {}) },
    properties: {
      tags: ['dependencies', ...(SECURITY.has(doc.id) ? ['security'] : [])],
      precision: 'very-high',
      'problem.severity': severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'recommendation',
    },
  }));

  const results = r.findings.map((f) => {
    const [primary, ...others] = f.locations;
    const lineHash = primary ? hashAt(primary.path, Math.max(1, primary.line)) : undefined;
    return {
      ruleId: sarifRuleId(f.rule),
      ruleIndex: index.get(f.rule) ?? -1,
      level: f.severity,
      message: { text: f.message },
      ...(primary ? { locations: [{ physicalLocation: physical(primary.path, primary.line) }] } : {}),
      ...(others.length > 0
        ? {
            relatedLocations: others.slice(0, MAX_RELATED).map((l, i) => ({
              id: i + 1,
              physicalLocation: physical(l.path, l.line),
              message: { text: `also declared in ${l.path}${l.line > 0 ? `:${l.line}` : ''}` },
            })),
          }
        : {}),
      partialFingerprints: { ...(lineHash ? { primaryLocationLineHash: lineHash } : {}), 'depaudit/v1': f.fingerprint },
      properties: { package: f.package, ecosystem: f.ecosystem, data: f.data },
    };
  });

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'depaudit', version: ctx.toolVersion, semanticVersion: ctx.toolVersion, informationUri: INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
