/**
 * Character classes that reproduce Python `re` semantics for str patterns, which
 * packaging's tokenizer relies on. JS defaults differ in small but visible ways.
 */

/**
 * Python's `\s` (str.isspace) as the body of a character class. Unlike JS `\s` it
 * has U+001C–U+001F and U+0085, and it lacks U+FEFF.
 */
export const PY_SPACE_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/**
 * Python's Unicode `\w`: letters, numerics and `_` (needs the `u` flag). It matches
 * Python 3.11 exactly except for code points assigned after Unicode 14.
 */
const PY_WORD = '[\\p{L}\\p{N}_]';

/** Python's `\b` (Unicode-aware), as a JS pattern fragment for `u`-flag regexes. */
export const PY_BOUNDARY = `(?:(?<=${PY_WORD})(?!${PY_WORD})|(?<!${PY_WORD})(?=${PY_WORD}))`;

/**
 * 0-based code-point offset of a UTF-16 index. packaging reports spans in code
 * points (Python str indices), so diagnostics use the same unit.
 */
export function codePointOffset(text: string, utf16Index: number): number {
  let offset = 0;
  for (let i = 0; i < utf16Index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < utf16Index) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    offset++;
  }
  return offset;
}
