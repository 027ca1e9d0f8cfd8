/**
 * GitLab Code Quality (a subset of the Code Climate format): one JSON array, no BOM, one entry
 * per finding location so the merge-request widget can place each one. Fingerprints are unique
 * per entry and do not move with line numbers (GitLab shows identical fingerprints once).
 */
import { createHash } from 'node:crypto';
import type { ReportJson } from './schema.js';

type Finding = ReportJson['findings'][number];

/** blocker | critical | major | minor | info: known-vulnerable pins rank above drift errors. */
export function gitlabSeverity(f: Finding): 'critical' | 'major' | 'minor' {
  if (f.severity === 'error') return f.rule === 'vulnerable' ? 'critical' : 'major';
  return 'minor';
}

export function renderGitlab(r: ReportJson, pathPrefix = ''): string {
  const entries = r.findings.flatMap((f) => {
    const nth = new Map<string, number>();
    return f.locations.map((l) => {
      const n = (nth.get(l.path) ?? 0) + 1;
      nth.set(l.path, n);
      return {
        description: f.message,
        check_name: `depaudit/${f.rule}`,
        fingerprint: createHash('sha256').update([f.fingerprint, l.path, String(n)].join('\u0000')).digest('hex').slice(0, 32),
        severity: gitlabSeverity(f),
        location: { path: `${pathPrefix}${l.path}`, lines: { begin: Math.max(1, l.line) } },
      };
    });
  });
  return `${JSON.stringify(entries, null, 2)}\n`;
}
