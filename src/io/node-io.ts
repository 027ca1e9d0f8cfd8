/**
 * The only module that touches the file system for reading. Safe by construction: paths are
 * root-relative POSIX, symlinks are resolved and must stay inside the root, only regular files are
 * read (a FIFO or device behind a manifest's name is never opened for blocking reads), and files
 * over the size cap are refused.
 */
import { constants, promises as fsp, statSync, realpathSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { PathProbe } from '../formats/requirements/classify.js';

export type ReadResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: 'missing' | 'not-a-file' | 'outside-root' | 'too-large' | 'unreadable'; message: string };

/** What the scanner needs from the outside world. Tests pass an in-memory implementation. */
export interface Io {
  /** Root-relative POSIX paths of files matching the patterns, never descending into `ignoreDirs`. */
  glob(patterns: string[], ignoreDirs: string[]): Promise<{ files: string[]; skippedLinks: string[] }>;
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
      const entries = await fg(patterns, {
        cwd: rootAbs,
        dot: true,
        onlyFiles: false,
        followSymbolicLinks: false,
        objectMode: true,
        caseSensitiveMatch: false,
        suppressErrors: true,
        ignore: ignoreDirs.map((d) => `**/${d}/**`),
      });
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
      return { files: files.sort(), skippedLinks: skippedLinks.sort() };
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
      if (real === null) return { ok: false, code: 'missing', message: `No such file: ${rel}` };
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
