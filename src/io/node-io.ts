/**
 * The only module that touches the file system for reading. Safe by construction: paths are
 * root-relative POSIX, symlinks are resolved and must stay inside the root, only regular files are
 * read (a FIFO or device behind a manifest's name is never opened for blocking reads), and files
 * over the size cap are refused.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PathProbe } from '../formats/requirements/classify.js';

export type ReadResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: 'missing' | 'not-a-file' | 'outside-root' | 'too-large' | 'unreadable'; message: string };

/** What the scanner needs from the outside world. Tests pass an in-memory implementation. */
export interface Io {
  /**
   * Root-relative POSIX paths of files matching the patterns, never descending into `ignoreDirs`.
   * `skippedLinks`: matching symlinks that lead outside the root. `outsideDirLinks`: directory
   * symlinks (any name) that lead outside the root, whose contents are therefore never scanned.
   */
  glob(patterns: string[], ignoreDirs: string[]): Promise<{ files: string[]; skippedLinks: string[]; outsideDirLinks?: string[] }>;
  read(rel: string): Promise<ReadResult>;
  readOptional(rel: string): Promise<string | null>;
  probe: PathProbe;
}

export interface NodeIoOptions {
  maxFileSize: number;
}

/**
 * The discovery globs as one case-insensitive regex over root-relative paths: `**` any directories,
 * `*` within one segment, `{a,b}` alternatives (the subset of fast-glob syntax the patterns use).
 */
export function globMatcher(patterns: readonly string[]): (rel: string) => boolean {
  const one = (pattern: string) => {
    let re = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (pattern.startsWith('**/', i)) {
        re += '(?:.*/)?';
        i += 2;
      } else if (c === '*') re += '[^/]*';
      else if (c === '{') {
        const end = pattern.indexOf('}', i);
        re += `(?:${pattern.slice(i + 1, end).split(',').map(escapeRe).join('|')})`;
        i = end;
      } else re += escapeRe(c);
    }
    return re;
  };
  const re = new RegExp(`^(?:${patterns.map(one).join('|')})$`, 'i');
  return (rel) => re.test(rel);
}

const escapeRe = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

function inside(rootReal: string, real: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep);
}

export function createNodeIo(root: string, options: NodeIoOptions): Io {
  const rootAbs = path.resolve(root);
  const rootReal = realpathSync(rootAbs);
  const abs = (rel: string) => path.join(rootAbs, ...rel.split('/'));

  /** Resolve symlinks; null when the target leaves the root or does not exist. */
  function realInside(rel: string): string | null | 'outside' {
    try {
      const real = realpathSync(abs(rel));
      return inside(rootReal, real) ? real : 'outside';
    } catch {
      return null;
    }
  }

  /** stat() through symlinks, or null. */
  function probeStat(rel: string) {
    try {
      return statSync(abs(rel));
    } catch {
      return null;
    }
  }

  /** Why a path that exists as a symlink cannot be resolved: a dangling link or a loop. */
  function brokenLink(rel: string): ReadResult | null {
    try {
      if (!lstatSync(abs(rel)).isSymbolicLink()) return null;
      realpathSync(abs(rel));
      return null;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return { ok: false, code: 'unreadable', message: `${rel} is a symlink loop; not read` };
      if (code === 'ENOENT') return { ok: false, code: 'missing', message: `${rel} is a dangling symlink (its target does not exist); not read` };
      return null;
    }
  }

  const probe: PathProbe = {
    isDirectory(rel) {
      if (rel.startsWith('..')) return false;
      const real = realInside(rel);
      if (real === null || real === 'outside') return false;
      try {
        return statSync(real).isDirectory();
      } catch {
        return false;
      }
    },
    isFile(rel) {
      if (rel.startsWith('..')) return false;
      const real = realInside(rel);
      if (real === null || real === 'outside') return false;
      try {
        return statSync(real).isFile();
      } catch {
        return false;
      }
    },
  };

  /** Regular files the walk saw (never through a symlink): read without resolving the path again. */
  const plain = new Set<string>();

  /** Read a file by its resolved path: regular files only, within the size cap. */
  function readReal(rel: string, file: string, flags: number): ReadResult {
    let fd: number | undefined;
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer.
      fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | flags);
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { ok: false, code: 'not-a-file', message: `${rel} is not a regular file (FIFO, socket, device or directory); not read` };
      if (stat.size > options.maxFileSize) {
        return { ok: false, code: 'too-large', message: `${rel} is ${stat.size} bytes, over the ${options.maxFileSize}-byte limit (--max-file-size); not read` };
      }
      const bytes = readFileSync(fd);
      if (bytes.length > options.maxFileSize) {
        return { ok: false, code: 'too-large', message: `${rel} grew past the ${options.maxFileSize}-byte limit while being read; not read` };
      }
      return { ok: true, bytes };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { ok: false, code: 'missing', message: `No such file: ${rel}` };
      return { ok: false, code: 'unreadable', message: `${rel} could not be read (${code ?? String(e)})` };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  return {
    probe,
    async glob(patterns, ignoreDirs) {
      // One synchronous walk: directory symlinks are never followed, and the ones that leave the
      // root (which hide files from the scan) are reported; matching file symlinks are read only
      // if they resolve inside the root (checked again on read).
      const matches = globMatcher(patterns);
      const ignored = new Set(ignoreDirs);
      const files: string[] = [];
      const skippedLinks: string[] = [];
      const outsideDirLinks: string[] = [];
      const dirs = [''];
      while (dirs.length > 0) {
        const dir = dirs.pop()!;
        let entries;
        try {
          entries = readdirSync(dir === '' ? rootAbs : abs(dir), { withFileTypes: true });
        } catch {
          continue; // unreadable directory: as fast-glob's suppressErrors did
        }
        for (const e of entries) {
          const rel = dir === '' ? e.name : `${dir}/${e.name}`;
          if (e.isDirectory()) {
            if (!ignored.has(e.name)) dirs.push(rel);
            continue;
          }
          if (e.isSymbolicLink()) {
            const real = realInside(rel);
            if (real === 'outside' && probeStat(rel)?.isDirectory()) outsideDirLinks.push(rel);
            if (!matches(rel)) continue;
            if (real === 'outside') skippedLinks.push(rel);
            else files.push(rel);
            continue;
          }
          if (!matches(rel)) continue;
          if (e.isFile()) plain.add(rel);
          files.push(rel);
        }
      }
      const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return { files: files.sort(byCodeUnit), skippedLinks: skippedLinks.sort(byCodeUnit), outsideDirLinks: outsideDirLinks.sort(byCodeUnit) };
    },
    async readOptional(rel) {
      const r = await this.read(rel);
      return r.ok ? Buffer.from(r.bytes).toString('utf8') : null;
    },
    async read(rel) {
      if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) {
        return { ok: false, code: 'outside-root', message: `${rel} is outside the scanned root; not read` };
      }
      if (plain.has(rel)) {
        // Seen as a regular file under no symlinked directory: its path is its real path. O_NOFOLLOW
        // refuses it if it became a symlink since; then it is resolved like any other path.
        const r = readReal(rel, abs(rel), constants.O_NOFOLLOW);
        if (r.ok || r.code !== 'unreadable') return r;
      }
      const real = realInside(rel);
      if (real === null) return brokenLink(rel) ?? { ok: false, code: 'missing', message: `No such file: ${rel}` };
      if (real === 'outside') return { ok: false, code: 'outside-root', message: `${rel} is a symlink that leads outside the scanned root; not read` };
      return readReal(rel, real, 0);
    },
  };
}
