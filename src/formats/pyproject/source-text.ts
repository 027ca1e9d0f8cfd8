/**
 * What every format module needs from its source text: line numbers for offsets, the file's
 * line-ending shape, and an empty ParsedFormat to fill. Shared by the pyproject, Pipfile,
 * setup.cfg, conda and setup.py modules.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ManifestKind, ParsedFormat } from '../../model/manifest.js';

export { lineStarts, positionAt } from '../positions.js';

/** BOM, dominant line ending and final-newline state of a text. */
export function textShape(text: string): Pick<ParsedFormat, 'bom' | 'newline' | 'finalNewline'> {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      crlf++;
      i++;
    } else if (c === 10) lf++;
    else if (c === 13) cr++;
  }
  const newline = crlf > lf && crlf >= cr ? '\r\n' : cr > lf && cr > crlf ? '\r' : '\n';
  return { bom: text.startsWith('\uFEFF'), newline, finalNewline: text.length === 0 || /[\r\n]$/.test(text) };
}

/** A ParsedFormat with no content yet. */
export function emptyFormat(kind: ManifestKind, text: string, path: string): ParsedFormat {
  return {
    path, kind, encoding: 'utf-8', ...textShape(text), sha256: null, text,
    blocks: [], declarations: [], includes: [], options: [], diagnostics: [],
  };
}

/** Collects diagnostics for one file. */
export class Diagnostics {
  constructor(
    private readonly path: string,
    readonly list: Diagnostic[],
  ) {}

  add(at: { line: number; column: number } | null, severity: Diagnostic['severity'], code: string, message: string): void {
    this.list.push({ path: this.path, line: at?.line ?? 0, column: at?.column ?? 0, severity, code, message });
  }
}
