/**
 * The `pip:` sub-list of a conda environment. conda writes the entries, joined by "\n", to a
 * requirements file next to environment.yml and runs `pip install -r` on it from that directory
 * (conda `env/installers/pip.py`), so the list is read with depaudit's pip parser exactly so:
 * `-r`/`-c` resolve against the environment file's directory, and so do `-e ./x` and `./x`.
 * Lines, spans and columns are then mapped back to the YAML items.
 */
import { plainDeclaration, type Declaration } from '../../model/declaration.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ParsedFormat } from '../../model/manifest.js';
import { verbatimAt } from '../pyproject/declare.js';
import { positionAt } from '../pyproject/source-text.js';
import type { PathProbe } from '../requirements/classify.js';
import { physicalLines } from '../requirements/lines.js';
import { parseRequirementsText } from '../requirements/parse.js';

/** One string of the `pip:` list and where its YAML node is. */
export interface PipItem {
  value: string;
  start: number;
  end: number;
}

export interface PipContext {
  path: string;
  probe?: PathProbe;
  env?: ReadonlyMap<string, string>;
}

export function readPipItems(text: string, starts: readonly number[], items: readonly PipItem[], ctx: PipContext, out: ParsedFormat): void {
  if (items.length === 0) return;
  const joined = items.map((i) => i.value).join('\n');
  const slash = ctx.path.lastIndexOf('/');
  const dir = slash >= 0 ? ctx.path.slice(0, slash) : '.';
  const parsed = parseRequirementsText(joined, { path: ctx.path, cwd: dir, ...(ctx.probe ? { probe: ctx.probe } : {}), ...(ctx.env ? { env: ctx.env } : {}) });

  // Where each item starts in the joined text, and where each joined physical line starts.
  const itemAt: number[] = [];
  let offset = 0;
  for (const i of items) {
    itemAt.push(offset);
    offset += i.value.length + 1;
  }
  const lineAt = [0, ...[...physicalLines(joined)].map((l) => l.start)];
  const itemOf = (o: number) => {
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (itemAt[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** A joined-text offset → the YAML position (exact when the item is written verbatim). */
  const place = (o: number) => {
    const k = itemOf(o);
    const item = items[k]!;
    const at = verbatimAt(text, item, item.value);
    return positionAt(starts, at !== null ? at + (o - itemAt[k]!) : item.start);
  };
  const lineStart = (line: number) => lineAt[line] ?? lineAt[lineAt.length - 1] ?? 0;

  for (const d of parsed.declarations) {
    const first = items[itemOf(d.span.start)]!;
    const last = items[itemOf(Math.max(d.span.start, d.span.end - 1))]!;
    const span = { start: first.start, end: last.end };
    const mapped: Declaration = {
      ...plainDeclaration(d),
      line: positionAt(starts, span.start).line,
      endLine: positionAt(starts, Math.max(span.start, span.end - 1)).line,
      span,
      byteSpan: null,
      text: text.slice(span.start, span.end),
      ecosystem: 'pypi',
      role: 'requirement',
      dialect: 'pip-line',
    };
    out.declarations.push(mapped);
  }
  for (const diag of parsed.diagnostics) {
    const base = lineStart(diag.line);
    const at = diag.line === 0 ? { line: 0, column: 0 } : place(base + Math.max(0, diag.column - 1));
    out.diagnostics.push({ ...diag, line: at.line, column: diag.column === 0 ? 0 : at.column } satisfies Diagnostic);
  }
  for (const inc of parsed.includes) out.includes.push({ ...inc, line: place(lineStart(inc.line)).line });
  for (const o of parsed.options) out.options.push({ ...o, line: place(lineStart(o.line)).line });
}
