/**
 * The finding formats every command shares (check, report, audit): one place that turns an
 * audited tree into sarif, gitlab or github text, with paths made repository-relative.
 */
import path from 'node:path';
import { ruleSeverities } from '../analysis/evaluate.js';
import type { Audit } from '../pipeline.js';
import { VERSION } from '../version.js';
import { textAsUploaded } from './line-hash.js';
import { loadRuleDocs } from './rule-docs.js';
import { renderSarif, type SarifContext } from './sarif.js';

/**
 * What to put before root-relative paths so they are relative to the working directory, which
 * is the repository root in CI (GitHub runs steps in $GITHUB_WORKSPACE, GitLab in
 * $CI_PROJECT_DIR): "" when the root is the working directory or lies outside it.
 */
export function repoPrefix(root: string, cwd: string): string {
  const rel = path.relative(path.resolve(cwd), path.resolve(root));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return `${rel.split(path.sep).join('/')}/`;
}

export function sarifContext(a: Pick<Audit, 'inventory' | 'config'>, pathPrefix: string): SarifContext {
  const severity = ruleSeverities(a.config);
  return {
    toolVersion: VERSION,
    rules: loadRuleDocs().map((doc) => ({ doc, severity: severity.get(doc.id) ?? doc.defaultSeverity })),
    sources: new Map(a.inventory.manifests.map((m) => [m.path, textAsUploaded(m)])),
    pathPrefix,
  };
}

export function renderSarifFor(a: Pick<Audit, 'inventory' | 'config' | 'report'>, pathPrefix: string): string {
  return renderSarif(a.report, sarifContext(a, pathPrefix));
}
