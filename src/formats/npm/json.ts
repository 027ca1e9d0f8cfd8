/**
 * A strict RFC 8259 JSON reader that keeps source offsets and every object member, duplicates
 * included, in file order. It never throws and never recurses, so hostile nesting cannot
 * overflow the stack; keys are data in arrays, never properties, so `__proto__` is a plain key.
 */

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;

interface NodeBase {
  /** Offsets into the text: [first char, one past the last char). */
  start: number;
  end: number;
}
export interface JsonObject extends NodeBase {
  type: 'object';
  members: JsonMember[];
}
export interface JsonArray extends NodeBase {
  type: 'array';
  items: JsonNode[];
}
export interface JsonString extends NodeBase {
  type: 'string';
  value: string;
}
export interface JsonNumber extends NodeBase {
  type: 'number';
  raw: string;
}
export interface JsonLiteral extends NodeBase {
  type: 'literal';
  value: true | false | null;
}

export interface JsonMember {
  key: string;
  /** Offsets of the key's quotes: [opening quote, one past the closing quote). */
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export interface JsonDuplicate {
  key: string;
  /** The key that is overridden (JSON.parse keeps the last one). */
  offset: number;
  /** The key that wins. */
  laterOffset: number;
}

export type JsonParseResult =
  | { ok: true; value: JsonNode; duplicates: JsonDuplicate[] }
  | { ok: false; error: { offset: number; message: string } };

type Frame =
  | { object: true; node: JsonObject; seen: Map<string, number>; key: string; keyStart: number; keyEnd: number; hasKey: boolean }
  | { object: false; node: JsonArray };

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Parses `text` from `from` (past a BOM, say) to its end. */
export function parseJson(text: string, from = 0): JsonParseResult {
  try {
    return new Reader(text, from).document();
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, error: { offset: e.offset, message: e.message } };
    throw e;
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Reader {
  private pos: number;
  private readonly duplicates: JsonDuplicate[] = [];

  constructor(
    private readonly text: string,
    from: number,
  ) {
    this.pos = from;
  }

  document(): JsonParseResult {
    const stack: Frame[] = [];
    let result: JsonNode;
    // Each turn reads one value, or closes a container, and attaches it to the frame on top.
    for (;;) {
      this.skipSpace();
      const top = stack[stack.length - 1];
      let value: JsonNode | null = null;
      if (top?.object === true && !top.hasKey) {
        const c = this.text.charCodeAt(this.pos);
        if (c === 0x7d /* } */ && top.node.members.length === 0) value = this.close(stack);
        else {
          if (top.node.members.length > 0) {
            if (c === 0x7d) value = this.close(stack);
            else {
              this.expect(0x2c /* , */, "',' or '}' after a member");
              this.skipSpace();
            }
          }
          if (value === null) {
            if (this.text.charCodeAt(this.pos) !== 0x22) throw this.unexpected('a string key');
            top.keyStart = this.pos;
            top.key = this.string();
            top.keyEnd = this.pos;
            this.skipSpace();
            this.expect(0x3a /* : */, "':' after a key");
            top.hasKey = true;
            continue;
          }
        }
      } else if (top?.object === false) {
        const c = this.text.charCodeAt(this.pos);
        if (c === 0x5d /* ] */ && top.node.items.length === 0) value = this.close(stack);
        else if (top.node.items.length > 0) {
          if (c === 0x5d) value = this.close(stack);
          else {
            this.expect(0x2c, "',' or ']' after an item");
            this.skipSpace();
          }
        }
      }
      if (value === null) {
        const c = this.text.charCodeAt(this.pos);
        if (c === 0x7b /* { */) {
          stack.push({ object: true, node: { type: 'object', start: this.pos++, end: -1, members: [] }, seen: new Map(), key: '', keyStart: 0, keyEnd: 0, hasKey: false });
          continue;
        }
        if (c === 0x5b /* [ */) {
          stack.push({ object: false, node: { type: 'array', start: this.pos++, end: -1, items: [] } });
          continue;
        }
        value = this.scalar();
      }
      const parent = stack[stack.length - 1];
      if (!parent) {
        result = value;
        break;
      }
      if (parent.object) {
        const previous = parent.seen.get(parent.key);
        if (previous !== undefined) this.duplicates.push({ key: parent.key, offset: previous, laterOffset: parent.keyStart });
        parent.seen.set(parent.key, parent.keyStart);
        parent.node.members.push({ key: parent.key, keyStart: parent.keyStart, keyEnd: parent.keyEnd, value });
        parent.hasKey = false;
      } else parent.node.items.push(value);
    }
    this.skipSpace();
    if (this.pos < this.text.length) throw this.unexpected('the end of the document');
    return { ok: true, value: result, duplicates: this.duplicates };
  }

  private close(stack: Frame[]): JsonNode {
    const frame = stack.pop()!;
    this.pos++;
    frame.node.end = this.pos;
    return frame.node;
  }

  private scalar(): JsonNode {
    const start = this.pos;
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x22) return { type: 'string', value: this.string(), start, end: this.pos };
    const literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : null;
    if (literal !== null) {
      if (!this.text.startsWith(literal, this.pos)) throw this.unexpected('a value');
      this.pos += literal.length;
      return { type: 'literal', value: literal === 'true' ? true : literal === 'false' ? false : null, start, end: this.pos };
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) throw this.unexpected('a value');
    this.pos += m[0].length;
    return { type: 'number', raw: m[0], start, end: this.pos };
  }

  private string(): string {
    const text = this.text;
    const open = this.pos++;
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= text.length) throw new JsonSyntaxError(open, 'unterminated string');
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) {
        out += text.slice(chunk, this.pos++);
        return out;
      }
      if (c < 0x20) throw new JsonSyntaxError(this.pos, 'control character in a string (escape it)');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += text.slice(chunk, this.pos);
      const e = text[this.pos + 1];
      if (e === 'u') {
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError(this.pos, 'invalid \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        this.pos += 2;
      } else throw new JsonSyntaxError(this.pos, 'invalid escape in a string');
      chunk = this.pos;
    }
  }

  private skipSpace(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else return;
    }
  }

  private expect(code: number, what: string): void {
    if (this.text.charCodeAt(this.pos) !== code) throw this.unexpected(what);
    this.pos++;
  }

  private unexpected(what: string): JsonSyntaxError {
    if (this.pos >= this.text.length) return new JsonSyntaxError(this.pos, `unexpected end of JSON, expected ${what}`);
    const cp = this.text.codePointAt(this.pos)!;
    const shown = cp < 0x20 || cp === 0x7f ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(cp)}'`;
    return new JsonSyntaxError(this.pos, `unexpected ${shown}, expected ${what}`);
  }
}
