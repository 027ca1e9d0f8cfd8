import { defineRule } from '../analysis/rule.js';
import type { RawFinding } from '../analysis/finding.js';

const FULL_COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** The revision after the last '@' in a VCS URL's path (`git+https://h/o/r.git@v1.2#egg=r` → v1.2). */
export function vcsRevision(url: string): string | null {
  const noFragment = url.split('#', 1)[0]!;
  const afterScheme = noFragment.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const slash = afterScheme.indexOf('/');
  const path = slash >= 0 ? afterScheme.slice(slash) : '';
  const at = path.lastIndexOf('@');
  return at >= 0 ? path.slice(at + 1) : null;
}

export default defineRule({
  id: 'insecure-source',
  description: 'Sources that let an attacker substitute code: extra indexes, plain-HTTP indexes, trusted hosts, unpinned VCS refs.',
  defaultSeverity: 'warn',
  defaults: { extraIndexUrl: true },
  check({ inventory, options }) {
    const findings: RawFinding[] = [];
    for (const m of inventory.manifests) {
      for (const o of m.options) {
        const at = [{ path: m.path, line: o.line }];
        const value = o.value ?? '';
        if (['--index-url', '--extra-index-url', '--find-links'].includes(o.name) && /^http:\/\//i.test(value)) {
          findings.push({ package: null, message: `${o.name} ${value} uses plain HTTP: packages can be replaced in transit`, locations: at, data: { option: o.name, value, reason: 'http' }, key: `${o.name} ${value}` });
        } else if (o.name === '--extra-index-url' && options.extraIndexUrl) {
          findings.push({
            package: null,
            message: `--extra-index-url ${value}: pip picks the highest version from every index, so a public package with a private name wins (dependency confusion); prefer a single --index-url that proxies both`,
            locations: at, data: { option: o.name, value, reason: 'extra-index-url' }, key: `${o.name} ${value}`,
          });
        } else if (o.name === '--trusted-host') {
          findings.push({ package: null, message: `--trusted-host ${value} turns off TLS verification for that host`, locations: at, data: { option: o.name, value, reason: 'trusted-host' }, key: `${o.name} ${value}` });
        }
      }
      for (const d of m.declarations) {
        if (d.source !== 'vcs' || d.url === null) continue;
        const rev = vcsRevision(d.url);
        if (rev !== null && FULL_COMMIT.test(rev)) continue;
        findings.push({
          package: d.name,
          message: `${d.name ?? d.url} comes from ${d.url}, ${rev === null ? 'with no revision' : `at "${rev}", a movable ref`}: pin a full commit hash`,
          locations: [{ path: m.path, line: d.line }],
          data: { url: d.url, revision: rev, reason: 'vcs-ref' },
          key: d.url,
        });
      }
    }
    return findings;
  },
});
