/**
 * pip's line pipeline up to comment stripping (req_file.py: splitlines → join_lines →
 * ignore_comments), keeping the source position of every character so diagnostics and
 * rewrites can point at the physical text.
 */

/**
 * Python's str.isspace() set, what `\s` and str.strip() use in pip's regexes, for one UTF-16 code
 * unit: \t \n \v \f \r, \x1c-\x1f, space, \x85, \xa0, U+1680, U+2000-U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000. Comparisons, not a regex: this runs for every character of every line.
 */
export function isPySpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

export function isPySpace(ch: string): boolean {
  return ch.length === 1 && isPySpaceCode(ch.charCodeAt(0));
}

/** COMMENT_RE.match(line): optional leading whitespace, then '#'. */
export function isCommentLine(s: string): boolean {
  let i = 0;
  while (i < s.length && isPySpaceCode(s.charCodeAt(i))) i++;
  return s.charCodeAt(i) === 0x23;
}

/** Length of the leading whitespace run (a loop, not a regex: a `\s+$` regex backtracks quadratically). */
export function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isPySpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** Python's str.strip() with no argument. */
export function pyStrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPySpaceCode(s.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && isPySpaceCode(s.charCodeAt(start))) start++;
  return s.slice(start, end);
}

export interface PhysicalLine {
  /** 1-based line number in pip's counting (Python splitlines: \v, \f, \x1c-\x1e, \x85, U+2028/9 break lines too). */
  number: number;
  start: number;
  /** End of the content, before the terminator. */
  end: number;
  /** Start of the next line (end + terminator length). */
  next: number;
  terminator: string;
}

/** Python's str.splitlines() boundaries (\r\n is one), as shared strings. */
const TERMINATORS = new Map<number, string>(
  ['\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'].map((t) => [t.charCodeAt(0), t]),
);

/** The line terminator that starts at `i`, or undefined. */
export function terminatorAt(text: string, i: number): string | undefined {
  const c = text.charCodeAt(i);
  // Every terminator is \n-\r, \x1c-\x1e, \x85 or U+2028/9: most characters fail the first test.
  if (c > 0x1e && c !== 0x85 && c !== 0x2028 && c !== 0x2029) return undefined;
  const terminator = TERMINATORS.get(c);
  return terminator === '\r' && text.charCodeAt(i + 1) === 10 ? '\r\n' : terminator;
}

/** Where the physical line starting at `start` ends: the next terminator, or the end of the text. */
export function lineEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && terminatorAt(text, i) === undefined) i++;
  return i;
}

/** The physical line that starts at `start` (< text.length). */
function physicalLineAt(text: string, start: number, number: number): PhysicalLine {
  const end = lineEnd(text, start);
  const terminator = terminatorAt(text, end) ?? '';
  return { number, start, end, next: end + terminator.length, terminator };
}

/**
 * The physical lines, one at a time: a scan rather than a global regex, and a generator, so a file
 * of millions of empty lines neither allocates a match per line nor keeps every line alive.
 */
export function* physicalLines(text: string): Generator<PhysicalLine> {
  for (let start = 0, number = 1; start < text.length; number++) {
    const line = physicalLineAt(text, start, number);
    yield line;
    start = line.next;
  }
}

/** A piece of a logical line copied from one physical line. */
interface Segment {
  /** Offset in the logical string where the piece starts. */
  at: number;
  /** Offset in the file text the piece was copied from. */
  source: number;
  line: PhysicalLine;
}

/** A logical line after pip's join_lines, before comment stripping. */
export interface JoinedLine {
  /** Physical lines it covers (first is pip's line number). */
  lines: PhysicalLine[];
  text: string;
  segments: Segment[];
}

/** Map an offset in a logical string back to a physical line and 1-based column. */
export function locate(joined: JoinedLine, offset: number): { line: number; column: number; source: number } {
  let seg = joined.segments[0]!;
  for (const s of joined.segments) {
    if (s.at <= offset) seg = s;
    else break;
  }
  const source = seg.source + (offset - seg.at);
  return { line: seg.line.number, column: source - seg.line.start + 1, source };
}

/**
 * join_lines, one physical line at a time: a line ending in '\' that is not a comment line is
 * buffered with every leading and trailing backslash stripped; the next non-continued line
 * (comment lines get a ' ' prefix) closes the buffer. Pieces are glued with no separator, exactly
 * like pip. Only the open buffer is kept, so the joined lines of a huge file are not all alive at once.
 */
export class LineJoiner {
  private buffer: JoinedLine | null = null;

  constructor(private readonly text: string) {}

  /** Whether a continued line is waiting for the line that ends it. */
  get open(): boolean {
    return this.buffer !== null;
  }

  /** The logical line `line` completes, or null when it continues onto the next line. */
  push(line: PhysicalLine): JoinedLine | null {
    let piece = this.text.slice(line.start, line.end);
    let source = line.start;
    const isComment = isCommentLine(piece);
    if (!piece.endsWith('\\') || isComment) {
      const target: JoinedLine = this.buffer ?? { lines: [], text: '', segments: [] };
      target.lines.push(line);
      if (isComment) {
        // The synthetic space maps to the line's first character.
        target.segments.push({ at: target.text.length, source, line });
        target.text += ' ';
      }
      target.segments.push({ at: target.text.length, source, line });
      target.text += piece;
      this.buffer = null;
      return target;
    }
    let lead = 0;
    while (piece.charCodeAt(lead) === 0x5c) lead++;
    source += lead;
    let end = piece.length;
    while (end > lead && piece.charCodeAt(end - 1) === 0x5c) end--;
    piece = piece.slice(lead, end);
    const buffer = (this.buffer ??= { lines: [], text: '', segments: [] });
    buffer.lines.push(line);
    buffer.segments.push({ at: buffer.text.length, source, line });
    buffer.text += piece;
    return null;
  }

  /** The continued lines left open at the end of the file, as pip yields them. */
  finish(): JoinedLine | null {
    const rest = this.buffer;
    this.buffer = null;
    return rest;
  }
}

/** The result of ignore_comments on one joined line. */
export interface LogicalLine {
  joined: JoinedLine;
  /** The stripped content pip goes on with ("" = dropped). */
  content: string;
  /** Offset of `content` inside `joined.text`. */
  contentAt: number;
  /** The comment text after '#', or null. */
  comment: string | null;
}

/**
 * COMMENT_RE = (^|\s+)#.*$ substituted away, then str.strip(). The match starts at the first
 * whitespace run that is followed by '#' (or at a '#' in column 0).
 */
export function stripComment(joined: JoinedLine): LogicalLine {
  const text = joined.text;
  let cut = -1;
  if (text.startsWith('#')) cut = 0;
  else {
    let runStart = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x23 && runStart >= 0) {
        cut = runStart;
        break;
      }
      runStart = isPySpaceCode(c) ? (runStart >= 0 ? runStart : i) : -1;
    }
  }
  const kept = cut >= 0 ? text.slice(0, cut) : text;
  const comment = cut >= 0 ? text.slice(text.indexOf('#', cut) + 1) : null;
  const lead = leadingSpace(kept);
  return { joined, content: pyStrip(kept), contentAt: lead, comment };
}
