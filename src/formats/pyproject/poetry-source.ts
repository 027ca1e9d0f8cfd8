/**
 * Where a Poetry or Pipfile table dependency comes from: `git` (+ ref, subdirectory), `path`,
 * or a URL (`url` in Poetry, `file` in a Pipfile); otherwise the index.
 */
import type { SourceKind } from '../../model/declaration.js';
import { resolveUnderRoot, urlScheme } from '../requirements/links.js';
import { urlSource } from './declare.js';
import { field, type TomlTable } from './toml-read.js';

export interface DependencySource {
  source: SourceKind;
  /** pip-style URL for VCS and URL dependencies (`git+https://…@ref#subdirectory=…`). */
  url: string | null;
  /** Root-relative POSIX path of a local dependency (null when absolute). */
  path: string | null;
  editable: boolean;
  /** The URL, or the path as written: what a PEP 508-like rendering puts after `@`. */
  reference: string | null;
}

const GIT_REF_KEYS = ['rev', 'tag', 'branch', 'ref'];

/** Reads the source keys of `table`; a string is an error message. */
export function dependencySource(table: TomlTable, manifestPath: string, editableKey: 'develop' | 'editable'): DependencySource | string {
  const editable = field(table, editableKey) === true;
  const git = field(table, 'git');
  const path = field(table, 'path');
  const url = field(table, 'url') ?? field(table, 'file');
  const given = [git, path, url].filter((v) => v !== undefined);
  if (given.length > 1) return 'give only one of git, path and url/file';
  if (given.some((v) => typeof v !== 'string')) return 'git, path and url/file must be strings';
  if (typeof git === 'string') {
    const ref = GIT_REF_KEYS.map((k) => field(table, k)).find((v) => typeof v === 'string');
    const sub = field(table, 'subdirectory');
    let u = gitUrl(git);
    if (typeof ref === 'string') u += `@${ref}`;
    if (typeof sub === 'string') u += `#subdirectory=${sub}`;
    return { source: 'vcs', url: u, path: null, editable, reference: u };
  }
  if (typeof path === 'string') {
    const slash = manifestPath.lastIndexOf('/');
    const resolved = resolveUnderRoot(slash >= 0 ? manifestPath.slice(0, slash) : '.', path);
    return { source: path.endsWith('.whl') ? 'wheel' : 'path', url: null, path: resolved, editable, reference: path };
  }
  if (typeof url === 'string') return { source: urlSource(url), url, path: null, editable, reference: url };
  return { source: 'index', url: null, path: null, editable: false, reference: null };
}

/** `git@github.com:o/r.git` → `git+ssh://git@github.com/o/r.git`; `https://…` → `git+https://…`. */
function gitUrl(git: string): string {
  if (git.startsWith('git+')) return git;
  const scp = /^([^/@:]+@)?([^/:]+):(?!\/\/)(.*)$/.exec(git);
  if (scp && !urlScheme(git)) return `git+ssh://${scp[1] ?? ''}${scp[2]}/${scp[3]}`;
  return `git+${git}`;
}
