/**
 * Re-emit stability of a requirements file: the text rebuilt from any subsequence of its blocks
 * parses to the same declarations, includes and options as those blocks had in the whole file
 * (positions aside). That is the guarantee consolidate's edits rely on: a block means the same
 * wherever it is written, and removing its neighbours changes nothing in it.
 */
import type { ParsedManifest } from '../../src/model/manifest.js';
import { invariant } from './invariants.js';

/** Parses `text` the way the original file was parsed (same path, env). */
type Reparse = (text: string) => ParsedManifest;

export function checkReEmit(m: ParsedManifest, keep: readonly boolean[], reparse: Reparse): void {
  // Keep block i when keep[i % keep.length]; an empty mask keeps everything.
  const kept = m.blocks.filter((_, i) => keep.length === 0 || keep[i % keep.length]!);
  const rebuilt = kept.map((b) => m.text.slice(b.start, b.end)).join('');
  const again = reparse(rebuilt);
  const declarationBlocks = m.blocks.filter((b) => b.kind === 'declaration');
  const expected = {
    declarations: m.declarations.filter((_, i) => kept.includes(declarationBlocks[i]!)).map(withoutPosition),
    includes: m.includes.filter((x) => kept.some((b) => b.line === x.line)).map(withoutPosition),
    options: m.options.filter((x) => kept.some((b) => b.line === x.line)).map(withoutPosition),
  };
  const got = { declarations: again.declarations.map(withoutPosition), includes: again.includes.map(withoutPosition), options: again.options.map(withoutPosition) };
  invariant(stable(got) === stable(expected), () => `re-emitting ${kept.length} of ${m.blocks.length} blocks changed them:\n  text:     ${JSON.stringify(rebuilt)}\n  expected: ${stable(expected)}\n  got:      ${stable(got)}`);
}

function withoutPosition<T extends object>(x: T): Omit<T, 'line' | 'endLine' | 'span' | 'byteSpan'> {
  const { line: _l, endLine: _e, span: _s, byteSpan: _b, ...rest } = x as T & Record<'line' | 'endLine' | 'span' | 'byteSpan', unknown>;
  return rest;
}

/** JSON with sorted keys, so equal values print the same. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}
