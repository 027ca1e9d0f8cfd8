/**
 * The only module that touches the file system for reading. Safe by construction: paths are
 * root-relative POSIX, symlinks are resolved and must stay inside the root, only regular files are
 * read (a FIFO or device behind a manifest's name is never opened for blocking reads), and files
 * over the size cap are refused.
 */
import { constants, lstatSync, promises as fsp, statSync, realpathSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
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

  return {
    probe,
    async glob(patterns, ignoreDirs) {
      const walk = {
        cwd: rootAbs,
        dot: true,
        onlyFiles: false,
        followSymbolicLinks: false,
        objectMode: true as const,
        suppressErrors: true,
        ignore: ignoreDirs.map((d) => `**/${d}/**`),
      };
      // Directory symlinks are never followed; the ones that leave the root hide files from the
      // scan, so a second walk (run alongside the first) lists every symlink to report them.
      const [entries, all] = await Promise.all([fg(patterns, { ...walk, caseSensitiveMatch: false }), fg('**', walk)]);
      const outsideDirLinks = all
        .filter((e) => e.dirent.isSymbolicLink() && realInside(e.path) === 'outside' && probeStat(e.path)?.isDirectory())
        .map((e) => e.path)
        .sort();
      const files: string[] = [];
      const skippedLinks: string[] = [];
      for (const e of entries) {
        if (e.dirent.isDirectory()) continue;
        if (e.dirent.isSymbolicLink()) {
          // A symlinked manifest is read only if it resolves inside the root (checked again on read).
          if (realInside(e.path) === 'outside') skippedLinks.push(e.path);
          else files.push(e.path);
        } else files.push(e.path);
      }
      return { files: files.sort(), skippedLinks: skippedLinks.sort(), outsideDirLinks };
    },
    async readOptional(rel) {
      const r = await this.read(rel);
      return r.ok ? Buffer.from(r.bytes).toString('utf8') : null;
    },
    async read(rel) {
      if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) {
        return { ok: false, code: 'outside-root', message: `${rel} is outside the scanned root; not read` };
      }
      const real = realInside(rel);
      if (real === null) return brokenLink(rel) ?? { ok: false, code: 'missing', message: `No such file: ${rel}` };
      if (real === 'outside') return { ok: false, code: 'outside-root', message: `${rel} is a symlink that leads outside the scanned root; not read` };
      let handle: fsp.FileHandle | undefined;
      try {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        handle = await fsp.open(real, constants.O_RDONLY | constants.O_NONBLOCK);
        const stat = await handle.stat();
        if (!stat.isFile()) return { ok: false, code: 'not-a-file', message: `${rel} is not a regular file (FIFO, socket, device or directory); not read` };
        if (stat.size > options.maxFileSize) {
          return { ok: false, code: 'too-large', message: `${rel} is ${stat.size} bytes, over the ${options.maxFileSize}-byte limit (--max-file-size); not read` };
        }
        const bytes = await handle.readFile();
        if (bytes.length > options.maxFileSize) {
          return { ok: false, code: 'too-large', message: `${rel} grew past the ${options.maxFileSize}-byte limit while being read; not read` };
        }
        return { ok: true, bytes };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return { ok: false, code: 'missing', message: `No such file: ${rel}` };
        return { ok: false, code: 'unreadable', message: `${rel} could not be read (${code ?? String(e)})` };
      } finally {
        await handle?.close();
      }
    },
  };
}
