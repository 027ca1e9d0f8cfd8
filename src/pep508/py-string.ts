import { err, ok, type Result } from '../result.js';

/*
 * packaging turns a QUOTED_STRING token into a value with `ast.literal_eval`, so
 * the token is a Python string literal: escapes are decoded, and some tokens are
 * not valid literals at all (packaging 26.2 then raises SyntaxError, not
 * InvalidMarker). This mirrors CPython 3.11's tokenizer and escape decoder.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '', // backslash-newline is a line continuation inside the literal
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Decodes a quoted-string token (quotes included) the way `ast.literal_eval`
 * does. The error is a short reason, e.g. "unterminated string literal".
 * `\N{...}` named escapes are not supported (no Unicode name table): a known,
 * documented divergence.
 */
export function decodePythonString(token: string): Result<string, string> {
  if (token.includes('\0')) return err('source code string cannot contain null bytes');
  // Python cannot UTF-8 encode a lone surrogate in source code.
  if (/\p{Cs}/u.test(token)) return err('surrogates not allowed');
  // The tokenizer translates \r\n and lone \r to \n before scanning.
  const body = token.slice(1, -1).replace(/\r\n?/g, '\n');
  const scanned = checkTerminated(body);
  if (!scanned.ok) return scanned;
  return decodeEscapes(body);
}

function checkTerminated(body: string): Result<true, string> {
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    // A final backslash escapes the closing quote; a raw newline ends the line.
    if (ch === '\\') {
      if (i + 1 >= body.length) return err('unterminated string literal');
      i++;
    } else if (ch === '\n') {
      return err('unterminated string literal');
    }
  }
  return ok(true);
}

function decodeEscapes(body: string): Result<string, string> {
  let out = '';
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf('\\', i);
    if (slash < 0) {
      out += body.slice(i);
      break;
    }
    out += body.slice(i, slash);
    const ch = body[slash + 1] ?? '';
    i = slash + 2;
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) {
      out += simple;
    } else if (ch >= '0' && ch <= '7') {
      const digits = /^[0-7]{1,3}/.exec(body.slice(slash + 1, slash + 4))?.[0] ?? ch;
      out += String.fromCodePoint(parseInt(digits, 8));
      i = slash + 1 + digits.length;
    } else if (HEX_DIGITS[ch] !== undefined) {
      const want = HEX_DIGITS[ch] ?? 0;
      const hex = body.slice(i, i + want);
      if (!new RegExp(`^[0-9a-fA-F]{${want}}$`).test(hex)) return err(`truncated \\${ch}${'X'.repeat(want)} escape`);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return err('illegal Unicode character');
      // String.fromCharCode keeps surrogate escapes (\ud800) as lone code units, like Python.
      out += code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
      i += want;
    } else if (ch === 'N') {
      return err('\\N{...} escapes are not supported');
    } else {
      // Unknown escapes keep the backslash (Python only warns).
      out += '\\';
      i = slash + 1;
    }
  }
  return ok(out);
}
