/** A problem found while reading input. Parsers return these as values; they never throw. */
export interface Diagnostic {
  /** POSIX path relative to the scanned root (or the file as given when there is no root). */
  path: string;
  /** 1-based physical line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column on that line; 0 when unknown or whole-file. */
  column: number;
  severity: 'error' | 'warning';
  /** Stable, kebab-case code (`invalid-requirement`, `include-cycle`, ...). */
  code: string;
  message: string;
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      cmp(a.path, b.path) || a.line - b.line || a.column - b.column || cmp(a.code, b.code) || cmp(a.message, b.message),
  );
}

/** Code-unit string comparison: deterministic, locale-independent. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
