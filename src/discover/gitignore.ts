/**
 * A .gitignore matcher (the root file only): comments, blank lines, `!` negation, trailing `/`
 * for directories, leading or inner `/` anchoring, `*`, `?`, `[...]` and `**`. Later rules win.
 *
 * Patterns are matched by a wildcard matcher that backtracks only to the last star (at the path
 * level over segments, then inside a segment over characters): O(pattern × path) per test. The
 * .gitignore comes from the scanned repository, so it is input like any other: compiled to
 * backtracking regexes, one line such as `*a*a*a*a*a*a*a*b` took seconds per path.
 */

/** One token of a path segment pattern. */
type Token = { kind: 'literal'; ch: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; test: (ch: string) => boolean };

/** A segment pattern, or `**` (any number of whole segments). */
type Segment = Token[] | 'globstar';

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  segments: Segment[];
}

function compileSegment(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') tokens.push({ kind: 'star' });
    else if (ch === '?') tokens.push({ kind: 'any' });
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) tokens.push({ kind: 'literal', ch });
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        // A character class tested against one character at a time cannot backtrack.
        let re: RegExp | null;
        try {
          re = new RegExp(`^[${body.replace(/\\/g, '\\\\')}]$`);
        } catch {
          re = null;
        }
        tokens.push({ kind: 'class', test: re ? (c) => re.test(c) : () => false });
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'literal', ch: pattern[++i]! });
    else tokens.push({ kind: 'literal', ch });
  }
  return tokens;
}

function tokenMatches(t: Token, ch: string): boolean {
  return t.kind === 'any' || (t.kind === 'literal' ? t.ch === ch : t.kind === 'class' && t.test(ch));
}

/** Wildcard match of one path segment (no '/'): a star absorbs any run of characters. */
function matchSegment(tokens: Token[], s: string): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < s.length) {
    const t = tokens[p];
    if (t?.kind === 'star') {
      starP = p++;
      starI = i;
    } else if (t !== undefined && tokenMatches(t, s[i]!)) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p++;
  return p === tokens.length;
}

/** The same algorithm one level up: `**` absorbs any run of whole segments. */
function matchPath(segments: Segment[], parts: string[]): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < parts.length) {
    const seg = segments[p];
    if (seg === 'globstar') {
      starP = p++;
      starI = i;
    } else if (seg !== undefined && matchSegment(seg, parts[i]!)) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (segments[p] === 'globstar') p++;
  return p === segments.length;
}

/**
 * `a/**` matches everything inside a (one or more segments); `**` elsewhere, as a whole segment,
 * matches zero or more directories; a pattern without a slash matches at any depth.
 */
function compile(pattern: string, anchored: boolean): Segment[] {
  const parts = pattern.split('/');
  const segments: Segment[] = anchored ? [] : ['globstar'];
  parts.forEach((part, i) => {
    if (part !== '**') segments.push(compileSegment(part));
    else if (i === parts.length - 1) segments.push([{ kind: 'star' }], 'globstar');
    else segments.push('globstar');
  });
  return segments;
}

export class GitIgnore {
  private readonly rules: Rule[] = [];

  constructor(text: string) {
    for (let raw of text.split(/\r?\n/)) {
      if (!raw || raw.startsWith('#')) continue;
      raw = trimTrailingSpace(raw);
      if (!raw) continue;
      let negate = false;
      if (raw.startsWith('!')) {
        negate = true;
        raw = raw.slice(1);
      } else if (raw.startsWith('\\!') || raw.startsWith('\\#')) raw = raw.slice(1);
      let dirOnly = false;
      if (raw.endsWith('/')) {
        dirOnly = true;
        raw = raw.slice(0, -1);
      }
      const anchored = raw.includes('/');
      if (raw.startsWith('/')) raw = raw.slice(1);
      if (!raw) continue;
      this.rules.push({ negate, dirOnly, segments: compile(raw, anchored) });
    }
  }

  /** Whether a root-relative POSIX path (a file, or a directory when `isDir`) is ignored. */
  ignores(path: string, isDir = false): boolean {
    // A file inside an ignored directory stays ignored (git never descends into it).
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (this.match(parts.slice(0, i), true)) return true;
    }
    return this.match(parts, isDir);
  }

  private match(parts: string[], isDir: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.dirOnly && !isDir) continue;
      if (matchPath(rule.segments, parts)) ignored = !rule.negate;
    }
    return ignored;
  }
}

/** Trailing whitespace is dropped unless escaped with a backslash (a loop: `\s+$` backtracks). */
function trimTrailingSpace(s: string): string {
  let end = s.length;
  while (end > 0 && /\s/.test(s[end - 1]!)) end--;
  if (end < s.length && end > 0 && s[end - 1] === '\\') end++;
  return s.slice(0, end);
}
