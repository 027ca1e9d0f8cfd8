/**
 * Poetry's version constraint grammar → PEP 440 (python-manifests.md §5.3, the Poetry docs'
 * table): `^` bumps the left-most non-zero part, `~` the minor (the major when only one part is
 * given), wildcards become ranges, a bare version is exact, `,`/whitespace mean AND and `||`/`|`
 * mean OR. Lower bounds are padded to three release parts, as the table writes them.
 */
import { formatSpecifierSet, formatVersion, parseSpecifierSet, parseVersion, type Version } from '../../pep440/index.js';

export type PoetryConversion =
  /** `alternatives` is set for a union: each alternative's PEP 440 set, `specifier` is then "". */
  | { ok: true; specifier: string; alternatives: string[] | null }
  | { ok: false; error: string };

const OPERATOR = /^(\^|~=|~|===|==|!=|>=|<=|>|<|=)?\s*(.*)$/s;

/** Converts one Poetry constraint (`^1.2`, `>=1,<2 || >=3`, `1.2.*`, `*`). */
export function convertPoetryConstraint(text: string): PoetryConversion {
  const alternatives = text.split(/\|\|?/).map((a) => a.trim());
  if (alternatives.length > 1) {
    const sets: string[] = [];
    for (const a of alternatives) {
      const one = convertAll(a);
      if (typeof one !== 'string') return one;
      sets.push(one);
    }
    return { ok: true, specifier: '', alternatives: sets };
  }
  const one = convertAll(alternatives[0]!);
  return typeof one === 'string' ? { ok: true, specifier: one, alternatives: null } : one;
}

function convertAll(text: string): string | { ok: false; error: string } {
  if (text === '') return { ok: false, error: 'empty constraint' };
  // Join an operator to its version (`>= 1.2`), then split on commas and whitespace.
  const clauses = text.replace(/(\^|~=|~|===|==|!=|>=|<=|>|<|=)\s+/g, '$1').split(/\s*,\s*|\s+/).filter(Boolean);
  const out: string[] = [];
  for (const clause of clauses) {
    const converted = convertClause(clause);
    if (converted === null) return { ok: false, error: `${JSON.stringify(clause)} is not a Poetry version constraint` };
    out.push(...converted);
  }
  const set = parseSpecifierSet(out.join(','));
  return set.ok ? formatSpecifierSet(set.value) : { ok: false, error: set.error };
}

function convertClause(clause: string): string[] | null {
  const [, op = '', rest = ''] = OPERATOR.exec(clause) ?? [];
  if (rest === '*' && (op === '' || op === '==' || op === '=')) return [];
  if (rest.endsWith('.*')) {
    if (op === '!=') return [`!=${rest}`];
    if (op !== '' && op !== '==' && op !== '=') return null;
    return range(rest.slice(0, -2), (n) => n - 1);
  }
  switch (op) {
    case '^':
      return range(rest, (_n, v) => {
        const i = v.release.findIndex((x) => x !== 0);
        return i >= 0 ? i : v.release.length - 1;
      });
    case '~':
      return range(rest, (n) => (n >= 2 ? 1 : 0));
    case '~=':
      return range(rest, (n) => (n >= 2 ? n - 2 : -1));
    case '':
    case '=':
      return parseVersion(rest) ? [`==${rest}`] : null;
    default:
      return [`${op}${rest}`];
  }
}

/** `>=lower,<upper` where upper bumps release part `bumpAt(partsGiven)` of `text`. */
function range(text: string, bumpAt: (n: number, v: Version) => number): string[] | null {
  const v = parseVersion(text);
  if (!v) return null;
  const i = bumpAt(v.release.length, v);
  if (i < 0) return null;
  const lower = formatVersion({ ...v, release: pad(v.release) });
  const bumped = [...v.release.slice(0, i), v.release[i]! + 1];
  const upper = formatVersion({ epoch: v.epoch, release: pad(bumped), pre: null, post: null, dev: null, local: null });
  return [`>=${lower}`, `<${upper}`];
}

function pad(release: readonly number[]): number[] {
  return release.length >= 3 ? [...release] : [...release, ...Array<number>(3 - release.length).fill(0)];
}
