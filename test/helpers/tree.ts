/**
 * Temporary directory trees for end-to-end tests, and a runner for the built CLI.
 *
 *   const t = makeTree({ 'svc/requirements.txt': 'requests==2.31.0\n', 'link': { symlink: '../outside' } });
 *   const r = runCli(['report', t.root, '--format', 'json']);
 *   t.cleanup();
 *
 * Every tree lives in its own `mkdtemp` directory under os.tmpdir(): `base` holds the scanned
 * `root` (base/repo) and may hold siblings outside it (spec keys starting with `../`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportJson } from '../../src/report/schema.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(repoRoot, 'dist/cli.js');

export type Entry =
  | string
  | Uint8Array
  | { symlink: string }
  /** A named pipe (mkfifo); `makeTree` reports whether it could make one. */
  | { fifo: true }
  | { dir: true };

export interface Tree {
  /** The mkdtemp directory; `root`'s parent. */
  base: string;
  /** The directory to scan. */
  root: string;
  /** False when a `{ fifo: true }` entry could not be made (no mkfifo on this system). */
  fifos: boolean;
  /** Absolute path of a root-relative entry. */
  abs(rel: string): string;
  cleanup(): void;
}

/** Build a tree; keys are POSIX paths relative to the root (`../x` lands beside it). Parents are created. */
export function makeTree(spec: Record<string, Entry>, prefix = 'depaudit-'): Tree {
  const base = mkdtempSync(path.join(os.tmpdir(), prefix));
  const root = path.join(base, 'repo');
  mkdirSync(root);
  const abs = (rel: string) => path.resolve(root, ...rel.split('/'));
  let fifos = true;
  for (const [rel, entry] of Object.entries(spec)) {
    const file = abs(rel);
    if (!file.startsWith(base + path.sep)) throw new Error(`tree entry escapes the temp dir: ${rel}`);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof entry === 'string' || entry instanceof Uint8Array) writeFileSync(file, entry);
    else if ('symlink' in entry) symlinkSync(entry.symlink, file);
    else if ('dir' in entry) mkdirSync(file, { recursive: true });
    else {
      const r = spawnSync('mkfifo', [file], { encoding: 'utf8' });
      if (r.error || r.status !== 0) fifos = false;
    }
  }
  return { base, root, fifos, abs, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time in milliseconds. */
  ms: number;
  /** True when the run was killed by the timeout. */
  timedOut: boolean;
}

/** Run `node dist/cli.js ...args` with a timeout; colour off, no inherited DEPAUDIT_* settings. */
export function runCli(args: string[], options: { timeoutMs?: number; cwd?: string } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('DEPAUDIT_') || k === 'FORCE_COLOR') delete env[k];
  const start = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? repoRoot,
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms, timedOut };
}

/** `report <root> --format json`, parsed. Throws with the CLI's stderr when the output is not JSON. */
export function reportJson(root: string, extra: string[] = [], options: { timeoutMs?: number } = {}): CliRun & { json: ReportJson } {
  const run = runCli(['report', root, '--format', 'json', ...extra], options);
  let json: ReportJson;
  try {
    json = JSON.parse(run.stdout) as ReportJson;
  } catch {
    throw new Error(`report did not print JSON (status ${run.status}, ${Math.round(run.ms)} ms, timed out: ${run.timedOut}):\n${run.stderr.slice(0, 2000)}`);
  }
  return { ...run, json };
}

/** Build dist/ when it is missing (`npm test` builds first; a lone `vitest run` may not have). */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}

/** A stack trace or an internal error on stderr: what a hostile input must never produce. */
export const CRASH_RE = /internal error|\n\s+at .+:\d+:\d+|Error: .*\n\s+at |RangeError|TypeError|Maximum call stack/;
