/**
 * YAML text → a document with node positions, guarded against hostile input: the CST (built
 * iteratively by yaml's Parser) is measured before the Composer (which recurses) sees it;
 * aliases are never expanded (no toJS), and resolving one is a map lookup, not a document walk.
 */
import { Alias, Composer, isAlias, isMap, isPair, isSeq, LineCounter, Parser, type CST, type Document, type Node } from 'yaml';
import type { Diagnostics } from '../pyproject/source-text.js';

/** Collections nested deeper than this are refused before composing. */
export const MAX_YAML_DEPTH = 100;

export interface YamlDocument {
  doc: Document.Parsed;
  lines: LineCounter;
  /** The node an alias stands for (the latest anchor of that name before it), or null. */
  resolve(alias: Alias): Node | null;
}

export function readYaml(text: string, diags: Diagnostics): YamlDocument | null {
  // Lines come from the text, not from the Parser's callback, which skips the newlines of a block
  // scalar it recovers from (`\t>` at the start of a file), which put later positions lines too high.
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  const tokens = [...new Parser().parse(text)];
  if (tokens.some((t) => collectionDepth(t) > MAX_YAML_DEPTH)) {
    diags.add(null, 'error', 'invalid-yaml', `collections nested deeper than ${MAX_YAML_DEPTH} levels; not read`);
    return null;
  }
  const composer = new Composer({ prettyErrors: false, uniqueKeys: true });
  let doc: Document.Parsed | null = null;
  for (const d of composer.compose(tokens, true, text.length)) {
    if (doc) {
      diags.add(position(lines, d.range[0]), 'error', 'invalid-yaml', 'the file holds several YAML documents; conda reads one');
      return null;
    }
    doc = d;
  }
  if (!doc) return null;
  const [first] = doc.errors;
  if (first) {
    diags.add(position(lines, first.pos[0]), 'error', 'invalid-yaml', first.message.split('\n', 1)[0]!);
    return null;
  }
  for (const w of doc.warnings) {
    const code = w.code === 'TAG_RESOLVE_FAILED' ? 'yaml-unknown-tag' : 'yaml-warning';
    diags.add(position(lines, w.pos[0]), 'warning', code, `${w.message.split('\n', 1)[0]!} (read as a plain string)`);
  }
  return { doc, lines, resolve: anchors(doc) };
}

export function position(lines: LineCounter, offset: number): { line: number; column: number } {
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** Deepest collection nesting of a CST token (an explicit stack: the CST may be deep). */
export function collectionDepth(token: CST.Token): number {
  let max = 0;
  const stack: Array<[CST.Token | null | undefined, number]> = [[token, 0]];
  while (stack.length > 0) {
    const [t, d] = stack.pop()!;
    if (!t) continue;
    if (d > max) max = d;
    if (max > MAX_YAML_DEPTH) return max;
    if (t.type === 'document') stack.push([t.value, d]);
    else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      for (const item of t.items) stack.push([item.key, d + 1], [item.value, d + 1]);
    }
  }
  return max;
}

/** Anchors by name with their offsets, collected once, so each alias resolves by a lookup. */
function anchors(doc: Document.Parsed): (alias: Alias) => Node | null {
  const byName = new Map<string, Array<{ at: number; node: Node }>>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) stack.push(n.key, n.value);
    if (!n || typeof n !== 'object' || !('range' in n)) continue;
    const node = n as Node;
    if (node.anchor) {
      const list = byName.get(node.anchor) ?? [];
      list.push({ at: node.range![0], node });
      byName.set(node.anchor, list);
    }
    if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(item);
  }
  for (const list of byName.values()) list.sort((a, b) => a.at - b.at);
  return (alias) => {
    const list = byName.get(alias.source) ?? [];
    const at = alias.range?.[0] ?? 0;
    // The last anchor before the alias (binary search: a name may be anchored many times).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.at < at) lo = mid + 1;
      else hi = mid;
    }
    const found = lo > 0 ? list[lo - 1]!.node : null;
    return found && !isAlias(found) ? found : null;
  };
}
