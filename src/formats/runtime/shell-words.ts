/**
 * The two word readers a Dockerfile FROM needs, as BuildKit has them: splitting an instruction's
 * arguments into words (quotes and escapes kept), and expanding one word against the global ARGs
 * (quotes removed, `$X`, `${X}`, `${X:-w}`, `${X-w}`, `${X:+w}`, `${X+w}`, `${X:?m}`, `${X?m}`).
 */

/** Go's unicode.IsSpace, which BuildKit uses to split words (JS `\s` lacks U+0085, has U+FEFF). */
export const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Stands for the value of a variable without a default: the build supplies it, depaudit cannot. */
export const UNKNOWN = '\u0000';

export interface Word {
  text: string;
  /** Index of the word's first character in the input. */
  start: number;
}

/** BuildKit's parseWords: whitespace splits words outside quotes; quotes and escapes stay in the word. */
export function splitWords(input: string, escape: string): Word[] {
  const words: Word[] = [];
  let word = '';
  let start = -1;
  let quote: string | null = null;
  let blankOk = false;
  const flush = () => {
    if (blankOk || word.length > 0) words.push({ text: word, start });
    word = '';
    start = -1;
    blankOk = false;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quote === null) {
      if (GO_SPACE.test(c)) {
        if (start >= 0) flush();
        continue;
      }
      if (start < 0) start = i;
      if (c === "'" || c === '"') {
        quote = c;
        blankOk = true;
        word += c;
        continue;
      }
    } else if (c === quote) {
      quote = null;
      word += c;
      continue;
    }
    // Outside single quotes an escape travels with the next character; one at the very end is dropped.
    if (c === escape && quote !== "'") {
      if (i + 1 < input.length) word += c + input[++i]!;
      continue;
    }
    word += c;
  }
  if (start >= 0) flush();
  return words;
}

export type Expansion = { ok: true; value: string } | { ok: false; error: string; tooLong?: true };

/**
 * At most this many characters of one word come from variables. `ARG A=$B$B` chains double at
 * each step (40 of them would need 2^40 characters); no image reference is anywhere near this long.
 */
export const MAX_EXPANSION = 4096;

/**
 * BuildKit's shell lexer on one word. A variable that is unset (no default) expands to
 * {@link UNKNOWN}, so callers can tell which part of the result is unknown.
 */
export function expandWord(word: string, env: ReadonlyMap<string, string>, escape: string): Expansion {
  const lexer = new Lexer(word, env, escape);
  try {
    const value = lexer.until(null);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof TooLongError) return { ok: false, error: e.message, tooLong: true };
    if (e instanceof LexError) return { ok: false, error: e.message };
    throw e;
  }
}

class LexError extends Error {}
class TooLongError extends LexError {}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;
const SPECIAL = '@*#?-$!0';

class Lexer {
  private i = 0;
  /** Characters substituted from variables so far (see MAX_EXPANSION). */
  private substituted = 0;
  constructor(
    private readonly s: string,
    private readonly env: ReadonlyMap<string, string>,
    private readonly escape: string,
  ) {}

  /** Reads up to `stop` (consumed) or the end; `stop` is `}` inside `${X:-...}`. */
  until(stop: string | null): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === stop) return out;
      if (c === "'") out += this.singleQuoted();
      else if (c === '"') out += this.doubleQuoted();
      else if (c === '$') out += this.dollar();
      else if (c === this.escape) {
        if (this.i < this.s.length) out += this.s[this.i++]!;
      } else out += c;
    }
    if (stop !== null) throw new LexError(`missing '${stop}'`);
    return out;
  }

  private singleQuoted(): string {
    const end = this.s.indexOf("'", this.i);
    if (end < 0) throw new LexError('unexpected end of statement while looking for matching single-quote');
    const out = this.s.slice(this.i, end);
    this.i = end + 1;
    return out;
  }

  private doubleQuoted(): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === '"') return out;
      if (c === '$') out += this.dollar();
      else if (c === this.escape) {
        const next = this.s[this.i];
        // Only `"`, `$` and the escape itself can be escaped inside double quotes.
        if (next === undefined) continue;
        if (next === '"' || next === '$' || next === this.escape) {
          out += next;
          this.i++;
        } else out += c;
      } else out += c;
    }
    throw new LexError('unexpected end of statement while looking for matching double-quote');
  }

  private name(): string {
    const s = this.s;
    const from = this.i;
    if (/\d/.test(s[from] ?? '')) {
      while (/\d/.test(s[this.i] ?? '')) this.i++;
    } else if (SPECIAL.includes(s[from] ?? '\n') && s[from] !== undefined) {
      this.i++;
    } else {
      while (this.i < s.length && NAME_CHAR.test(s[this.i]!)) this.i++;
    }
    return s.slice(from, this.i);
  }

  private dollar(): string {
    if (this.s[this.i] !== '{') {
      const name = this.name();
      return name === '' ? '$' : this.lookup(name);
    }
    this.i++;
    const name = this.name();
    if (name === '') throw new LexError('bad substitution');
    let op = this.s[this.i];
    if (op === '}') {
      this.i++;
      return this.lookup(name);
    }
    let colon = false;
    if (op === ':') {
      colon = true;
      this.i++;
      op = this.s[this.i];
    }
    if (op === undefined) throw new LexError("missing '}'");
    this.i++;
    const word = this.until('}');
    const value = this.env.get(name);
    const set = value !== undefined && (!colon || value !== '');
    switch (op) {
      case '-':
        return set ? this.count(value) : word;
      case '+':
        return set ? word : '';
      case '?':
        return set ? this.count(value) : UNKNOWN;
      case '#':
      case '%':
      case '/':
        // Pattern edits (${X%.*}) are rare in FROM lines: the result is taken as unknown.
        if (colon) throw new LexError(`unsupported modifier (:${op}) in substitution`);
        return UNKNOWN;
      default:
        throw new LexError(`unsupported modifier (${colon ? ':' : ''}${op}) in substitution`);
    }
  }

  private lookup(name: string): string {
    return this.count(this.env.get(name) ?? UNKNOWN);
  }

  private count(value: string): string {
    this.substituted += value.length;
    if (this.substituted > MAX_EXPANSION) throw new TooLongError(`expands to more than ${MAX_EXPANSION} characters`);
    return value;
  }
}
