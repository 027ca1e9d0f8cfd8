/**
 * Following `-r`/`-c` the way pip does: an included file is inlined at the include line, the
 * role (requirement or constraint) comes from the include kind and is not inherited, and a file
 * may be included many times. Cycles are detected over the ancestor stack, as pip >= 24.3.1 does.
 */
import type { Declaration } from '../model/declaration.js';
import type { ParsedManifest } from '../model/manifest.js';

export interface ChainStep {
  file: string;
  line: number;
  kind: '-r' | '-c';
}

export interface ExpandedDeclaration {
  file: string;
  declaration: Declaration;
  constraint: boolean;
  /** The include lines, root first, that led to the file. */
  chain: ChainStep[];
}

export interface IncludeCycle {
  /** The manifest whose include line closes the cycle. */
  from: string;
  line: number;
  path: string[];
}

/**
 * Every include line that lies on a cycle (both ends in one strongly connected component), each
 * with one cycle through it. Which line pip trips over depends on the file pip starts from, so
 * every line of the cycle is reported.
 */
export function findIncludeCycles(manifests: Iterable<ParsedManifest>): IncludeCycle[] {
  const byPath = new Map<string, ParsedManifest>();
  for (const m of manifests) byPath.set(m.path, m);
  const targets = includeTargets(byPath);
  const component = includeComponents(byPath);
  const cycles: IncludeCycle[] = [];
  for (const from of [...byPath.keys()].sort()) {
    for (const edge of targets(from)) {
      if (component.get(edge.to) !== component.get(from)) continue;
      cycles.push({ from, line: edge.line, path: [from, ...pathWithin(edge.to, from, component.get(from)!)] });
    }
  }
  return cycles;

  /** Shortest include path a → ... → b inside one component (breadth-first). */
  function pathWithin(a: string, b: string, comp: number): string[] {
    const prev = new Map<string, string | null>([[a, null]]);
    const queue = [a];
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i]!;
      if (n === b) break;
      for (const { to } of targets(n)) {
        if (component.get(to) !== comp || prev.has(to)) continue;
        prev.set(to, n);
        queue.push(to);
      }
    }
    const out: string[] = [];
    for (let n: string | null | undefined = b; n != null; n = prev.get(n)) out.unshift(n);
    return a === b ? [a] : out;
  }
}

/** The include edges out of a manifest, to manifests that were read. */
export function includeTargets(byPath: ReadonlyMap<string, ParsedManifest>): (path: string) => Array<{ to: string; line: number }> {
  const cache = new Map<string, Array<{ to: string; line: number }>>();
  return (path) => {
    let edges = cache.get(path);
    if (!edges) {
      edges = (byPath.get(path)?.includes ?? []).filter((i) => i.target !== null && byPath.has(i.target)).map((i) => ({ to: i.target!, line: i.line }));
      cache.set(path, edges);
    }
    return edges;
  };
}

/**
 * Strongly connected components of the include graph (manifest path → component number).
 * Iterative Tarjan: deep include chains cannot overflow the stack.
 */
export function includeComponents(byPath: ReadonlyMap<string, ParsedManifest>): Map<string, number> {
  const targets = includeTargets(byPath);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  for (const start of [...byPath.keys()].sort()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; edges: Array<{ to: string }>; i: number }> = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: targets(node), i: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.edges.length) {
        const to = frame.edges[frame.i++]!.to;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.set(n, components);
        } while (n !== frame.node);
        components++;
      }
    }
  }
  return component;
}

/** Safety limits: includes deeper than this, or more expanded lines than this, stop the expansion. */
export const MAX_INCLUDE_DEPTH = 64;
export const MAX_EXPANDED = 1_000_000;
/** Include lines followed in one expansion (real root files follow a few dozen). */
export const MAX_INCLUDE_VISITS = 100_000;

/**
 * pip's view of one root file: every declaration in install order, repeats included.
 * Unreadable and cyclic includes are skipped (their diagnostics live on the including manifest).
 */
export function expandLikePip(byPath: ReadonlyMap<string, ParsedManifest>, root: string): { entries: ExpandedDeclaration[]; truncated: boolean } {
  const entries: ExpandedDeclaration[] = [];
  let truncated = false;
  // Files visited, not only lines emitted: files that hold nothing but repeated includes
  // (a: -r b -r b, b: -r c -r c, ...) multiply the walk without emitting a line.
  let visits = 0;
  const ancestors = new Set<string>();
  const walk = (path: string, constraint: boolean, chain: ChainStep[]): void => {
    const m = byPath.get(path);
    if (!m || ancestors.has(path)) return;
    if (chain.length > MAX_INCLUDE_DEPTH || entries.length > MAX_EXPANDED || ++visits > MAX_INCLUDE_VISITS) {
      truncated = true;
      return;
    }
    ancestors.add(path);
    // Declarations and includes interleave by line: merge them in file order.
    const incs = [...m.includes].sort((a, b) => a.line - b.line);
    let i = 0;
    for (const d of m.declarations) {
      for (; i < incs.length && incs[i]!.line < d.line; i++) follow(m, incs[i]!);
      entries.push({ file: path, declaration: d, constraint, chain });
    }
    for (; i < incs.length; i++) follow(m, incs[i]!);
    ancestors.delete(path);

    function follow(from: ParsedManifest, inc: ParsedManifest['includes'][number]): void {
      if (inc.target === null || truncated) return;
      walk(inc.target, inc.kind === 'constraint', [...chain, { file: from.path, line: inc.line, kind: inc.kind === 'constraint' ? '-c' : '-r' }]);
    }
  };
  walk(root, false, []);
  return { entries, truncated };
}

/**
 * The distinct files a root reaches, each with whether it is reached as requirements, constraints
 * or both. Linear in the include graph (no repeats), for analysis and consolidation.
 */
export function reachableFiles(byPath: ReadonlyMap<string, ParsedManifest>, root: string): Map<string, { requirement: boolean; constraint: boolean }> {
  const seen = new Map<string, { requirement: boolean; constraint: boolean }>();
  const queue: Array<[string, boolean]> = [[root, false]];
  for (let i = 0; i < queue.length; i++) {
    const [path, constraint] = queue[i]!;
    const m = byPath.get(path);
    if (!m) continue;
    const s = seen.get(path) ?? { requirement: false, constraint: false };
    const key = constraint ? 'constraint' : 'requirement';
    if (s[key]) continue;
    s[key] = true;
    seen.set(path, s);
    for (const inc of m.includes) if (inc.target !== null) queue.push([inc.target, inc.kind === 'constraint']);
  }
  return seen;
}
