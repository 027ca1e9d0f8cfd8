/** PEP 508 project name: ASCII letters/digits, with `.`, `_`, `-` only inside. */
const VALID_NAME = /^(?:[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/**
 * PEP 503 canonical form: lowercase, runs of `-`, `_`, `.` become one `-`
 * (`Foo.Bar__baz--QUX` → `foo-bar-baz-qux`). Identity key only; never write it
 * back over the user's spelling.
 */
export function canonicalizeName(name: string): string {
  // packaging lowercases first (str.lower is full Unicode lowercasing, as is JS's).
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Whether `name` is a valid PEP 508 name. Stricter than packaging 26's tokenizer,
 * which also accepts a trailing `_` (`foo-bar_`): report that as a diagnostic.
 */
export function isValidName(name: string): boolean {
  return VALID_NAME.test(name);
}

/** PEP 685 extra normalization, which is the same as PEP 503 name canonicalization. */
export function normalizeExtra(extra: string): string {
  return canonicalizeName(extra);
}
