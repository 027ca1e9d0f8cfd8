/**
 * The few Python `str` behaviours that PEP 440 parsing in PyPA `packaging` depends on.
 * JavaScript's `\s`, `trim()` and string ordering differ from Python's in small ways
 * (U+FEFF, U+001C..U+001F, U+0085, astral code points), and those differences decide
 * whether a version or specifier is accepted, so they are spelled out here.
 */

/**
 * Python's whitespace (`str.isspace()`, which is also what `re`'s `\s` matches for `str`
 * patterns), as a regex character-class body. JS `\s` adds U+FEFF and lacks U+001C..U+001F
 * and U+0085.
 */
export const PY_WS_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const WS_CHAR = new RegExp(`^[${PY_WS_CLASS}]$`);

/** Python's `str.strip()` with no argument. */
export function pyStrip(text: string): string {
  // A loop, not /\s+$/: an unanchored trailing-whitespace regex is quadratic on long runs.
  let start = 0;
  let end = text.length;
  while (start < end && WS_CHAR.test(text.charAt(start))) start++;
  while (end > start && WS_CHAR.test(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * Python's `str.lower()`. JS `toLowerCase()` applies the same full Unicode lowercase
 * mapping (including final sigma); only Unicode-version differences could make them diverge.
 */
export function pyLower(text: string): string {
  return text.toLowerCase();
}

/** Compare strings by code point, as Python does (JS `<` compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

// Characters Python's str.isprintable() rejects (repr() escapes them); space is printable.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `repr()` of a string, so error messages read exactly like packaging's. */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}
