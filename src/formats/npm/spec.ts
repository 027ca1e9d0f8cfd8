/**
 * What a dependency value in package.json names, following npm-package-arg's order of checks
 * (alias, hosted git, local path, URL, registry), plus the workspace and catalog protocols of
 * pnpm, yarn and bun. Only `range` (directly, through an alias, or through a catalog) is ever
 * compared as versions.
 */
import semver from 'semver';
import type { NpmSourceKind } from '../../model/declaration.js';

export type NpmSpec =
  /** A semver range or version from the registry, as written (`^1.2.3`, `1.x`, `*`, ``). */
  | { kind: 'range'; range: string }
  /** A dist-tag (`latest`, `next`): a registry spec that names no version. */
  | { kind: 'tag'; tag: string }
  /** `workspace:*`, `workspace:^`, `workspace:^1.2.0`, `workspace:../path`: the local package. */
  | { kind: 'workspace'; value: string }
  /** `catalog:` / `catalog:default` (catalog `default`) or `catalog:NAME`. */
  | { kind: 'catalog'; catalog: string }
  /** `npm:target@spec`: installs `target` under the dependency's name. */
  | { kind: 'alias'; target: string; spec: NpmSpec & { kind: 'range' | 'tag' } }
  /** `file:`, `link:`, `portal:`, `./x`, `../x`, `/x`, `~/x`, `x.tgz`. */
  | { kind: 'path'; protocol: string; path: string }
  /** git URLs, `github:`-style shortcuts, `user/repo` shorthand, scp-like `git@host:path`. */
  | { kind: 'vcs'; url: string }
  /** A tarball URL, or a protocol depaudit does not read (`jsr:`, `patch:`, `exec:`). */
  | { kind: 'url'; url: string; protocol: string }
  /** Nothing npm would accept: a malformed range or tag, or an alias to a non-registry spec. */
  | { kind: 'invalid'; reason: string };

const GIT_PROTOCOLS = new Set(['git:', 'git+ssh:', 'git+https:', 'git+http:', 'git+file:', 'ssh:', 'github:', 'gitlab:', 'bitbucket:', 'gist:']);
const PATH_PROTOCOLS = new Set(['file:', 'link:', 'portal:']);
const HOSTED = new Set(['github.com', 'www.github.com', 'gitlab.com', 'www.gitlab.com', 'bitbucket.org', 'www.bitbucket.org', 'gist.github.com']);
const PROTOCOL = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/;
// npm-package-arg: `user/repo` (optionally `#ref`), not a scoped name, not a path.
const GITHUB_SHORTHAND = /^[^@%/\s.-][^:@%/\s]*\/[^@\s/%]+(?:#.*)?$/;
const SCP_LIKE = /^[^@/\s:]+@[^:/\s]+:[^\s]/;
const PATHLIKE = /^(?:\.\.?(?:[/\\]|$)|~[/\\]|[/\\]|[a-zA-Z]:[/\\])/;
const TARBALL_NAME = /\.(?:tgz|tar\.gz|tar)$/i;
/** npm names: optional scope, then URL-safe characters (legacy names may have capitals). */
const PACKAGE_NAME = /^(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/;

/**
 * Longer registry specs are refused before semver sees them: it parses roughly 100,000
 * comparators a second, so one 2 MB range in a package.json took 12 s. No real range is near this.
 */
export const MAX_RANGE_LENGTH = 1024;

/** Workspaces repeat the same few hundred specifiers; past this many distinct ones the memo restarts. */
const MEMO_LIMIT = 4096;
const memo = new Map<string, NpmSpec>();

/** Classifies a dependency value. The result is frozen (and shared between equal inputs). */
export function classifyNpmSpec(written: string): NpmSpec {
  let hit = memo.get(written);
  if (hit === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    hit = deepFreeze(classify(written));
    memo.set(written, hit);
  }
  return hit;
}

function deepFreeze(spec: NpmSpec): NpmSpec {
  if (spec.kind === 'alias') Object.freeze(spec.spec);
  return Object.freeze(spec);
}

function classify(written: string): NpmSpec {
  const spec = written.trim();
  if (spec.startsWith('workspace:')) return { kind: 'workspace', value: spec.slice('workspace:'.length) };
  if (spec.startsWith('catalog:')) {
    const name = spec.slice('catalog:'.length).trim();
    return { kind: 'catalog', catalog: name === '' ? 'default' : name };
  }
  if (spec.startsWith('npm:')) return alias(spec.slice('npm:'.length));
  const protocol = PROTOCOL.exec(spec)?.[1]?.toLowerCase();
  // A Windows drive letter (`C:\x`) looks like a protocol; it is a path.
  if (protocol && !(protocol.length === 2 && /[/\\]/.test(spec[2] ?? ''))) {
    if (GIT_PROTOCOLS.has(protocol)) return { kind: 'vcs', url: spec };
    if (PATH_PROTOCOLS.has(protocol)) return { kind: 'path', protocol: protocol.slice(0, -1), path: spec.slice(protocol.length) };
    if (protocol === 'http:' || protocol === 'https:') return hostedGit(spec) ? { kind: 'vcs', url: spec } : { kind: 'url', url: spec, protocol: protocol.slice(0, -1) };
    return { kind: 'url', url: spec, protocol: protocol.slice(0, -1) };
  }
  if (SCP_LIKE.test(spec)) return { kind: 'vcs', url: spec };
  if (PATHLIKE.test(spec)) return { kind: 'path', protocol: 'file', path: spec };
  if (GITHUB_SHORTHAND.test(spec)) return { kind: 'vcs', url: spec };
  return registry(spec);
}

function registry(spec: string): NpmSpec {
  if (spec.length > MAX_RANGE_LENGTH) return { kind: 'invalid', reason: `a ${spec.length}-character spec is longer than ${MAX_RANGE_LENGTH} characters; not read as a semver range` };
  if (semver.validRange(spec) !== null) return { kind: 'range', range: spec };
  if (TARBALL_NAME.test(spec)) return { kind: 'path', protocol: 'file', path: spec };
  // npm-package-arg: anything else must be a tag, and a tag must be URL-safe.
  if (spec !== '' && encodeURIComponent(spec) === spec) return { kind: 'tag', tag: spec };
  return { kind: 'invalid', reason: `'${spec}' is neither a semver range nor a dist-tag` };
}

function alias(rest: string): NpmSpec {
  // The target may be scoped: the version separator is the first '@' after the first character.
  const at = rest.indexOf('@', 1);
  const target = at === -1 ? rest : rest.slice(0, at);
  const sub = at === -1 ? '*' : rest.slice(at + 1);
  if (!PACKAGE_NAME.test(target)) return { kind: 'invalid', reason: `'npm:${rest}' does not name a package` };
  const inner = registry(sub.trim() === '' ? '*' : sub.trim());
  if (inner.kind !== 'range' && inner.kind !== 'tag') return { kind: 'invalid', reason: `'npm:${rest}': an alias must point to a registry version, range or tag` };
  return { kind: 'alias', target, spec: inner };
}

function hostedGit(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.pathname.endsWith('.git')) return true;
  if (!HOSTED.has(parsed.hostname.toLowerCase())) return false;
  // github.com/user/repo is a repository; github.com/user/repo/archive/x.tgz is a tarball.
  const segments = parsed.pathname.split('/').filter(Boolean);
  return segments.length === 2 || (parsed.hostname.startsWith('gist.') && segments.length <= 2);
}

const SOURCE_OF: Record<NpmSpec['kind'], NpmSourceKind> = {
  range: 'index',
  tag: 'index',
  invalid: 'index',
  workspace: 'workspace',
  catalog: 'catalog',
  alias: 'alias',
  path: 'path',
  vcs: 'vcs',
  url: 'url',
};

/** The declaration source for a spec: registry ranges and tags are `index`. */
export function npmSourceKind(spec: NpmSpec): NpmSourceKind {
  return SOURCE_OF[spec.kind];
}
