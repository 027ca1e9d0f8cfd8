/**
 * Textual edits of the default catalog in pnpm-workspace.yaml. The yaml Document gives each node
 * its source range; the new text is the old one with only a value replaced or a line inserted,
 * so comments, blank lines, indentation, quoting and key order stay byte for byte. The default
 * catalog is `catalog:` or, when that key is absent, `catalogs.default` (pnpm reads them as one);
 * without either, a `catalog:` block is appended at the end of the file.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { cmp } from '../../model/diagnostic.js';
import { applySplices, type Splice } from './splice.js';

type Quote = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE';

/** An existing entry: editable when its value is a one-line plain or quoted scalar. */
export type CatalogEntrySite = { editable: true; start: number; end: number; quote: Quote } | { editable: false; reason: string };

/** Where the default catalog is (or would go) in the text, and how its entries are written. */
export interface CatalogSite {
  entries: Map<string, CatalogEntrySite>;
  /** Null when new entries can be added; else why not. */
  insertBlocked: string | null;
  /** How new entries are inserted: the map's form, indentation and item positions. */
  shape:
    | { kind: 'block'; indent: string; items: Array<{ key: string; lineStart: number; after: number }> }
    | { kind: 'flow'; open: number; items: Array<{ key: string; start: number; end: number }> }
    | { kind: 'empty'; indent: string; after: number }
    | { kind: 'missing' };
  keyQuote: QuoteStyle;
  valueQuote: QuoteStyle;
  newline: string;
  unit: string;
}

/** `always`: every existing one is quoted that way; else plain where YAML reads it back unchanged. */
type QuoteStyle = { always: boolean; quote: Exclude<Quote, 'PLAIN'> };

export type LocateResult = { ok: true; site: CatalogSite } | { ok: false; reason: string };

export function locateDefaultCatalog(text: string): LocateResult {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return { ok: false, reason: `pnpm-workspace.yaml does not parse: ${doc.errors[0]!.message.split('\n')[0]}` };
  const newline = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  const unit = ' '.repeat(indentUnit(text));
  const base = { newline, unit, keyQuote: DEFAULT_QUOTE, valueQuote: DEFAULT_QUOTE, entries: new Map<string, CatalogEntrySite>() };
  const root = doc.contents;
  const trailer = /^(?:\.\.\.|---)(?:[ \t]|$)/m.test(text.slice(root?.range?.[0] ?? 0));
  if (root === null || (isScalar(root) && root.value === null && root.range?.[0] === root.range?.[1])) {
    return { ok: true, site: { ...base, shape: { kind: 'missing' }, insertBlocked: trailer ? 'the file has more than one YAML document' : null } };
  }
  if (!isMap(root)) return { ok: false, reason: 'pnpm-workspace.yaml does not hold a mapping' };
  let pair = findPair(root, 'catalog');
  if (!pair) {
    const catalogs = findPair(root, 'catalogs');
    if (catalogs && isMap(catalogs.value)) pair = findPair(catalogs.value, 'default');
  }
  if (!pair) {
    const why = root.flow ? 'the file is a flow mapping ({...})' : trailer ? 'the file has more than one YAML document' : null;
    return { ok: true, site: { ...base, shape: { kind: 'missing' }, insertBlocked: why } };
  }
  const value = pair.value as Node | null;
  const key = pair.key as Node;
  if (value === null || (isScalar(value) && value.value === null && value.range![0] === value.range![1])) {
    const at = value?.range?.[1] ?? key.range![1];
    const indent = ' '.repeat(column(text, key.range![0])) + unit;
    return { ok: true, site: { ...base, shape: { kind: 'empty', indent, after: lineEnd(text, at) }, insertBlocked: null } };
  }
  if (!isMap(value)) return { ok: false, reason: 'the default catalog is not a mapping' };
  return { ok: true, site: describeMap(text, value, base) };
}

const DEFAULT_QUOTE: QuoteStyle = { always: false, quote: 'QUOTE_SINGLE' };

function describeMap(text: string, map: YAMLMap, base: Omit<CatalogSite, 'shape' | 'insertBlocked'>): CatalogSite {
  const entries = new Map<string, CatalogEntrySite>();
  const keyQuotes: Quote[] = [];
  const valueQuotes: Quote[] = [];
  const blockItems: Array<{ key: string; lineStart: number; after: number }> = [];
  const flowItems: Array<{ key: string; start: number; end: number }> = [];
  for (const pair of map.items) {
    const k = pair.key as Node | null;
    if (!isScalar(k) || k.value === null) continue;
    const name = scalarText(k);
    keyQuotes.push(quoteOf(k));
    const v = pair.value as Node | null;
    const end = Math.max(k.range![1], v?.range?.[1] ?? 0);
    if (map.flow) flowItems.push({ key: name, start: k.range![0], end });
    else blockItems.push({ key: name, lineStart: climbComments(text, lineStartOf(text, k.range![0])), after: lineEnd(text, end) });
    if (isScalar(v) && (v.type === 'PLAIN' || v.type === 'QUOTE_SINGLE' || v.type === 'QUOTE_DOUBLE') && !/[\r\n]/.test(text.slice(v.range![0], v.range![1]))) {
      entries.set(name, { editable: true, start: v.range![0], end: v.range![1], quote: v.type });
      valueQuotes.push(v.type);
    } else entries.set(name, { editable: false, reason: 'its catalog entry is not a one-line string (an alias, block scalar or multi-line value): edit it by hand' });
  }
  const first = map.items[0]?.key as Node | undefined;
  const shape: CatalogSite['shape'] = map.flow
    ? { kind: 'flow', open: map.range![0], items: flowItems }
    : { kind: 'block', indent: ' '.repeat(first ? column(text, first.range![0]) : 0), items: blockItems };
  const insertBlocked = map.flow && text[map.range![0]] !== '{' ? 'the catalog is not a plain {...} mapping' : null;
  return { ...base, entries, shape, insertBlocked, keyQuote: styleOf(keyQuotes), valueQuote: styleOf(valueQuotes) };
}

/**
 * The text with the entries in `updates` given new values and the entries in `additions` added:
 * in sorted position when the existing keys are sorted (code-unit order), else after the last one.
 * The caller has checked that every updated entry is editable and that insertion is not blocked.
 */
export function editCatalog(text: string, site: CatalogSite, updates: ReadonlyMap<string, string>, additions: ReadonlyMap<string, string>): string {
  const splices: Splice[] = [];
  for (const [name, spec] of updates) {
    const e = site.entries.get(name);
    if (!e?.editable) throw new Error(`catalog entry ${name} is not editable`);
    splices.push({ start: e.start, end: e.end, text: scalar(spec, e.quote === 'PLAIN' ? { always: false, quote: 'QUOTE_SINGLE' } : { always: true, quote: e.quote }) });
  }
  const added = [...additions].sort(([a], [b]) => cmp(a, b));
  if (added.length > 0) splices.push(...insertions(text, site, added));
  return applySplices(text, splices);
}

function insertions(text: string, site: CatalogSite, added: Array<[string, string]>): Splice[] {
  const { shape, newline: nl } = site;
  const pairText = ([name, spec]: [string, string]) => `${scalar(name, site.keyQuote)}: ${scalar(spec, site.valueQuote)}`;
  const atEnd = (at: number, indent: string, lines: Array<[string, string]>): Splice => {
    const body = lines.map((l) => indent + pairText(l));
    // A last line without a line break: the new lines follow it, and the file still ends without one.
    if (at === text.length && text.length > 0 && !/[\r\n]$/.test(text)) return { start: at, end: at, text: nl + body.join(nl) };
    return { start: at, end: at, text: body.map((l) => l + nl).join('') };
  };
  if (site.insertBlocked !== null) throw new Error(`catalog insertion is blocked: ${site.insertBlocked}`);
  if (shape.kind === 'missing') {
    const lead = text.length > 0 && !/[\r\n]$/.test(text) ? nl : '';
    const body = added.map((l) => site.unit + pairText(l)).join(nl);
    return [{ start: text.length, end: text.length, text: `${lead}catalog:${nl}${body}${lead ? '' : nl}` }];
  }
  if (shape.kind === 'empty') return [atEnd(shape.after, shape.indent, added)];
  const sorted = shape.items.every((it, i) => i === 0 || cmp(shape.items[i - 1]!.key, it.key) <= 0);
  if (shape.kind === 'flow') {
    const out: Splice[] = [];
    const last = shape.items[shape.items.length - 1];
    for (const l of added) {
      const before = sorted ? shape.items.find((it) => cmp(it.key, l[0]) > 0) : undefined;
      if (before) out.push({ start: before.start, end: before.start, text: `${pairText(l)}, ` });
      else if (last) out.push({ start: last.end, end: last.end, text: `, ${pairText(l)}` });
      else out.push({ start: shape.open + 1, end: shape.open + 1, text: out.length ? `, ${pairText(l)}` : pairText(l) });
    }
    return out;
  }
  const out: Splice[] = [];
  const tail: Array<[string, string]> = [];
  for (const l of added) {
    const before = sorted ? shape.items.find((it) => cmp(it.key, l[0]) > 0) : undefined;
    if (before) out.push({ start: before.lineStart, end: before.lineStart, text: shape.indent + pairText(l) + nl });
    else tail.push(l);
  }
  if (tail.length > 0) out.push(atEnd(shape.items[shape.items.length - 1]!.after, shape.indent, tail));
  return out;
}

/** A YAML scalar that reads back as exactly `value`: plain when that is safe (and allowed). */
export function scalar(value: string, style: QuoteStyle): string {
  if (!style.always && plainSafe(value)) return value;
  if (style.quote === 'QUOTE_DOUBLE') return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}

const plainMemo = new Map<string, boolean>();

function plainSafe(value: string): boolean {
  // Characters with no meaning in block or flow context; then YAML itself must read a string back.
  if (!/^[A-Za-z0-9_^~=.][A-Za-z0-9_^~=.+/-]*$/.test(value)) return false;
  let safe = plainMemo.get(value);
  if (safe === undefined) {
    const doc = parseDocument(`- ${value}`);
    const item = doc.errors.length === 0 && isSeq(doc.contents) ? doc.contents.items[0] : null;
    safe = isScalar(item) && item.type === 'PLAIN' && item.value === value;
    if (plainMemo.size >= 4096) plainMemo.clear();
    plainMemo.set(value, safe);
  }
  return safe;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const p of map.items) if (isScalar(p.key) && p.key.value !== null && scalarText(p.key) === key) found = p;
  return found;
}

/** The key as the parser reads it (`1.0` stays `1.0`). */
function scalarText(node: Scalar): string {
  return typeof node.source === 'string' ? node.source : String(node.value);
}

function quoteOf(node: Scalar): Quote {
  return node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE' ? node.type : 'PLAIN';
}

function styleOf(quotes: Quote[]): QuoteStyle {
  const quoted = quotes.filter((q): q is Exclude<Quote, 'PLAIN'> => q !== 'PLAIN');
  const doubles = quoted.filter((q) => q === 'QUOTE_DOUBLE').length;
  const quote = doubles * 2 > quoted.length ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  return { always: quotes.length > 0 && quoted.length === quotes.length && quoted.every((q) => q === quote), quote };
}

function lineStartOf(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function column(text: string, at: number): number {
  return at - lineStartOf(text, at);
}

/** Offset just past the line break that ends the line holding `at` (text end when none). */
function lineEnd(text: string, at: number): number {
  // A block scalar's range already ends past its line break.
  if (at > 0 && (text[at - 1] === '\n' || (text[at - 1] === '\r' && text[at] !== '\n'))) return at;
  const m = /\r\n|\n|\r/g;
  m.lastIndex = at;
  const hit = m.exec(text);
  return hit ? hit.index + hit[0].length : text.length;
}

/** Moves a line start up over the comment-only lines directly above it (they introduce that line). */
function climbComments(text: string, lineStart: number): number {
  let at = lineStart;
  while (at > 0) {
    const prevStart = lineStartOf(text, at - (text[at - 1] === '\n' && text[at - 2] === '\r' ? 2 : 1));
    const line = text.slice(prevStart, at).trim();
    if (!line.startsWith('#')) break;
    at = prevStart;
  }
  return at;
}

/** The smallest indentation of any content line (2 when nothing is indented). */
function indentUnit(text: string): number {
  let unit = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const m = /^( +)[^ #\t]/.exec(line);
    if (m && (unit === 0 || m[1]!.length < unit)) unit = m[1]!.length;
  }
  return unit || 2;
}
