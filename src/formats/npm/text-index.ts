import { lineStarts, positionAt } from '../positions.js';

// Anything outside ASCII (a BOM included) makes UTF-8 byte offsets differ from text offsets.
const NON_ASCII = /[^\x00-\x7f]/;

/** Offsets → 1-based line/column, and → UTF-8 byte offsets, for one decoded text. */
export class TextIndex {
  /** Offset where each line starts; lines end at LF, CRLF or a lone CR. */
  readonly lineStarts: number[];
  /** Every character is ASCII: a byte offset is the character offset. */
  readonly ascii: boolean;
  // Where the last byteOffset call stopped (two numbers, not an object: it is called twice per declaration).
  private cursorOffset = 0;
  private cursorBytes = 0;

  constructor(readonly text: string) {
    this.lineStarts = lineStarts(text, true);
    this.ascii = !NON_ASCII.test(text);
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    return positionAt(this.lineStarts, offset).line;
  }

  /** 1-based column (UTF-16 code units) of an offset. */
  column(offset: number): number {
    return offset - this.lineStarts[this.line(offset) - 1]! + 1;
  }

  /**
   * UTF-8 byte offset of a text offset (a BOM counts as its 3 bytes; a lone surrogate as the
   * 3 bytes of U+FFFD, as TextEncoder writes it). Cheap for ascending offsets.
   */
  byteOffset(offset: number): number {
    if (this.ascii) return offset;
    let at = this.cursorOffset;
    let bytes = this.cursorBytes;
    if (offset < at) {
      at = 0;
      bytes = 0;
    }
    const text = this.text;
    while (at < offset) {
      const c = text.charCodeAt(at);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
        bytes += 4;
        at++;
      } else bytes += 3;
      at++;
    }
    this.cursorOffset = at;
    this.cursorBytes = bytes;
    return bytes;
  }
}
