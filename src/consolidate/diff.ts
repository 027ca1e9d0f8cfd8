/** A unified diff of two texts, line by line (Myers' O(ND) algorithm; rewrites change few lines). */

function splitKeepEnds(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

type Op = { kind: ' ' | '-' | '+'; line: string };

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Array<Map<number, number>> = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? v.get(k + 1)! : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1)) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x]! }) && y--;
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
      else ops.push({ kind: '-', line: a[--x]! });
    }
  }
  return ops.reverse();
}

const show = (line: string) => {
  const body = line.endsWith('\n') ? line.slice(0, -1) : `${line}\n\\ No newline at end of file`;
  return body.replace(/\r$/, '␍');
};

/** `--- a/path` / `+++ b/path` hunks with 3 lines of context; "" when the texts are equal. */
export function unifiedDiff(path: string, before: string | null, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitKeepEnds(before ?? '');
  const b = splitKeepEnds(after);
  const ops = myers(a, b);
  const out = [`--- ${before === null ? '/dev/null' : `a/${path}`}`, `+++ b/${path}`];
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') {
      i++;
      aLine++;
      bLine++;
    }
    if (i >= ops.length) break;
    // A hunk: back up for context, run until `context*2` unchanged lines in a row.
    const start = Math.max(0, i - context);
    let end = i;
    let quiet = 0;
    while (end < ops.length && quiet < context * 2 + 1) {
      quiet = ops[end]!.kind === ' ' ? quiet + 1 : 0;
      end++;
    }
    const stop = quiet > context ? end - (quiet - context) : end;
    const lead = i - start;
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLine - lead},${aCount} +${bLine - lead},${bCount} @@`);
    for (const o of hunk) out.push(`${o.kind}${show(o.line)}`);
    for (const o of ops.slice(i, stop)) {
      if (o.kind !== '+') aLine++;
      if (o.kind !== '-') bLine++;
    }
    i = stop;
  }
  return `${out.join('\n')}\n`;
}
