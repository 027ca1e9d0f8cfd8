/**
 * Where a dependency's value string sits in a package.json, so that only that string is
 * replaced: indentation, key order, escapes elsewhere, CRLF, a BOM and the final newline stay.
 */
import type { Declaration } from '../../model/declaration.js';
import type { Splice } from './splice.js';

/**
 * Offsets of the value string (quotes included) of a declaration read by `parsePackageJson`,
 * whose span runs from the key's opening quote to the value's closing quote. Null when the text
 * there is not what the declaration says (a stale manifest).
 */
export function valueSpan(text: string, decl: Declaration): { start: number; end: number } | null {
  const { start, end } = decl.span;
  if (text[start] !== '"' || text[end - 1] !== '"') return null;
  let i = start + 1;
  while (i < end && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  i++;
  if (parsed(text.slice(start, i)) !== (decl.rawName ?? decl.name)) return null;
  const skip = () => {
    while (i < end && ' \t\r\n'.includes(text[i]!)) i++;
  };
  skip();
  if (text[i] !== ':') return null;
  i++;
  skip();
  if (text[i] !== '"') return null;
  return parsed(text.slice(i, end)) === (decl.written ?? decl.specifier) ? { start: i, end } : null;
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** The splice that writes `spec` as the declaration's value. */
export function valueSplice(text: string, decl: Declaration, spec: string): Splice | null {
  const span = valueSpan(text, decl);
  return span ? { ...span, text: JSON.stringify(spec) } : null;
}
