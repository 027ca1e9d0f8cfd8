/**
 * What every parse result must satisfy, whatever the input: diagnostics point at a real line
 * and column, declarations point at their own text, blocks (where a format has them) tile the
 * text. Plain functions that throw `InvariantError`, so they run under vitest and in the fuzz
 * script alike.
 */
import type { Declaration } from '../../src/model/declaration.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { ParsedFormat } from '../../src/model/manifest.js';
import type { RuntimeParse } from '../../src/model/runtime.js';
import { canonicalizeName } from '../../src/pep508/index.js';

export class InvariantError extends Error {
  override name = 'InvariantError';
}

export function invariant(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new InvariantError(message());
}

/**
 * How a parser breaks lines: `lf` (TOML, YAML), `universal` (\n, \r\n and a lone \r: Python's
 * text mode, as configparser and the npm readers), `python` (str.splitlines, as pip).
 */
export type LineMode = 'lf' | 'universal' | 'python';

const BREAKS: Record<LineMode, RegExp> = {
  lf: /\n/g,
  universal: /\r\n|\r|\n/g,
  python: /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g,
};

/** Each line's [start, end of content) under `mode`; a text ending in a break has an empty last line. */
export function lineBounds(text: string, mode: LineMode): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (const m of text.matchAll(BREAKS[mode])) {
    out.push([start, m.index]);
    start = m.index + m[0].length;
  }
  out.push([start, text.length]);
  return out;
}

/** 1-based line of an offset under `mode`. */
function lineOf(bounds: Array<[number, number]>, offset: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]![0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export interface ShapeOptions {
  path: string;
  lines: LineMode;
  /**
   * When a declaration's text may not hold its raw name verbatim (escapes, interpolation,
   * continuations, a name written outside the item); otherwise the name must appear in it.
   */
  opaque?: (d: Declaration, text: string) => boolean;
}

const DEFAULT_OPAQUE = (d: Declaration) => d.text.includes('\\');

/** The invariants every parser's result holds for the text it was given. */
export function checkShape(m: ParsedFormat, text: string, o: ShapeOptions): void {
  invariant(m.text === text, () => 'result.text is not the input text');
  const bounds = lineBounds(text, o.lines);
  for (const d of m.diagnostics) checkDiagnostic(d, bounds, o.path);
  for (const d of m.declarations) checkDeclaration(d, text, bounds, o.opaque ?? DEFAULT_OPAQUE);
  if (m.blocks.length > 0) checkBlocks(m, text);
}

/** A well-formed diagnostic on a real line and column (line 0, column 0: the whole file). */
function checkDiagnostic(d: Diagnostic, bounds: Array<[number, number]>, path: string): void {
  const where = () => `diagnostic ${JSON.stringify(d)} (file has ${bounds.length} lines)`;
  invariant(d.path === path, () => `${where()}: wrong path`);
  invariant(d.severity === 'error' || d.severity === 'warning', () => `${where()}: bad severity`);
  invariant(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(d.code) && d.message.length > 0, () => `${where()}: bad code or empty message`);
  checkPosition(d, bounds, where);
}

function checkPosition(p: { line: number; column: number }, bounds: Array<[number, number]>, where: () => string): void {
  invariant(Number.isInteger(p.line) && Number.isInteger(p.column) && p.line >= 0 && p.column >= 0, () => `${where()}: negative or fractional position`);
  invariant(p.line <= bounds.length, () => `${where()}: line past the end of the file`);
  if (p.line === 0) invariant(p.column === 0, () => `${where()}: a column on line 0`);
  else {
    const [start, end] = bounds[p.line - 1]!;
    invariant(p.column <= end - start + 1, () => `${where()}: column past the end of line ${p.line} (${end - start} chars)`);
  }
}

/**
 * A runtime reader's result (Dockerfile, version files): diagnostics as above; each runtime on a
 * real line, at a column where its written text starts (a BOM is not a column).
 */
export function checkRuntimes(r: RuntimeParse, text: string, path: string): void {
  const bounds = lineBounds(text, 'lf');
  for (const d of r.diagnostics) checkDiagnostic(d, bounds, path);
  for (const rt of r.runtimes) {
    const where = () => `runtime ${JSON.stringify(rt)}`;
    invariant(rt.path === path && rt.service === null && rt.written.length > 0, () => `${where()}: wrong path, a service, or nothing written`);
    checkPosition(rt, bounds, where);
    invariant(rt.line >= 1 && rt.column >= 1, () => `${where()}: no position`);
    const bom = rt.line === 1 && text.startsWith('\uFEFF') ? 1 : 0;
    const at = bounds[rt.line - 1]![0] + bom + rt.column - 1;
    invariant(text[at] === rt.written[0], () => `${where()}: the text at its position is ${JSON.stringify(text.slice(at, at + 10))}`);
    invariant(rt.version === null || rt.range === null, () => `${where()}: both a version and a range`);
  }
}

function checkDeclaration(d: Declaration, text: string, bounds: Array<[number, number]>, opaque: (d: Declaration, text: string) => boolean): void {
  const where = () => `declaration ${JSON.stringify({ name: d.rawName, line: d.line, endLine: d.endLine, span: d.span, text: d.text })}`;
  const { start, end } = d.span;
  invariant(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length, () => `${where()}: span outside the text`);
  invariant(text.slice(start, end) === d.text, () => `${where()}: text is not the span's slice`);
  invariant(d.line === lineOf(bounds, start), () => `${where()}: line is not the span start's line (${lineOf(bounds, start)})`);
  invariant(d.line <= d.endLine && d.endLine <= bounds.length, () => `${where()}: endLine out of range`);
  // A logical line may end with an empty physical line, which the span (terminator excluded) ends at.
  invariant(lineOf(bounds, Math.max(start, end - 1)) <= d.endLine && d.endLine <= lineOf(bounds, end), () => `${where()}: endLine is not the span end's line`);
  if (d.rawName !== null) {
    invariant(d.name !== null, () => `${where()}: a raw name without a name`);
    invariant(d.text.includes(d.rawName) || opaque(d, text), () => `${where()}: the raw name is not in the declaration's text`);
    if ((d.ecosystem ?? 'pypi') === 'pypi') invariant(d.name === canonicalizeName(d.rawName), () => `${where()}: name ${d.name} is not the canonical raw name`);
  }
}

/** Blocks tile the text: contiguous, non-empty, in order, each on the lines it says. */
function checkBlocks(m: ParsedFormat, text: string): void {
  let at = 0;
  let line = 1;
  for (const b of m.blocks) {
    const where = () => `block ${JSON.stringify(b)}`;
    invariant(b.start === at && b.end > b.start, () => `${where()}: does not start where the previous block ended (${at})`);
    invariant(b.line === line && b.endLine >= b.line, () => `${where()}: does not start on line ${line}`);
    at = b.end;
    line = b.endLine + 1;
  }
  invariant(at === text.length, () => `blocks end at ${at}, the text at ${text.length}`);
  invariant(m.blocks.map((b) => text.slice(b.start, b.end)).join('') === text, () => 'the blocks do not concatenate to the text');
}
