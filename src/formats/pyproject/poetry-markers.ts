/**
 * Poetry's `python = "..."` and `platform = "..."` dependency keys as PEP 508 markers, the way
 * poetry-core writes them: `python_version` for two-part versions, `python_full_version`
 * otherwise; `sys_platform` for the platform; `||` becomes `or`.
 */
import { parseSpecifierSet, parseVersion } from '../../pep440/index.js';
import { trimmedRelease } from '../../pep440/version.js';
import { convertPoetryConstraint } from './poetry-constraint.js';

export type MarkerConversion = { ok: true; marker: string | null } | { ok: false; error: string };

/** `^3.9` → `python_version >= "3.9" and python_version < "4.0"`. */
export function pythonMarker(constraint: string): MarkerConversion {
  const c = convertPoetryConstraint(constraint);
  if (!c.ok) return c;
  const sets = c.alternatives ?? [c.specifier];
  if (sets.some((s) => s === '')) return { ok: true, marker: null };
  const parts = sets.map((s) => setMarker(s));
  const joined = parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' or ');
  return { ok: true, marker: joined };
}

function setMarker(set: string): string {
  const specs = parseSpecifierSet(set);
  if (!specs.ok) return '';
  // Lower bounds first, as poetry-core writes them (the set itself is sorted as text).
  const rank = (op: string) => (op.startsWith('>') ? 0 : op.startsWith('<') ? 2 : 1);
  return [...specs.value]
    .sort((a, b) => rank(a.operator) - rank(b.operator))
    .map(({ operator, version }) => {
      const v = parseVersion(version.replace(/\.\*$/, ''));
      const release = v?.release ?? [];
      // `>=3.9.0` and `<4.0.0` say the same about major.minor as `>=3.9` and `<4.0`.
      const trimmed = operator === '>=' || operator === '<' ? trimmedRelease(release) : release;
      const simple = v !== null && v.pre === null && v.post === null && v.dev === null && v.local === null;
      if (simple && trimmed.length <= 2 && !version.endsWith('.*')) {
        const two = [...trimmed, 0].slice(0, 2).join('.');
        return `python_version ${operator} "${two}"`;
      }
      return `${version.endsWith('.*') || (simple && release.length <= 2) ? 'python_version' : 'python_full_version'} ${operator} "${version}"`;
    })
    .join(' and ');
}

/** `linux` → `sys_platform == "linux"`, `!=win32` → `sys_platform != "win32"`, `a || b` → or. */
export function platformMarker(platform: string): MarkerConversion {
  const alternatives = platform.split(/\|\|?/).map((p) => p.trim());
  const parts: string[] = [];
  for (const a of alternatives) {
    const m = /^(==|!=)?\s*([A-Za-z0-9_.-]+)$/.exec(a);
    if (!m) return { ok: false, error: `${JSON.stringify(platform)} is not a platform constraint` };
    parts.push(`sys_platform ${m[1] ?? '=='} "${m[2]}"`);
  }
  return { ok: true, marker: parts.join(' or ') };
}
