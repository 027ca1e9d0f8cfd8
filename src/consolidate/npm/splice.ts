/** Text replacements by offset: every byte outside the replaced ranges stays as it was. */

export interface Splice {
  /** Offsets into the original text; start === end inserts. */
  start: number;
  end: number;
  text: string;
}

/** Applies splices that do not overlap (insertions at one offset keep their given order). */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = splices.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || a.s.end - b.s.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { s } of sorted) {
    // Overlapping edits would mean two plans for one value: a bug, never a user error.
    if (s.start < at || s.end < s.start || s.end > text.length) throw new Error(`overlapping or invalid splice at ${s.start}..${s.end}`);
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}
