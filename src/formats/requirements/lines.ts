/**
 * pip's line pipeline up to comment stripping (req_file.py: splitlines → join_lines →
 * ignore_comments), keeping the source position of every character so diagnostics and
 * rewrites can point at the physical text.
 */

/** Python's str.isspace() set: what `\s` and str.strip() use in pip's regexes. */
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
export const PY_SPACE_CLASS = `[${PY_SPACE}]`;
const IS_SPACE = new RegExp(`^${PY_SPACE_CLASS}$`);
// COMMENT_RE.match(line): optional leading whitespace, then '#'.
const COMMENT_LINE = new RegExp(`^${PY_SPACE_CLASS}*#`);

export function isPySpace(ch: string): boolean {
  return IS_SPACE.test(ch);
}

/** Length of the leading whitespace run (a loop, not a regex: a `\s+$` regex backtracks quadratically). */
export function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isPySpace(s[i]!)) i++;
  return i;
}

/** Python's str.strip() with no argument. */
export function pyStrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPySpace(s[end - 1]!)) end--;
  const start = leadingSpace(s.slice(0, end));
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

/**
 * The physical lines, one at a time: a scan rather than a global regex, and a generator, so a file
 * of millions of empty lines neither allocates a match per line nor keeps every line alive.
 */
export function* physicalLines(text: string): Generator<PhysicalLine> {
  let start = 0;
  let number = 1;
  for (let i = 0; i < text.length; i++) {
    let terminator = TERMINATORS.get(text.charCodeAt(i));
    if (terminator === undefined) continue;
    if (terminator === '\r' && text.charCodeAt(i + 1) === 10) terminator = '\r\n';
    yield { number: number++, start, end: i, next: i + terminator.length, terminator };
    i += terminator.length - 1;
    start = i + 1;
  }
  if (start < text.length) yield { number, start, end: text.length, next: text.length, terminator: '' };
}

export function splitPhysicalLines(text: string): PhysicalLine[] {
  return [...physicalLines(text)];
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
 * join_lines: a line ending in '\' that is not a comment line is buffered with every leading and
 * trailing backslash stripped; the next non-continued line (comment lines get a ' ' prefix) closes
 * the buffer. Pieces are glued with no separator, exactly like pip. A generator, so the joined
 * lines of a huge file are not all alive at once.
 */
export function* joinLines(text: string, physical: Iterable<PhysicalLine>): Generator<JoinedLine> {
  let buffer: JoinedLine | null = null;
  for (const line of physical) {
    let piece = text.slice(line.start, line.end);
    let source = line.start;
    const isComment = COMMENT_LINE.test(piece);
    if (!piece.endsWith('\\') || isComment) {
      let prefix = '';
      if (isComment) prefix = ' ';
      const target: JoinedLine = buffer ?? { lines: [], text: '', segments: [] };
      target.lines.push(line);
      if (prefix) {
        // The synthetic space maps to the line's first character.
        target.segments.push({ at: target.text.length, source, line });
        target.text += prefix;
      }
      target.segments.push({ at: target.text.length, source, line });
      target.text += piece;
      buffer = null;
      yield target;
    } else {
      const lead = /^\\+/.exec(piece)?.[0].length ?? 0;
      source += lead;
      let end = piece.length;
      while (end > lead && piece[end - 1] === '\\') end--;
      piece = piece.slice(lead, end);
      buffer ??= { lines: [], text: '', segments: [] };
      buffer.lines.push(line);
      buffer.segments.push({ at: buffer.text.length, source, line });
      buffer.text += piece;
    }
  }
  if (buffer) yield buffer;
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
      const ch = text[i]!;
      if (ch === '#' && runStart >= 0) {
        cut = runStart;
        break;
      }
      runStart = isPySpace(ch) ? (runStart >= 0 ? runStart : i) : -1;
    }
  }
  const kept = cut >= 0 ? text.slice(0, cut) : text;
  const comment = cut >= 0 ? text.slice(text.indexOf('#', cut) + 1) : null;
  const lead = leadingSpace(kept);
  return { joined, content: pyStrip(kept), contentAt: lead, comment };
}
