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

/** Every include edge that closes a cycle, found once each with a depth-first search. */
export function findIncludeCycles(manifests: Iterable<ParsedManifest>): IncludeCycle[] {
  const byPath = new Map<string, ParsedManifest>();
  for (const m of manifests) byPath.set(m.path, m);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: IncludeCycle[] = [];
  const visit = (path: string): void => {
    state.set(path, 'open');
    stack.push(path);
    for (const inc of byPath.get(path)?.includes ?? []) {
      if (inc.target === null || !byPath.has(inc.target)) continue;
      const s = state.get(inc.target);
      if (s === 'open') cycles.push({ from: path, line: inc.line, path: [...stack.slice(stack.indexOf(inc.target)), inc.target] });
      else if (s === undefined) visit(inc.target);
    }
    stack.pop();
    state.set(path, 'done');
  };
  for (const path of [...byPath.keys()].sort()) if (!state.has(path)) visit(path);
  return cycles;
}

/** Safety limits: includes deeper than this, or more expanded lines than this, stop the expansion. */
export const MAX_INCLUDE_DEPTH = 64;
export const MAX_EXPANDED = 1_000_000;

/**
 * pip's view of one root file: every declaration in install order, repeats included.
 * Unreadable and cyclic includes are skipped (their diagnostics live on the including manifest).
 */
export function expandLikePip(byPath: ReadonlyMap<string, ParsedManifest>, root: string): { entries: ExpandedDeclaration[]; truncated: boolean } {
  const entries: ExpandedDeclaration[] = [];
  let truncated = false;
  const ancestors = new Set<string>();
  const walk = (path: string, constraint: boolean, chain: ChainStep[]): void => {
    const m = byPath.get(path);
    if (!m || ancestors.has(path)) return;
    if (chain.length > MAX_INCLUDE_DEPTH || entries.length > MAX_EXPANDED) {
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
      if (inc.target === null) return;
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
  while (queue.length > 0) {
    const [path, constraint] = queue.shift()!;
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
