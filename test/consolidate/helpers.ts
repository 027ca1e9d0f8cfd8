/** Shared helpers for the consolidate tests: temp trees, in-process and CLI runs, tree snapshots. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runConsolidate, type ConsolidateCliOptions } from '../../src/commands/consolidate.js';
import { UsageError } from '../../src/errors.js';
import { loadInventory, DEFAULT_MAX_FILE_SIZE } from '../../src/load.js';
import { expandLikePip } from '../../src/inventory/expand.js';
import type { Inventory } from '../../src/inventory/model.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const fixturesDir = path.join(repoRoot, 'fixtures');
export const distCli = path.join(repoRoot, 'dist/cli.js');

const temps: string[] = [];

/** A fresh temp directory (removed by `cleanupTemps`); `fast` puts it in RAM when it can (writes fsync). */
export function tempDir(prefix = 'depaudit-consolidate-', fast = false): string {
  const parent = fast && existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(path.join(parent, prefix));
  temps.push(dir);
  return dir;
}

export function cleanupTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A temp copy of `fixtures/<name>` (or of any directory given by absolute path). */
export function copyTree(source: string): string {
  const from = path.isAbsolute(source) ? source : path.join(fixturesDir, source);
  const dir = path.join(tempDir(), path.basename(from));
  cpSync(from, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `depaudit consolidate ROOT ...` in process, exactly as the CLI calls it (usage errors → 2). */
export async function consolidate(root: string, opts: Partial<ConsolidateCliOptions> = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const out = { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s) };
  try {
    const code = await runConsolidate(root, { strategy: 'most-common', format: 'text', maxFileSize: DEFAULT_MAX_FILE_SIZE, ...opts }, out, { color: false });
    return { code, stdout, stderr };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout, stderr: `${stderr}depaudit: ${e.message}\n` };
    throw e;
  }
}

/** The built CLI (`npm run build` first; `npm test` does). */
export function cli(args: string[], env: Record<string, string> = {}): RunResult & { signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [distCli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status ?? -1, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Whether dist/ is at least as new as the consolidate sources it would run. */
export function distIsFresh(): boolean {
  if (!existsSync(distCli)) return false;
  const built = statSync(path.join(repoRoot, 'dist/commands/consolidate.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = ['src/commands/consolidate.ts', ...readdirSync(path.join(repoRoot, 'src/consolidate')).map((f) => `src/consolidate/${f}`)]
    .map((f) => statSync(path.join(repoRoot, f)).mtimeMs)
    .reduce((a, b) => Math.max(a, b), 0);
  return built >= newest;
}

export interface FileSnapshot {
  bytes: Buffer | null;
  mtimeMs: number;
  mode: number;
  link: string | null;
}

/** Every entry under `root` (dot files included): bytes, mtime and mode, symlink targets. */
export function snapshotTree(root: string): Map<string, FileSnapshot> {
  const out = new Map<string, FileSnapshot>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) out.set(rel, { bytes: null, mtimeMs: st.mtimeMs, mode: st.mode, link: readlinkSafe(abs) });
      else if (st.isDirectory()) {
        out.set(`${rel}/`, { bytes: null, mtimeMs: 0, mode: st.mode, link: null });
        walk(abs);
      } else out.set(rel, { bytes: readFileSync(abs), mtimeMs: st.mtimeMs, mode: st.mode, link: null });
    }
  };
  walk(root);
  return out;
}

function readlinkSafe(p: string): string | null {
  try {
    return readlinkSync(p);
  } catch {
    return null;
  }
}

/** path → file contents (text), directories and links left out: for readable assertions. */
export function treeText(snapshot: Map<string, FileSnapshot>): Record<string, string> {
  const o: Record<string, string> = {};
  for (const [p, s] of snapshot) if (s.bytes) o[p] = s.bytes.toString('latin1');
  return o;
}

export const load = (root: string, env: ReadonlyMap<string, string> = new Map()): Promise<Inventory> => loadInventory(root, { maxFileSize: DEFAULT_MAX_FILE_SIZE, env });

/** What pip would install for one root file, as comparable keys: name[extras] spec ; marker (+hashes). */
export function effectiveRequirements(inventory: Inventory, manifest: string): string[] {
  const byPath = new Map(inventory.manifests.map((m) => [m.path, m]));
  return expandLikePip(byPath, manifest)
    .entries.filter((e) => !e.constraint)
    .map(({ declaration: d }) => {
      const extras = [...new Set(d.extras.map((x) => x.toLowerCase()))].sort();
      return `${d.name ?? d.url ?? d.path}${extras.length ? `[${extras.join(',')}]` : ''}${d.specifier}${d.marker ? ` ; ${d.marker}` : ''}${d.hashes.length ? ` ${[...d.hashes].sort().join(' ')}` : ''}`;
    })
    .sort();
}

/** Temp/journal litter a transaction must never leave behind. */
export function litter(root: string): string[] {
  return [...snapshotTree(root).keys()].filter((p) => /\.depaudit-\d+\.tmp$|\.depaudit-journal\.json$/.test(p));
}
