/**
 * Marker variables after packaging's alias normalization: `os.name` → `os_name`,
 * `sys.platform` → `sys_platform`, `platform.version|machine|python_implementation`
 * → `platform_*`, and `python_implementation` → `platform_python_implementation`.
 */
export type MarkerVariable =
  | 'python_version'
  | 'python_full_version'
  | 'os_name'
  | 'sys_platform'
  | 'platform_release'
  | 'platform_system'
  | 'platform_version'
  | 'platform_machine'
  | 'platform_python_implementation'
  | 'implementation_name'
  | 'implementation_version'
  | 'extra'
  | 'extras'
  | 'dependency_groups';

/** Comparison operators accepted in markers. */
export type MarkerOp = '===' | '==' | '~=' | '!=' | '<=' | '>=' | '<' | '>' | 'in' | 'not in';

/** `and` binds tighter than `or`; the list keeps them flat, as packaging does. */
export type BoolOp = 'and' | 'or';

/** One side of a comparison: an environment variable or a (decoded) string literal. */
export type MarkerOperand = { kind: 'variable'; name: MarkerVariable } | { kind: 'value'; value: string };

/** `left op right`, e.g. `python_version < "3.9"` (packaging's MarkerItem tuple). */
export interface MarkerComparison {
  kind: 'comparison';
  left: MarkerOperand;
  op: MarkerOp;
  right: MarkerOperand;
}

/**
 * packaging's MarkerList: `atoms[0] ops[0] atoms[1] ...` with no precedence
 * grouping (`a and b or c` is one flat list). A nested list is a parenthesized
 * group. Invariant: `atoms.length === ops.length + 1`.
 */
export interface MarkerList {
  kind: 'list';
  atoms: MarkerAtom[];
  ops: BoolOp[];
}

/** A comparison or a parenthesized sub-expression. */
export type MarkerAtom = MarkerComparison | MarkerList;

/** A parsed marker expression (the top-level list). */
export type MarkerAst = MarkerList;
