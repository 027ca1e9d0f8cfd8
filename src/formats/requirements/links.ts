/** pip's URL and path classification helpers (pip/_internal/models/link.py, req/constructors.py). */

export const VCS_SCHEMES = [
  'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file',
  'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file',
  'hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http',
  'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file',
] as const;
const VCS_SET: ReadonlySet<string> = new Set(VCS_SCHEMES);
export const VCS_NAMES = ['bzr', 'git', 'hg', 'svn'] as const;
const URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);

/** constructors.is_url: the text before the first ':' is a known scheme. */
export function isUrl(name: string): boolean {
  const colon = name.indexOf(':');
  if (colon < 0) return false;
  return URL_SCHEMES.has(name.slice(0, colon).toLowerCase());
}

/** urllib.parse.urlsplit's scheme: letters, digits, + - . starting with a letter; lowercased. */
export function urlScheme(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  return m ? m[1]!.toLowerCase() : '';
}

export function isVcsUrl(url: string): boolean {
  return VCS_SET.has(urlScheme(url));
}

/** Link.path: the unquoted path component of the URL. */
function urlPath(url: string): string {
  let rest = url.slice(urlScheme(url).length ? urlScheme(url).length + 1 : 0);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash >= 0 ? rest.slice(slash) : '';
  }
  return safeUnquote(rest);
}

function safeUnquote(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Link.filename: the last path segment, unquoted. */
export function linkFilename(url: string): string {
  const path = urlPath(url).replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isWheelUrl(url: string): boolean {
  return linkFilename(url).endsWith('.whl');
}

/** Link.egg_fragment: `[#&]egg=([^&]*)` anywhere in the URL. */
export function eggFragment(url: string): string | null {
  const m = /[#&]egg=([^&]*)/.exec(url);
  return m ? m[1]! : null;
}

export const PEP508_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** pip's Wheel(filename): name and version from a wheel file name ('_' read as '-'). */
export function parseWheelFilename(filename: string): { name: string; version: string } | null {
  const m = /^(?<name>[^\s-]+?)-(?<ver>[^\s-]*?)(?:(?:-(?<build>\d[^-]*?))?-(?<py>[^\s-]+?)-(?<abi>[^\s-]+?)-(?<plat>[^\s-]+?)\.whl|\.dist-info)$/.exec(
    filename,
  );
  if (!m?.groups) return null;
  return { name: m.groups.name!.replace(/_/g, '-'), version: m.groups.ver!.replace(/_/g, '-') };
}

const ARCHIVE_EXTENSIONS = ['.zip', '.whl', '.tar.bz2', '.tbz', '.tar.gz', '.tgz', '.tar', '.tar.xz', '.txz', '.tlz', '.tar.lz', '.tar.lzma'];

/** pip's splitext (which keeps `.tar.*` together) + ARCHIVE_EXTENSIONS. */
export function isArchiveFile(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return false;
  let ext = base.slice(dot).toLowerCase();
  const stem = base.slice(0, dot);
  if (stem.toLowerCase().endsWith('.tar')) ext = stem.slice(-4).toLowerCase() + ext;
  return ARCHIVE_EXTENSIONS.includes(ext);
}

/** _looks_like_path (POSIX: os.sep is '/', no altsep). */
export function looksLikePath(name: string): boolean {
  return name.includes('/') || name.startsWith('.');
}

/**
 * _strip_extras: a trailing `[...]` on a path, as `re.match(r"^(.+)(\[[^\]]+\])$", path)` reads it:
 * the last `[` that has at least one character before it and only non-`]` characters between it
 * and the final `]`. A scan from the end, not that regex: in a backtracking engine it is quadratic
 * (`[[[[…` of 100 kB takes seconds).
 */
export function stripExtras(path: string): { path: string; extras: string | null } {
  const close = path.length - 1;
  if (close < 2 || path[close] !== ']') return { path, extras: null };
  for (let i = close - 1; i >= 1; i--) {
    const ch = path[i];
    if (ch === ']') break;
    if (ch === '[' && i < close - 1) return { path: path.slice(0, i), extras: path.slice(i) };
  }
  return { path, extras: null };
}

/**
 * os.path.normpath(os.path.join(cwd, p)) for a cwd that is the scanned root, as a root-relative
 * POSIX path. Returns null when the path is absolute (outside what depaudit may look at).
 */
export function resolveUnderRoot(cwdRelative: string, p: string): string | null {
  if (p.startsWith('/')) return null;
  const parts: string[] = [];
  for (const seg of `${cwdRelative}/${p}`.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '..') parts.push('..');
      else parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join('/') : '.';
}
