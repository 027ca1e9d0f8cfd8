import type { MarkerAst, MarkerAtom, MarkerComparison, MarkerVariable } from './marker-ast.js';
import { stringConstraint, stringsUnsatisfiable, type StringConstraint } from './disjoint-strings.js';
import { versionConstraint, versionsUnsatisfiable, type VersionConstraint } from './disjoint-versions.js';

/** Variables compared as PEP 440 versions when the value is a valid specifier (packaging's MARKERS_REQUIRING_VERSION). */
const VERSION_VARIABLES = new Set<MarkerVariable>([
  'python_version',
  'python_full_version',
  'implementation_version',
  'platform_release',
]);

/**
 * `extra` is evaluated once per requested extra, so two requirements guarded by
 * different extras can both apply; `extras`/`dependency_groups` are sets. None of
 * them can prove disjointness.
 */
const UNPROVABLE = new Set<MarkerVariable>(['extra', 'extras', 'dependency_groups']);

/** Give up (answer "not provably disjoint") beyond this many DNF terms... */
const MAX_TERMS = 64;
/** ...or this many comparisons in one marker, which keeps the work bounded on hostile input. */
const MAX_COMPARISONS = 128;

type Constraint =
  | { variable: MarkerVariable; mode: 'string'; c: StringConstraint }
  | { variable: MarkerVariable; mode: 'version'; c: VersionConstraint };

/** A conjunction of constraints; unknown comparisons are dropped (treated as "maybe true"). */
type Term = Constraint[];

/**
 * True only when it is provable that no environment satisfies both markers,
 * e.g. `python_version < "3.9"` vs `python_version >= "3.9"`, or
 * `sys_platform == "win32"` vs `sys_platform == "linux"`. Conservative: anything
 * it does not understand counts as satisfiable, so `false` means "unknown or
 * overlapping".
 *
 * Semantics follow packaging: version variables use PEP 440 specifier matching
 * when `op + value` is a valid specifier, else string comparison; other
 * variables use `==`, `!=`, `in`, `not in` (ordering operators on strings changed
 * meaning between packaging 21 and 26, so they are never used as evidence).
 */
export function markersDisjoint(a: MarkerAst, b: MarkerAst): boolean {
  if (countComparisons(a, MAX_COMPARISONS) > MAX_COMPARISONS) return false;
  if (countComparisons(b, MAX_COMPARISONS) > MAX_COMPARISONS) return false;
  const left = dnfOf(a);
  const right = dnfOf(b);
  if (left === null || right === null) return false;
  return left.every((ta) => right.every((tb) => termUnsatisfiable([...ta, ...tb])));
}

/** Number of comparisons in `atom`, counting stops a little past `limit`. */
function countComparisons(atom: MarkerAtom, limit: number): number {
  if (atom.kind === 'comparison') return 1;
  let n = 0;
  for (const a of atom.atoms) {
    n += countComparisons(a, limit - n);
    if (n > limit) break;
  }
  return n;
}

/** Disjunctive normal form of a marker list; null when it grows past MAX_TERMS. */
function dnfOf(atom: MarkerAtom): Term[] | null {
  if (atom.kind === 'comparison') {
    const c = constraintOf(atom);
    return [c === null ? [] : [c]];
  }
  // `and` binds tighter than `or`: split the flat list at each `or`.
  const result: Term[] = [];
  let group: Term[] = [[]];
  for (let i = 0; i < atom.atoms.length; i++) {
    const sub = dnfOf(atom.atoms[i] as MarkerAtom);
    if (sub === null) return null;
    group = group.flatMap((t) => sub.map((s) => [...t, ...s]));
    if (group.length > MAX_TERMS) return null;
    if (atom.ops[i] !== 'and') {
      result.push(...group);
      if (result.length > MAX_TERMS) return null;
      group = [[]];
    }
  }
  return result;
}

/** Maps one comparison onto a constraint on one variable, or null if not usable. */
function constraintOf(item: MarkerComparison): Constraint | null {
  const { left, op, right } = item;
  if (left.kind === 'variable' && right.kind === 'value') {
    if (UNPROVABLE.has(left.name)) return null;
    if (VERSION_VARIABLES.has(left.name)) {
      const v = versionConstraint(op, right.value);
      if (v !== undefined) return v === null ? null : { variable: left.name, mode: 'version', c: v };
    }
    const s = stringConstraint(op, right.value, 'variable-left');
    return s === null ? null : { variable: left.name, mode: 'string', c: s };
  }
  if (left.kind === 'value' && right.kind === 'variable') {
    if (UNPROVABLE.has(right.name)) return null;
    // A reversed version comparison builds the specifier from the environment
    // value (`Specifier(op + env)`): too irregular to use. `in`/`not in` are
    // never specifiers, so they stay plain substring tests.
    if (VERSION_VARIABLES.has(right.name) && op !== 'in' && op !== 'not in') return null;
    const s = stringConstraint(op, left.value, 'variable-right');
    return s === null ? null : { variable: right.name, mode: 'string', c: s };
  }
  return null;
}

function termUnsatisfiable(term: Term): boolean {
  const byVariable = new Map<MarkerVariable, { strings: StringConstraint[]; versions: VersionConstraint[] }>();
  for (const c of term) {
    const entry = byVariable.get(c.variable) ?? { strings: [], versions: [] };
    if (c.mode === 'string') entry.strings.push(c.c);
    else entry.versions.push(c.c);
    byVariable.set(c.variable, entry);
  }
  for (const { strings, versions } of byVariable.values()) {
    if (stringsUnsatisfiable(strings) || versionsUnsatisfiable(versions)) return true;
  }
  return false;
}
