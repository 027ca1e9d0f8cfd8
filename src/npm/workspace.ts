/**
 * Which directories are workspace packages. Pure: the caller lists candidate package.json paths
 * (its own I/O, e.g. with the globs from `packageJsonGlobs`), and `matchWorkspaceMembers` picks
 * the members from the root's patterns.
 */
import type { PackageJsonManifest } from '../formats/npm/package-json.js';
import type { PnpmWorkspace } from '../formats/npm/pnpm-workspace.js';
import { compileGlob, normalizePattern } from './glob.js';

export interface WorkspacePatterns {
  /** Who declares the workspace: pnpm reads only pnpm-workspace.yaml; npm, yarn and bun read package.json. */
  source: 'pnpm-workspace' | 'package-json';
  /** The file the patterns come from. */
  path: string;
  /** In file order; `!…` excludes. */
  patterns: string[];
}

/** The workspace patterns in force: pnpm-workspace.yaml when present, else the root package.json `workspaces`. */
export function workspacePatterns(rootPackageJson: PackageJsonManifest | null, pnpmWorkspace: PnpmWorkspace | null): WorkspacePatterns | null {
  if (pnpmWorkspace) return { source: 'pnpm-workspace', path: pnpmWorkspace.path, patterns: pnpmWorkspace.packages.map((p) => p.value) };
  const ws = rootPackageJson?.package.workspaces;
  if (rootPackageJson && ws) return { source: 'package-json', path: rootPackageJson.path, patterns: ws.patterns.map((p) => p.value) };
  return null;
}

/**
 * The member directories (root-relative POSIX, sorted, root excluded) among `candidates`, a
 * list of root-relative package.json paths. Patterns apply in order, as npm's map-workspaces
 * does: a pattern adds the directories it matches, a `!pattern` removes them. Anything under
 * `node_modules` is never a member.
 */
export function matchWorkspaceMembers(patterns: readonly string[], candidates: readonly string[]): string[] {
  const dirs = [...new Set(candidates.filter((c) => c === 'package.json' || c.endsWith('/package.json')).map(dirOf))].filter(
    (d) => d !== '.' && !d.split('/').includes('node_modules'),
  );
  const members = new Set<string>();
  for (const raw of patterns) {
    const negate = raw.trim().startsWith('!');
    const pattern = negate ? raw.trim().slice(1) : raw;
    if (normalizePattern(pattern) === '') continue;
    const matches = compileGlob(pattern);
    for (const d of dirs) {
      if (!matches(d)) continue;
      if (negate) members.delete(d);
      else members.add(d);
    }
  }
  return [...members].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Globs for the caller's file search: each positive pattern's package.json. Negations are not
 * turned into ignores (a later pattern may add a directory back); `matchWorkspaceMembers` applies them.
 */
export function packageJsonGlobs(patterns: readonly string[]): { include: string[]; ignore: string[] } {
  const include: string[] = [];
  for (const raw of patterns) {
    if (raw.trim().startsWith('!')) continue;
    const p = normalizePattern(raw);
    if (p !== '') include.push(`${p}/package.json`);
  }
  return { include, ignore: ['**/node_modules/**'] };
}

function dirOf(packageJsonPath: string): string {
  const i = packageJsonPath.lastIndexOf('/');
  return i === -1 ? '.' : packageJsonPath.slice(0, i);
}
