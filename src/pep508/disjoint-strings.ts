import type { MarkerOp } from './marker-ast.js';

/**
 * A constraint on a string-valued environment variable (`env`):
 * `eq`/`neq` compare it, `contains` means `x in env`, `within` means `env in x`.
 */
export type StringConstraint = { kind: 'eq' | 'neq' | 'contains' | 'notContains' | 'within' | 'notWithin'; text: string };

/**
 * The constraint a string comparison puts on the variable, or null when the
 * operator is not used as evidence. `side` says where the variable is:
 * `os_name == "a"` and `"a" == os_name` are the same, but `"a" in os_name`
 * (substring of env) differs from `os_name in "a"` (env is a substring).
 */
export function stringConstraint(
  op: MarkerOp,
  text: string,
  side: 'variable-left' | 'variable-right',
): StringConstraint | null {
  switch (op) {
    case '==':
      return { kind: 'eq', text };
    case '!=':
      return { kind: 'neq', text };
    case 'in':
      return { kind: side === 'variable-left' ? 'within' : 'contains', text };
    case 'not in':
      return { kind: side === 'variable-left' ? 'notWithin' : 'notContains', text };
    default:
      // <, <=, >, >= are lexical in packaging <= 25 but eq/false in 26; ~= and === raise.
      return null;
  }
}

/** True when no single string satisfies every constraint (sound, not complete). */
export function stringsUnsatisfiable(constraints: StringConstraint[]): boolean {
  const texts = (kind: StringConstraint['kind']): string[] =>
    constraints.filter((c) => c.kind === kind).map((c) => c.text);
  const eqs = new Set(texts('eq'));
  if (eqs.size > 1) return true;
  const [value] = [...eqs];
  if (value !== undefined) {
    // With a known value every other constraint can be decided.
    return constraints.some((c) => !holds(c, value));
  }
  const contains = texts('contains');
  const notContains = texts('notContains');
  const within = texts('within');
  const notWithin = texts('notWithin');
  if (notContains.includes('')) return true; // "" is in every string
  if (contains.some((x) => notContains.some((y) => x.includes(y)))) return true;
  if (within.some((l) => contains.some((x) => !l.includes(x)))) return true;
  return within.some((l) => notWithin.some((m) => m.includes(l)));
}

function holds(c: StringConstraint, value: string): boolean {
  switch (c.kind) {
    case 'eq':
      return value === c.text;
    case 'neq':
      return value !== c.text;
    case 'contains':
      return value.includes(c.text);
    case 'notContains':
      return !value.includes(c.text);
    case 'within':
      return c.text.includes(value);
    case 'notWithin':
      return !c.text.includes(value);
  }
}
