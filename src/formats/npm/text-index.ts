import { lineStarts, positionAt } from '../positions.js';

/** Offsets → 1-based line/column, and → UTF-8 byte offsets, for one decoded text. */
export class TextIndex {
  /** Offset where each line starts; lines end at LF, CRLF or a lone CR. */
  readonly lineStarts: number[];
  private byteCursor = { offset: 0, bytes: 0 };

  constructor(readonly text: string) {
    this.lineStarts = lineStarts(text, true);
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    return positionAt(this.lineStarts, offset).line;
  }

  /** 1-based column (UTF-16 code units) of an offset. */
  column(offset: number): number {
    return offset - this.lineStarts[this.line(offset) - 1]! + 1;
  }

  /** Start offset of a 1-based line, and the end of its content (before the terminator). */
  lineBounds(line: number): { start: number; end: number } {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    let end = this.lineStarts[line] ?? this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 0x0a || this.text.charCodeAt(end - 1) === 0x0d)) end--;
    return { start, end };
  }

  /**
   * UTF-8 byte offset of a text offset (a BOM counts as its 3 bytes; a lone surrogate as the
   * 3 bytes of U+FFFD, as TextEncoder writes it). Cheap for ascending offsets.
   */
  byteOffset(offset: number): number {
    let { offset: at, bytes } = this.byteCursor;
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
    this.byteCursor = { offset: at, bytes };
    return bytes;
  }
}
