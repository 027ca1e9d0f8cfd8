import { codePointOffset, PY_BOUNDARY } from './chars.js';
import { SPECIFIER_RE } from './specifier-token.js';

/** Token names of packaging 26's `_tokenizer.DEFAULT_RULES`. */
export type TokenName =
  | 'LEFT_PARENTHESIS'
  | 'RIGHT_PARENTHESIS'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'SEMICOLON'
  | 'COMMA'
  | 'QUOTED_STRING'
  | 'OP'
  | 'BOOLOP'
  | 'IN'
  | 'NOT'
  | 'VARIABLE'
  | 'SPECIFIER'
  | 'AT'
  | 'URL'
  | 'IDENTIFIER'
  | 'VERSION_PREFIX_TRAIL'
  | 'VERSION_LOCAL_LABEL_TRAIL'
  | 'WS'
  | 'END';

/** A token read from the source; `position` is a UTF-16 index. */
export interface Token {
  name: TokenName;
  text: string;
  position: number;
}

/** What kind of failure a parse error is; `syntax` mirrors packaging's ParserSyntaxError. */
export type Pep508ErrorKind = 'syntax' | 'string' | 'specifier' | 'depth';

/**
 * A PEP 508 parse error. `message` uses packaging's wording. Positions count code
 * points (like Python str indices), so they match packaging's spans exactly.
 */
export interface Pep508Error {
  message: string;
  /** 1-based column of packaging's caret (`^`): where the parser gave up. */
  column: number;
  /** packaging's `ParserSyntaxError.span`: 0-based [start, end] code-point offsets. */
  span: [number, number];
  /** UTF-16 index of the caret, for slicing the JS string. */
  index: number;
  kind: Pep508ErrorKind;
}

/**
 * Internal control flow of the recursive-descent parsers: thrown at the failure
 * and converted to a `Pep508Error` value at the public boundary, never escaping.
 */
export class ParseFailure {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
    readonly kind: Pep508ErrorKind,
  ) {}

  /** Converts UTF-16 indices into packaging's code-point span. */
  toError(source: string): Pep508Error {
    const start = codePointOffset(source, this.start);
    const end = codePointOffset(source, this.end);
    return { message: this.message, column: end + 1, span: [start, end], index: this.end, kind: this.kind };
  }
}

/** The length of the token at `position`, or -1. `ascii`: the source has only ASCII characters. */
type Matcher = (source: string, position: number, ascii: boolean) => number;

function sticky(pattern: string | RegExp, flags = 'yu'): Matcher {
  const re = typeof pattern === 'string' ? new RegExp(pattern, flags) : pattern;
  return (source, position) => matchLength(re, source, position);
}

function matchLength(re: RegExp, source: string, position: number): number {
  re.lastIndex = position;
  const m = re.exec(source);
  return m === null ? -1 : m[0].length;
}

/**
 * `body` between Python's Unicode `\b`s. Where every character is ASCII, JS's own `\b` draws the
 * same boundaries, so the Unicode form (its `\p{L}` lookarounds take ~2 ms each to compile, most of
 * a small run's parsing) is built only when a source with other characters needs it.
 */
function wordBounded(body: string): Matcher {
  const ascii = new RegExp(`\\b(?:${body})\\b`, 'y');
  let unicode: RegExp | undefined;
  return (source, position, isAscii) =>
    matchLength(isAscii ? ascii : (unicode ??= new RegExp(`${PY_BOUNDARY}(?:${body})${PY_BOUNDARY}`, 'yu')), source, position);
}

const VARIABLE = [
  'python_version',
  'python_full_version',
  'os[._]name',
  'sys[._]platform',
  'platform_(?:release|system)',
  'platform[._](?:version|machine|python_implementation)',
  'python_implementation',
  'implementation_(?:name|version)',
  'extras?',
  'dependency_groups',
].join('|');

const RULES: Record<TokenName, Matcher> = {
  LEFT_PARENTHESIS: sticky('\\('),
  RIGHT_PARENTHESIS: sticky('\\)'),
  LEFT_BRACKET: sticky('\\['),
  RIGHT_BRACKET: sticky('\\]'),
  SEMICOLON: sticky(';'),
  COMMA: sticky(','),
  QUOTED_STRING: sticky(`'[^']*'|"[^"]*"`),
  OP: sticky('===|==|~=|!=|<=|>=|<|>'),
  BOOLOP: wordBounded('or|and'),
  IN: wordBounded('in'),
  NOT: wordBounded('not'),
  VARIABLE: wordBounded(VARIABLE),
  SPECIFIER: sticky(SPECIFIER_RE),
  AT: sticky('@'),
  URL: sticky('[^ \\t]+'),
  IDENTIFIER: wordBounded('[a-zA-Z0-9][a-zA-Z0-9._-]*'),
  VERSION_PREFIX_TRAIL: sticky('\\.\\*'),
  VERSION_LOCAL_LABEL_TRAIL: sticky('\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*'),
  WS: sticky('[ \\t]+'),
  // Python's `$` also matches just before a final "\n", so "foo\n" is accepted.
  END: (source, position) =>
    position === source.length || (position === source.length - 1 && source.charCodeAt(position) === 10) ? 0 : -1,
};

const NON_ASCII = /[^\0-\x7f]/;

/**
 * Context-sensitive tokenizer mirroring packaging's `_tokenizer.Tokenizer`: the
 * parser asks whether a given token comes next instead of pre-tokenizing.
 */
export class Tokenizer {
  position = 0;
  private nextToken: Token | null = null;
  private readonly ascii: boolean;

  constructor(readonly source: string) {
    this.ascii = !NON_ASCII.test(source);
  }

  /** Whether the next token is `name`; unless `peek`, it must then be `read()`. */
  check(name: TokenName, peek = false): boolean {
    const length = RULES[name](this.source, this.position, this.ascii);
    if (length < 0) return false;
    if (!peek) this.nextToken = { name, text: this.source.slice(this.position, this.position + length), position: this.position };
    return true;
  }

  /** Reads the token if it is next. */
  consume(name: TokenName): void {
    if (this.check(name)) this.read();
  }

  /** Reads the token or fails with `Expected <expected>`. */
  expect(name: TokenName, expected: string): Token {
    if (!this.check(name)) this.fail(`Expected ${expected}`);
    return this.read();
  }

  /** Consumes the token found by the last successful `check`. */
  read(): Token {
    const token = this.nextToken;
    if (token === null) throw new Error('Tokenizer.read() without a successful check()');
    this.position += token.text.length;
    this.nextToken = null;
    return token;
  }

  /** Aborts parsing; the span defaults to the current position. */
  fail(message: string, spanStart?: number, spanEnd?: number, kind: Pep508ErrorKind = 'syntax'): never {
    throw new ParseFailure(message, spanStart ?? this.position, spanEnd ?? this.position, kind);
  }

  /** packaging's `enclosing_tokens`: an optional open token whose close token is then required. */
  enclosed<T>(open: TokenName, close: TokenName, around: string, body: () => T): T {
    let openPosition: number | null = null;
    if (this.check(open)) {
      openPosition = this.position;
      this.read();
    }
    const result = body();
    if (openPosition === null) return result;
    if (!this.check(close)) this.fail(`Expected matching ${close} for ${open}, after ${around}`, openPosition);
    this.read();
    return result;
  }
}
