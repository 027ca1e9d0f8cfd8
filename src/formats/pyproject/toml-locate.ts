/**
 * Source positions for a TOML document. smol-toml returns values without positions, so this
 * scanner walks the same text once more and records, for every key path, where its value and its
 * whole entry are. It is meant for text smol-toml has accepted; on anything else it stops early
 * (it never throws, never recurses deeper than MAX_TOML_DEPTH and always advances).
 */

/** A key path: table keys and array indexes (arrays of tables count as arrays). */
export type TomlPath = ReadonlyArray<string | number>;

/** Offsets into the text, `end` exclusive. */
export interface TomlSpan {
  start: number;
  end: number;
}

export interface TomlLocations {
  /** The value itself: a string with its quotes, an array with its brackets, ... */
  value(path: TomlPath): TomlSpan | undefined;
  /** `key = value` for a key/value pair; a `[table]` header through its last key/value. */
  entry(path: TomlPath): TomlSpan | undefined;
  /** Deepest array/inline-table nesting and longest dotted key seen (for the hostile-input guard). */
  maxDepth: number;
  maxKeyParts: number;
  /** The first TOML 1.1 construct (smol-toml reads it, Python's tomllib refuses it), or null. */
  toml11: { offset: number; what: string } | null;
}

/** Nesting deeper than this is refused before smol-toml sees it (it recurses). */
export const MAX_TOML_DEPTH = 100;

class Stop {}

const keyOf = (path: TomlPath): string => JSON.stringify(path);
const WS = new Set([' ', '\t']);
const BARE_END = new Set([' ', '\t', '\r', '\n', '=', '.', ']', '[', '"', "'", '#', ',', '{', '}']);
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

export function locateToml(text: string): TomlLocations {
  const s = new Scanner(text);
  try {
    s.document();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return {
    value: (path) => s.values.get(keyOf(path)),
    entry: (path) => s.entries.get(keyOf(path)),
    maxDepth: s.maxDepth,
    maxKeyParts: s.maxKeyParts,
    toml11: s.toml11,
  };
}

class Scanner {
  pos = 0;
  maxDepth = 0;
  maxKeyParts = 0;
  toml11: { offset: number; what: string } | null = null;
  readonly values = new Map<string, TomlSpan>();
  readonly entries = new Map<string, TomlSpan>();
  /** Arrays of tables seen so far (concrete path → element count). */
  private readonly tableArrays = new Map<string, number>();

  constructor(private readonly text: string) {}

  document(): void {
    let table: Array<string | number> = [];
    while (this.skipBlank(true)) {
      if (this.text[this.pos] === '[') table = this.header();
      else this.keyValue(table, 0, table);
      this.skipBlank(false);
      if (this.pos < this.text.length && this.text[this.pos] !== '\n' && this.text[this.pos] !== '\r') throw new Stop();
    }
  }

  /** `[a.b]` or `[[a.b]]`; returns the concrete path of the table it opens. */
  private header(): Array<string | number> {
    const start = this.pos;
    const array = this.text.startsWith('[[', this.pos);
    this.pos += array ? 2 : 1;
    const keys = this.key();
    this.skipSpaces();
    if (!this.text.startsWith(array ? ']]' : ']', this.pos)) throw new Stop();
    this.pos += array ? 2 : 1;
    const path: Array<string | number> = [];
    const parents: string[] = [];
    keys.forEach((k, i) => {
      path.push(k);
      const count = this.tableArrays.get(keyOf(path));
      if (array && i === keys.length - 1) {
        this.tableArrays.set(keyOf(path), (count ?? 0) + 1);
        path.push(count ?? 0);
      } else if (count !== undefined) path.push(count - 1);
      if (i < keys.length - 1) parents.push(keyOf(path));
    });
    const span = { start, end: this.pos };
    // A table only a header implies (`tool` in `[tool.poetry]`) is located at the first such header.
    for (const p of parents) if (!this.entries.has(p)) this.entries.set(p, { ...span });
    this.values.set(keyOf(path), span);
    this.entries.set(keyOf(path), { ...span });
    return path;
  }

  /** `key = value` under `base`; `table` is the enclosing [table] whose entry grows with it. */
  private keyValue(base: TomlPath, depth: number, table: TomlPath | null): void {
    const start = this.pos;
    const keys = this.key();
    this.skipSpaces();
    if (this.text[this.pos] !== '=') throw new Stop();
    this.pos++;
    this.skipSpaces();
    const path = [...base, ...keys];
    this.value(path, depth);
    const span = { start, end: this.pos };
    this.entries.set(keyOf(path), span);
    for (let i = 1; i < keys.length; i++) this.grow(keyOf([...base, ...keys.slice(0, i)]), span);
    if (table !== null) this.grow(keyOf(table), span);
  }

  private grow(key: string, span: TomlSpan): void {
    const e = this.entries.get(key);
    if (e === undefined) this.entries.set(key, { ...span });
    else {
      e.start = Math.min(e.start, span.start);
      e.end = Math.max(e.end, span.end);
    }
  }

  private value(path: TomlPath, depth: number): void {
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === '"' || c === "'") this.string(false);
    else if (c === '[' || c === '{') {
      if (depth + 1 > this.maxDepth) this.maxDepth = depth + 1;
      if (depth + 1 > MAX_TOML_DEPTH) throw new Stop();
      this.pos++;
      if (c === '[') this.arrayItems(path, depth + 1);
      else this.inlineTable(path, depth + 1);
    } else {
      while (this.pos < this.text.length && !',]}#\r\n'.includes(this.text[this.pos]!)) this.pos++;
      while (this.pos > start && WS.has(this.text[this.pos - 1]!)) this.pos--;
      if (this.pos === start) throw new Stop();
      if (/(?:^|[T ])\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?$/i.test(this.text.slice(start, this.pos))) this.toml11at(start, 'a time without seconds');
    }
    this.values.set(keyOf(path), { start, end: this.pos });
  }

  private arrayItems(path: TomlPath, depth: number): void {
    for (let i = 0; ; i++) {
      this.skipBlank(true);
      if (this.text[this.pos] === ']') break;
      this.value([...path, i], depth);
      this.skipBlank(true);
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') throw new Stop();
    }
    this.pos++;
  }

  private inlineTable(path: TomlPath, depth: number): void {
    for (let first = true; ; first = false) {
      this.inlineBlank();
      if (this.text[this.pos] === '}') {
        if (!first) this.toml11at(this.pos, 'a trailing comma in an inline table');
        break;
      }
      this.keyValue(path, depth, null);
      this.inlineBlank();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') throw new Stop();
      else break;
    }
    this.pos++;
  }

  /** Blanks inside an inline table; TOML 1.0 allows no newline or comment there. */
  private inlineBlank(): void {
    const start = this.pos;
    this.skipBlank(true);
    if (/[\r\n#]/.test(this.text.slice(start, this.pos))) this.toml11at(start, 'a newline or comment inside an inline table');
  }

  private toml11at(offset: number, what: string): void {
    this.toml11 ??= { offset, what };
  }

  /** A dotted key: bare, "basic" or 'literal' parts, spaces around the dots. */
  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.text[this.pos];
      if (c === '"' || c === "'") parts.push(this.string(true));
      else {
        const start = this.pos;
        while (this.pos < this.text.length && !BARE_END.has(this.text[this.pos]!)) this.pos++;
        if (this.pos === start) throw new Stop();
        parts.push(this.text.slice(start, this.pos));
      }
      if (parts.length > this.maxKeyParts) this.maxKeyParts = parts.length;
      if (parts.length > MAX_TOML_DEPTH) throw new Stop();
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  /** Any of the four string forms; returns the decoded value when `decode` (keys need it). */
  private string(decode: boolean): string {
    const t = this.text;
    const q = t[this.pos]!;
    const multi = t.startsWith(q.repeat(3), this.pos);
    this.pos += multi ? 3 : 1;
    let out = '';
    if (multi && t[this.pos] === '\n') this.pos++;
    else if (multi && t.startsWith('\r\n', this.pos)) this.pos += 2;
    for (;;) {
      if (this.pos >= t.length) throw new Stop();
      const c = t[this.pos]!;
      if (c === q && (!multi || t.startsWith(q.repeat(3), this.pos))) {
        let n = 1;
        while (t[this.pos + n] === q) n++;
        // A multi-line string may end with up to two quotes of its own before the closing three.
        const closing = multi ? Math.min(n, 5) : 1;
        if (decode) out += q.repeat(closing - (multi ? 3 : 1));
        this.pos += closing;
        return out;
      }
      if (!multi && (c === '\n' || c === '\r')) throw new Stop();
      if (c === '\\' && q === '"') {
        const e = this.escape(multi);
        if (decode) out += e;
        continue;
      }
      if (decode) out += c;
      this.pos++;
    }
  }

  private escape(multi: boolean): string {
    const t = this.text;
    const e = t[this.pos + 1] ?? '';
    if (multi && /^[ \t\r\n]$/.test(e)) {
      // Line-ending backslash: drop the newline and the whitespace after it.
      this.pos++;
      while (this.pos < t.length && /[ \t\r\n]/.test(t[this.pos]!)) this.pos++;
      return '';
    }
    if (e === 'e' || e === 'x') this.toml11at(this.pos, `the escape \\${e}`);
    const width = e === 'u' ? 4 : e === 'U' ? 8 : e === 'x' ? 2 : 0;
    if (width > 0) {
      const hex = t.slice(this.pos + 2, this.pos + 2 + width);
      this.pos += 2 + width;
      const cp = Number.parseInt(hex, 16);
      return /^[0-9a-fA-F]+$/.test(hex) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    this.pos += 2;
    return ESCAPES[e] ?? e;
  }

  private skipSpaces(): void {
    while (WS.has(this.text[this.pos] ?? '')) this.pos++;
  }

  /** Whitespace and comments, and newlines too when `newlines`; false at the end of the text. */
  private skipBlank(newlines: boolean): boolean {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined) return false;
      if (WS.has(c) || (newlines && (c === '\n' || c === '\r'))) this.pos++;
      else if (c === '#') {
        while (this.pos < t.length && t[this.pos] !== '\n' && t[this.pos] !== '\r') this.pos++;
      } else return true;
    }
  }
}
