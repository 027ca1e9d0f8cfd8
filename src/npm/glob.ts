/**
 * Workspace globs (`packages/*`, `apps/**`, `{apps,libs}/*`, `pkg-[ab]`) matched against
 * root-relative POSIX directories, without regexes: segments and characters are matched with
 * small dynamic-programming tables, so a hostile pattern costs O(pattern × path), never more.
 * As in npm's and pnpm's globbing, `*`, `?` and `**` do not match names starting with a dot.
 */

const MAX_EXPANSIONS = 1024;
/** Patterns with more brace groups than this are matched literally (no workspace needs more). */
const MAX_BRACES = 32;

/** Compiles a directory glob; the returned predicate takes a root-relative POSIX directory. */
export function compileGlob(pattern: string): (dir: string) => boolean {
  const alternatives = expandBraces(normalizePattern(pattern)).map((p) => p.split('/').filter((s) => s !== '' && s !== '.'));
  return (dir) => {
    const segments = dir.split('/').filter((s) => s !== '' && s !== '.');
    return alternatives.some((pat) => matchSegments(pat, segments));
  };
}

/** `./packages/*​/` → `packages/*`; a trailing `/package.json` names the directory. */
export function normalizePattern(pattern: string): string {
  let p = pattern.trim();
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/\/package\.json$/, '').replace(/\/+$/, '');
  return p;
}

function matchSegments(pat: string[], path: string[]): boolean {
  // ok[j] = pat[0..i) matches path[0..j)
  let ok: boolean[] = new Array<boolean>(path.length + 1).fill(false);
  ok[0] = true;
  for (const seg of pat) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (seg === '**') {
      for (let j = 0; j <= path.length; j++) {
        next[j] = ok[j]! || (j > 0 && next[j - 1]! && !path[j - 1]!.startsWith('.'));
      }
    } else {
      for (let j = 1; j <= path.length; j++) next[j] = ok[j - 1]! && matchSegment(seg, path[j - 1]!);
    }
    ok = next;
  }
  return ok[path.length]!;
}

type Token = { kind: 'star' } | { kind: 'one' } | { kind: 'char'; ch: string } | { kind: 'class'; negate: boolean; items: Array<[string, string]> };

function tokenize(seg: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'one' });
    else if (c === '\\' && i + 1 < seg.length) out.push({ kind: 'char', ch: seg[++i]! });
    else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close === -1) {
        out.push({ kind: 'char', ch: c });
        continue;
      }
      let body = seg.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const items: Array<[string, string]> = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          items.push([body[k]!, body[k + 2]!]);
          k += 2;
        } else items.push([body[k]!, body[k]!]);
      }
      out.push({ kind: 'class', negate, items });
      i = close;
    } else out.push({ kind: 'char', ch: c });
  }
  return out;
}

function matchSegment(seg: string, name: string): boolean {
  if (seg === name) return true;
  // Wildcards never match a leading dot; the pattern has to spell it.
  if (name.startsWith('.') && !seg.startsWith('.')) return false;
  const tokens = tokenize(seg);
  let ok: boolean[] = new Array<boolean>(name.length + 1).fill(false);
  ok[0] = true;
  for (const t of tokens) {
    const next = new Array<boolean>(name.length + 1).fill(false);
    if (t.kind === 'star') {
      for (let j = 0; j <= name.length; j++) next[j] = ok[j]! || (j > 0 && next[j - 1]!);
    } else {
      for (let j = 1; j <= name.length; j++) next[j] = ok[j - 1]! && matchChar(t, name[j - 1]!);
    }
    ok = next;
  }
  return ok[name.length]!;
}

function matchChar(t: Token, ch: string): boolean {
  if (t.kind === 'one') return true;
  if (t.kind === 'char') return t.ch === ch;
  if (t.kind === 'class') return t.items.some(([lo, hi]) => ch >= lo && ch <= hi) !== t.negate;
  return false;
}

/** `{a,b}` alternatives, nested ones included (at most `limit` results; the rest are dropped). */
export function expandBraces(pattern: string, limit = MAX_EXPANSIONS): string[] {
  let braces = 0;
  for (const c of pattern) if (c === '{' && ++braces > MAX_BRACES) return [pattern];
  const open = findTopBrace(pattern);
  if (!open) return [pattern];
  const { start, end, parts } = open;
  const out: string[] = [];
  for (const part of parts) {
    if (out.length >= limit) break;
    out.push(...expandBraces(pattern.slice(0, start) + part + pattern.slice(end + 1), limit - out.length));
  }
  return out;
}

function findTopBrace(p: string): { start: number; end: number; parts: string[] } | null {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      continue;
    }
    if (p[i] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === ',' && depth === 1) commas.push(j);
      else if (c === '}' && --depth === 0) {
        if (commas.length === 0) break;
        const bounds = [i, ...commas, j];
        const parts = bounds.slice(1).map((b, k) => p.slice(bounds[k]! + 1, b));
        return { start: i, end: j, parts };
      }
    }
  }
  return null;
}
