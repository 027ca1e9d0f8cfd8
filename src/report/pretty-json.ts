/** Pretty JSON (`JSON.stringify(value, null, 2)`) of values nested in a larger document, made by V8's JSON.stringify. */

/** Where rendered JSON text goes, piece by piece. */
export type Emit = (piece: string) => void;

/**
 * `JSON.stringify(value, null, 2)` for a value that stands `depth` spaces in, made by JSON.stringify
 * itself: nested in depth/2 arrays, V8 indents it natively (far cheaper than re-indenting its
 * output). The result starts with the value's own indent.
 */
export function indented(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i += 2) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // k wrappers add `[\n` and 2, 4, ... spaces before the value, as much after: k(k + 1) characters each side.
  const k = depth / 2;
  const cut = k * (k + 1);
  return text.slice(cut, text.length - cut);
}

/** The members of a non-empty object standing `depth` spaces in, one per line, without braces or a final newline. */
export function members(value: object, depth: number): string {
  const text = indented(value, depth);
  return text.slice(depth + 2, text.length - depth - 2);
}
