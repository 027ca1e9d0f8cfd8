import { canonicalizeName } from './names.js';
import type { MarkerAtom, MarkerComparison, MarkerList, MarkerOp, MarkerOperand, MarkerVariable } from './marker-ast.js';
import { decodePythonString } from './py-string.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * Deepest parenthesis nesting accepted. packaging has no limit and overflows
 * Python's stack near 500 levels; a cap keeps hostile input from overflowing ours.
 */
export const MAX_MARKER_DEPTH = 100;

/** `marker = marker_atom (BOOLOP marker_atom)*` (packaging `_parse_marker`). */
export function parseMarkerExpr(t: Tokenizer, depth: number): MarkerList {
  const atoms = [parseMarkerAtom(t, depth)];
  const ops: MarkerList['ops'] = [];
  while (t.check('BOOLOP')) {
    ops.push(t.read().text as 'and' | 'or');
    atoms.push(parseMarkerAtom(t, depth));
  }
  return { kind: 'list', atoms, ops };
}

/** `marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?` */
function parseMarkerAtom(t: Tokenizer, depth: number): MarkerAtom {
  t.consume('WS');
  let atom: MarkerAtom;
  if (t.check('LEFT_PARENTHESIS', true)) {
    if (depth >= MAX_MARKER_DEPTH) {
      t.fail(`Marker expression nested more than ${MAX_MARKER_DEPTH} levels deep`, undefined, undefined, 'depth');
    }
    atom = t.enclosed('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'marker expression', () => {
      t.consume('WS');
      const inner = parseMarkerExpr(t, depth + 1);
      t.consume('WS');
      return inner;
    });
  } else {
    atom = parseMarkerItem(t);
  }
  t.consume('WS');
  return atom;
}

/** `marker_item = WS? marker_var WS? marker_op WS? marker_var WS?` */
function parseMarkerItem(t: Tokenizer): MarkerComparison {
  t.consume('WS');
  const left = parseMarkerVar(t);
  t.consume('WS');
  const op = parseMarkerOp(t);
  t.consume('WS');
  const right = parseMarkerVar(t);
  t.consume('WS');
  return { kind: 'comparison', left, op, right };
}

/** `marker_var = VARIABLE | QUOTED_STRING` */
function parseMarkerVar(t: Tokenizer): MarkerOperand {
  if (t.check('VARIABLE')) {
    const name = t.read().text.replace('.', '_');
    // setuptools' legacy spelling maps onto the PEP 508 name.
    const normalized = name === 'python_implementation' ? 'platform_python_implementation' : name;
    return { kind: 'variable', name: normalized as MarkerVariable };
  }
  if (t.check('QUOTED_STRING')) {
    const token = t.read();
    const value = decodePythonString(token.text);
    if (!value.ok) t.fail('Invalid quoted string', token.position, t.position, 'string');
    return { kind: 'value', value: value.value };
  }
  return t.fail('Expected a marker variable or quoted string');
}

/** `marker_op = IN | NOT WS IN | OP` */
function parseMarkerOp(t: Tokenizer): MarkerOp {
  if (t.check('IN')) {
    t.read();
    return 'in';
  }
  if (t.check('NOT')) {
    t.read();
    t.expect('WS', "whitespace after 'not'");
    t.expect('IN', "'in' after 'not'");
    return 'not in';
  }
  if (t.check('OP')) return t.read().text as MarkerOp;
  return t.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
}

/**
 * packaging 26.2's `_normalize_extra_values`: PEP 685-normalizes the other side of
 * `extra` comparisons, but only for atoms of the top-level list. Parenthesized
 * groups are left alone, and a variable on the other side becomes a string
 * (`extra == os_name` → `extra == "os-name"`). Both quirks are packaging's.
 */
export function normalizeExtraValues(list: MarkerList): MarkerList {
  return { ...list, atoms: list.atoms.map((atom) => (atom.kind === 'comparison' ? normalizeExtra(atom) : atom)) };
}

function normalizeExtra(item: MarkerComparison): MarkerComparison {
  const { left, right } = item;
  if (left.kind === 'variable' && left.name === 'extra') {
    return { ...item, right: { kind: 'value', value: canonicalizeName(operandText(right)) } };
  }
  if (right.kind === 'variable' && right.name === 'extra') {
    return { ...item, left: { kind: 'value', value: canonicalizeName(operandText(left)) } };
  }
  return item;
}

function operandText(operand: MarkerOperand): string {
  return operand.kind === 'variable' ? operand.name : operand.value;
}
