/**
 * `partialFingerprints.primaryLocationLineHash` as GitHub computes it (github/codeql-action
 * src/fingerprints.ts): a rolling hash, base 37 modulo 2^64, over a window of the next 100
 * characters from the start of each line, where spaces and tabs are skipped, CR and CRLF count
 * as LF, and the end of the file is one 0xFFFF character followed by NULs. The value is
 * `<hash in hex>:<n>`, n counting earlier lines of the same file with the same hash. When the
 * upload action finds a value it computed differently it keeps ours and warns, so ours must match.
 */
const BLOCK = 100;
const MASK = (1n << 64n) - 1n;
const BASE = 37n;
const FIRST = BASE ** BigInt(BLOCK) & MASK;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const EOF = 0xffff;

/**
 * One hash per line of `text` (index 0 is line 1), over UTF-16 code units as the action reads a
 * file decoded as UTF-8. A text ending in a newline has one more (empty) line, as in the action.
 */
export function lineHashes(text: string): string[] {
  const window = new Array<number>(BLOCK).fill(0);
  const lineAt = new Array<number>(BLOCK).fill(-1);
  const counts = new Map<string, number>();
  const out: string[] = [];
  let hash = 0n;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let prevCR = false;

  const emit = () => {
    const hex = hash.toString(16);
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    out[lineAt[index]! - 1] = `${hex}:${n}`;
    lineAt[index] = -1;
  };
  const update = (c: number) => {
    const begin = window[index]!;
    window[index] = c;
    hash = (BASE * hash + BigInt(c) - FIRST * BigInt(begin)) & MASK;
    index = (index + 1) % BLOCK;
  };
  const process = (code: number) => {
    let c = code;
    if (c === SPACE || c === TAB || (prevCR && c === LF)) {
      prevCR = false;
      return;
    }
    prevCR = c === CR;
    if (c === CR) c = LF;
    if (lineAt[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      lineAt[index] = ++line;
    }
    if (c === LF) lineStart = true;
    update(c);
  };

  for (let i = 0; i < text.length; i++) process(text.charCodeAt(i));
  process(EOF);
  for (let i = 0; i < BLOCK; i++) {
    if (lineAt[index] !== -1) emit();
    update(0);
  }
  return out;
}

/** The text GitHub's upload action hashes for a manifest: its UTF-8 decoding, BOM included. */
export function textAsUploaded(m: { text: string; bom: boolean; encoding: string | null }): string {
  const utf8 = m.encoding === null || /^utf[-_]?8$/i.test(m.encoding);
  // Other encodings: the action would hash mojibake we cannot rebuild from the decoded text; the
  // decoded text still gives a value that is stable across runs, which is what GitHub needs.
  return utf8 && m.bom ? `\uFEFF${m.text}` : m.text;
}
