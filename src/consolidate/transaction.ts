/**
 * All-or-nothing writes of several files under a root. Each file is written to a temp file beside
 * it and renamed into place; before the first rename a journal with every original is written
 * atomically at the root. A failure, a failed verification, or a crash (recovered on the next
 * run) restores the originals, so the tree is always either the old one or the new one.
 */
import { closeSync, existsSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

export const JOURNAL = '.depaudit-journal.json';

export interface WriteTarget {
  /** Root-relative POSIX path. */
  path: string;
  /** SHA-256 (hex) of the bytes the plan was made from; null when the file must not exist yet. */
  expectedSha256: string | null;
  bytes: Uint8Array;
}

interface Journal {
  version: 1;
  entries: Array<{ path: string; backup: string | null; mode: number | null; temp: string }>;
  createdDirs: string[];
}

export type TransactionResult = { ok: true } | { ok: false; message: string };

/**
 * Test seams, unset in normal runs: tests set them in process to change a file between plan and
 * write, to fail a rename, or to spoil a file before verification.
 */
export const testHooks: { beforeWrite?: () => void; afterRename?: (renamed: number) => void; beforeVerify?: () => void } = {};

function writeDurable(file: string, bytes: Uint8Array, mode?: number): void {
  const fd = openSync(file, 'w', mode ?? 0o644);
  try {
    // The umask must not narrow a replaced file's permissions (664 stays 664).
    if (mode !== undefined) fchmodSync(fd, mode);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function atomicWrite(file: string, bytes: Uint8Array, mode?: number): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.depaudit-${process.pid}.tmp`);
  writeDurable(tmp, bytes, mode);
  renameSync(tmp, file);
}

/** Resolve a root-relative path, refusing anything that leaves the root or goes through a symlink. */
export function safeTarget(root: string, rel: string): { abs: string } | { error: string } {
  const rootReal = realpathSync(root);
  const abs = path.resolve(rootReal, ...rel.split('/'));
  if (abs !== rootReal && !abs.startsWith(rootReal + path.sep)) return { error: `${rel} is outside the root; refusing to write it` };
  // Every existing component must be a real directory (or the file itself a regular file).
  let cur = rootReal;
  for (const part of path.relative(rootReal, abs).split(path.sep)) {
    cur = path.join(cur, part);
    if (!existsSync(cur)) break;
    const st = lstatSync(cur);
    if (st.isSymbolicLink()) return { error: `${rel}: ${path.relative(rootReal, cur)} is a symlink; refusing to write through it` };
  }
  return { abs };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Undo an interrupted or failed transaction from its journal. Returns the restored paths. */
export function rollback(root: string): string[] {
  const journalPath = path.join(root, JOURNAL);
  if (!existsSync(journalPath)) return [];
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  const restored: string[] = [];
  for (const e of journal.entries) {
    const abs = path.resolve(root, ...e.path.split('/'));
    if (e.backup === null) rmSync(abs, { force: true });
    else atomicWrite(abs, Buffer.from(e.backup, 'base64'), e.mode ?? undefined);
    rmSync(path.resolve(root, ...e.temp.split('/')), { force: true });
    restored.push(e.path);
  }
  for (const d of [...journal.createdDirs].reverse()) {
    try {
      // rmdir, not rm: rm refuses every directory without `recursive`, and only an empty one may go.
      rmdirSync(path.resolve(root, ...d.split('/')));
    } catch {
      // not empty or already gone: leave it
    }
  }
  unlinkSync(journalPath);
  return restored;
}

export async function writeTransaction(root: string, targets: WriteTarget[], verify: () => Promise<string | null>): Promise<TransactionResult> {
  if (existsSync(path.join(root, JOURNAL))) return { ok: false, message: `${JOURNAL} exists: an earlier run was interrupted; run again to restore it first` };
  testHooks.beforeWrite?.();
  const resolved: Array<WriteTarget & { abs: string; mode: number | null; original: Uint8Array | null }> = [];
  for (const t of targets) {
    const r = safeTarget(root, t.path);
    if ('error' in r) return { ok: false, message: r.error };
    const original = existsSync(r.abs) ? readFileSync(r.abs) : null;
    if (t.expectedSha256 === null ? original !== null : original === null || sha256(original) !== t.expectedSha256) {
      return { ok: false, message: `${t.path} changed since the plan was made; nothing was written` };
    }
    resolved.push({ ...t, abs: r.abs, original, mode: original ? statSync(r.abs).mode & 0o7777 : null });
  }

  const createdDirs: string[] = [];
  const temps: string[] = [];
  const cleanup = () => {
    for (const t of temps) rmSync(t, { force: true });
  };
  try {
    for (const t of resolved) {
      const dir = path.dirname(t.abs);
      if (!existsSync(dir)) {
        const first = mkdirSync(dir, { recursive: true });
        // Every level created, outermost first, so a rollback can remove them innermost first.
        if (first) {
          const chain: string[] = [];
          for (let d = dir; ; d = path.dirname(d)) {
            chain.unshift(path.relative(root, d).split(path.sep).join('/'));
            if (d === first || path.dirname(d) === d) break;
          }
          createdDirs.push(...chain);
        }
      }
      const tmp = path.join(dir, `.${path.basename(t.abs)}.depaudit-${process.pid}.tmp`);
      writeDurable(tmp, t.bytes, t.mode ?? undefined);
      temps.push(tmp);
    }
    const journal: Journal = {
      version: 1,
      entries: resolved.map((t, i) => ({
        path: t.path,
        backup: t.original === null ? null : Buffer.from(t.original).toString('base64'),
        mode: t.mode,
        temp: path.relative(root, temps[i]!).split(path.sep).join('/'),
      })),
      createdDirs,
    };
    atomicWrite(path.join(root, JOURNAL), Buffer.from(JSON.stringify(journal)));
  } catch (e) {
    cleanup();
    for (const d of [...createdDirs].reverse()) {
      try {
        rmdirSync(path.resolve(root, ...d.split('/')));
      } catch {
        // not empty: leave it
      }
    }
    return { ok: false, message: `could not prepare the writes: ${e instanceof Error ? e.message : String(e)}; nothing was written` };
  }

  const crashAfter = Number(process.env.DEPAUDIT_TEST_CRASH_AFTER_RENAMES ?? NaN);
  try {
    resolved.forEach((t, i) => {
      renameSync(temps[i]!, t.abs);
      // Test hook: die between two renames to prove the journal restores the old tree.
      if (i + 1 === crashAfter) process.kill(process.pid, 'SIGKILL');
      testHooks.afterRename?.(i + 1);
    });
  } catch (e) {
    cleanup();
    rollback(root);
    return { ok: false, message: `a write failed (${e instanceof Error ? e.message : String(e)}); every file was restored` };
  }
  testHooks.beforeVerify?.();
  const problem = await verify();
  if (problem) {
    rollback(root);
    return { ok: false, message: `${problem}; every file was restored` };
  }
  unlinkSync(path.join(root, JOURNAL));
  return { ok: true };
}
