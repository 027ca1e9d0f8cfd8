import { err, ok, type Result } from '../result.js';
import type { MarkerAst, MarkerAtom, MarkerOperand } from './marker-ast.js';
import { normalizeExtraValues, parseMarkerExpr } from './marker-grammar.js';
import { ParseFailure, Tokenizer, type Pep508Error } from './tokenizer.js';

export type * from './marker-ast.js';
export { MAX_MARKER_DEPTH } from './marker-grammar.js';
export { markersDisjoint } from './marker-disjoint.js';

/**
 * Parses a PEP 508 marker like packaging 26.2's `Marker(text)`: legacy variable
 * aliases are normalized and `extra` values PEP 685-normalized (top level only,
 * as packaging does). Errors carry packaging's messages and spans.
 */
export function parseMarker(text: string): Result<MarkerAst, Pep508Error> {
  const t = new Tokenizer(text);
  try {
    const list = parseMarkerExpr(t, 0);
    t.expect('END', 'end of marker expression');
    return ok(normalizeExtraValues(list));
  } catch (e) {
    if (e instanceof ParseFailure) return err(e.toError(text));
    throw e;
  }
}

/**
 * Prints a marker exactly like `str(Marker)` in packaging 26.2: double quotes,
 * single spaces, and packaging's parenthesization. Note packaging drops the
 * parentheses of any group that is wrapped in redundant parentheses, so
 * `((a or b)) and c` prints as `a or b and c` (a packaging bug, reproduced).
 * Values are printed raw, so a value containing `"` or `\` does not round-trip.
 */
export function formatMarker(ast: MarkerAst): string {
  return formatAtom(ast, true);
}

function formatAtom(atom: MarkerAtom, first: boolean): string {
  if (atom.kind === 'comparison') {
    return `${formatOperand(atom.left)} ${atom.op} ${formatOperand(atom.right)}`;
  }
  const [only] = atom.atoms;
  // A one-element list is printed as its element, restarting as "first".
  if (atom.atoms.length === 1 && only !== undefined) return formatAtom(only, true);
  const parts: string[] = [];
  atom.atoms.forEach((a, i) => {
    if (i > 0) parts.push(atom.ops[i - 1] ?? 'and');
    parts.push(formatAtom(a, false));
  });
  const inner = parts.join(' ');
  return first ? inner : `(${inner})`;
}

function formatOperand(operand: MarkerOperand): string {
  return operand.kind === 'variable' ? operand.name : `"${operand.value}"`;
}
