/**
 * conda version specs (`conda.models.version.VersionSpec`) → PEP 440, where one set can say
 * the same: `1.2*`/`1.2.*`/`=1.2` (starts with 1.2) → `==1.2.*`; a bare `1.2` is exact → `==1.2`;
 * `>=`, `<=`, `<`, `>`, `!=`, `~=` stay; `,` is AND. `|` (OR), globs inside a version and versions
 * PEP 440 cannot parse (`1.1.1k`) have no PEP 440 form. conda orders some versions differently
 * from PEP 440 (letters, `post`, `dev`); the PEP 440 form compares as pip would.
 */
import { formatSpecifierSet, parseSpecifierSet, parseVersion } from '../../pep440/index.js';

export type CondaConversion = { ok: true; specifier: string } | { ok: false; reason: string };

const RELATION = /^(==|!=|<=|>=|~=|=|<|>)(?![=<>!~])(\S+)$/;

export function condaVersionToPep440(spec: string): CondaConversion {
  const text = spec.replace(/\s+/g, '');
  if (text.includes('|')) return { ok: false, reason: `"${spec}" is an OR (|), which cannot be expressed in PEP 440` };
  const out: string[] = [];
  // Without `|`, parentheses only group ANDs.
  for (const term of text.replace(/[()]/g, '').split(',')) {
    const converted = convertTerm(term);
    if (typeof converted !== 'string') return converted;
    if (converted) out.push(converted);
  }
  const set = parseSpecifierSet(out.join(','));
  return set.ok ? { ok: true, specifier: formatSpecifierSet(set.value) } : { ok: false, reason: set.error };
}

function convertTerm(term: string): string | { ok: false; reason: string } {
  if (term === '' || term === '*') return '';
  if (/^[=<>!~]/.test(term)) {
    const m = RELATION.exec(term);
    if (!m) return { ok: false, reason: `"${term}" has an invalid operator` };
    const op = m[1]!;
    let v = m[2]!;
    const wildcard = v.endsWith('*');
    if (wildcard) {
      if (op === '~=') return { ok: false, reason: `"${term}": ~= cannot take .*` };
      v = v.replace(/\*+$/, '').replace(/\.$/, '');
    }
    if (!valid(v)) return notPep440(v);
    // conda's `=` is "starts with"; `!=1.2.*` is "does not start with"; other operators ignore `.*`.
    if (op === '=') return `==${v}.*`;
    if (op === '!=' && wildcard) return `!=${v}.*`;
    return `${op}${v}`;
  }
  if (term.replace(/\*+$/, '').includes('*')) return { ok: false, reason: `"${term}" is a glob pattern, which PEP 440 cannot express` };
  if (term.endsWith('*')) {
    const v = term.replace(/\*+$/, '').replace(/\.$/, '');
    return valid(v) ? `==${v}.*` : notPep440(v);
  }
  return valid(term) ? `==${term}` : notPep440(term);
}

/** A version PEP 440 parses (conda allows `_` and letters PEP 440 does not). */
function valid(v: string): boolean {
  return parseVersion(v) !== null && !/^\s|\s$/.test(v);
}

function notPep440(v: string): { ok: false; reason: string } {
  return { ok: false, reason: `conda version "${v}" is not a PEP 440 version` };
}
