/**
 * Building blocks shared by the fuzz generators: raw strings and bytes, fragment soups, line
 * joining with every terminator the parsers distinguish, and mutation of structured text so
 * near-valid files (one byte off a real manifest) are as common as valid and random ones.
 */
import fc, { type Arbitrary } from 'fast-check';

/** Line terminators, weighted towards the common ones; the rest are Python splitlines() breaks. */
export const TERMINATOR = fc.oneof(
  { weight: 12, arbitrary: fc.constant('\n') },
  { weight: 3, arbitrary: fc.constant('\r\n') },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\f', '\v', '\x1c', '\x85', '\u2028') },
);

/** Whitespace a parser may or may not treat as such (Python's str.isspace() is wider than JSON's). */
export const SPACE = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('', ' ', '  ') },
  { weight: 2, arbitrary: fc.constantFrom('\t', '    ', ' \t ') },
  { weight: 1, arbitrary: fc.constantFrom('\u00a0', '\u3000', '\u2003', '\f', '\v', '\u200b', '\ufeff') },
);

/** Random text of every kind: arbitrary UTF-16 (lone surrogates too), printable ASCII, decoded bytes. */
export const rawText: Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 160 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 160 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.uint8Array({ maxLength: 160 }).map((b) => new TextDecoder('utf-8').decode(b)),
  fc.uint8Array({ maxLength: 160 }).map((b) => Buffer.from(b).toString('latin1')),
);

/** Text glued from a format's own tokens, so random input still reaches the deep paths. */
export function soup(fragments: readonly string[], maxLength = 40): Arbitrary<string> {
  return fc.array(fc.constantFrom(...fragments), { maxLength }).map((parts) => parts.join(''));
}

/** Lines joined with per-line terminators; the last terminator is sometimes left off. */
export function joinLines(lines: Arbitrary<string[]>): Arbitrary<string> {
  return lines.chain((ls) =>
    fc.tuple(fc.array(TERMINATOR, { minLength: ls.length, maxLength: ls.length }), fc.boolean()).map(([ts, final]) =>
      ls.map((l, i) => l + (i < ls.length - 1 || final ? ts[i]! : '')).join(''),
    ),
  );
}

/** One edit: insert a fragment, delete a range, or duplicate a range (positions scaled to the text). */
type Edit = { kind: 'insert' | 'delete' | 'duplicate'; at: number; length: number; fragment: string };

/** The text with a few random edits applied, each at a position proportional to the text length. */
export function mutate(text: Arbitrary<string>, fragments: readonly string[]): Arbitrary<string> {
  const edit: Arbitrary<Edit> = fc.record({
    kind: fc.constantFrom<Edit['kind']>('insert', 'insert', 'delete', 'duplicate'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat(12),
    fragment: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fragments) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }),
  });
  return fc.tuple(text, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([t, edits]) => edits.reduce(applyEdit, t));
}

function applyEdit(text: string, e: Edit): string {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  if (e.kind === 'insert') return text.slice(0, at) + e.fragment + text.slice(at);
  if (e.kind === 'delete') return text.slice(0, at) + text.slice(at + e.length);
  return text.slice(0, at + e.length) + text.slice(at, at + e.length) + text.slice(at + e.length);
}

/**
 * A format's full input mix: mostly structured documents, then mutated ones, token soups and raw
 * strings, so every run exercises both the grammar's deep paths and its refusal paths.
 */
export function inputMix(structured: Arbitrary<string>, fragments: readonly string[]): Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: structured },
    { weight: 3, arbitrary: mutate(structured, fragments) },
    { weight: 1, arbitrary: soup(fragments) },
    { weight: 1, arbitrary: rawText },
  );
}

/** True about `percent` of the time. */
export const sometimes = (percent: number): Arbitrary<boolean> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(false) }, { weight: percent, arbitrary: fc.constant(true) });

/** `arbitrary` about `percent` of the time, `nil` otherwise. */
export const maybe = <T, N>(arbitrary: Arbitrary<T>, nil: N, percent: number): Arbitrary<T | N> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(nil) }, { weight: percent, arbitrary });

/** Mostly `valid`, sometimes `invalid` (about one in `odds + 1`). */
export const mostly = <T>(valid: Arbitrary<T>, invalid: Arbitrary<T>, odds = 9): Arbitrary<T> =>
  fc.oneof({ weight: odds, arbitrary: valid }, { weight: 1, arbitrary: invalid });

/**
 * Some of `parts`, each at most once, in random order: most formats refuse a repeated table or
 * key, so repeats come from mutation (which duplicates ranges) rather than from every document.
 */
export function distinct<T>(parts: ReadonlyArray<Arbitrary<T>>, maxLength: number): Arbitrary<T[]> {
  return fc
    .tuple(fc.tuple(...parts), fc.shuffledSubarray(parts.map((_, i) => i), { maxLength }))
    .map(([values, order]) => order.map((i) => values[i]!));
}

/** A value that nests `depth` times (`open`/`close` around `inner`); depths past the parsers' caps included. */
export function nested(open: string, close: string, inner: string): Arbitrary<string> {
  return fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 95, max: 130 })).map((d) => open.repeat(d) + inner + close.repeat(d));
}
