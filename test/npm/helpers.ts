/** Test-only I/O: read a generated npm monorepo from disk and run the pure npm layer on it. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePackageJson, type PackageJsonManifest } from '../../src/formats/npm/package-json.js';
import { parsePnpmWorkspace, type PnpmWorkspace } from '../../src/formats/npm/pnpm-workspace.js';
import { analyzeNpm, type NpmAnalysis } from '../../src/npm/analyze.js';
import { matchWorkspaceMembers, workspacePatterns } from '../../src/npm/workspace.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(REPO, '../shared');
export const GENERATOR = join(SHARED, 'bench/gen-npm-monorepo.mjs');
export const HAVE_GENERATOR = existsSync(GENERATOR);

export interface LoadedMonorepo {
  root: PackageJsonManifest;
  pnpmWorkspace: PnpmWorkspace | null;
  members: string[];
  manifests: PackageJsonManifest[];
}

/** Every package.json under `dir` (node_modules skipped), as root-relative POSIX paths. */
export function listPackageJsons(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') walk(join(d, e.name));
      else if (e.isFile() && e.name === 'package.json') out.push(relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function loadMonorepo(dir: string): LoadedMonorepo {
  const read = (p: string) => readFileSync(join(dir, p), 'utf8');
  const root = parsePackageJson(read('package.json'), { path: 'package.json' });
  const pnpmWorkspace = existsSync(join(dir, 'pnpm-workspace.yaml')) ? parsePnpmWorkspace(read('pnpm-workspace.yaml'), { path: 'pnpm-workspace.yaml' }) : null;
  const patterns = workspacePatterns(root, pnpmWorkspace)?.patterns ?? [];
  const members = matchWorkspaceMembers(patterns, listPackageJsons(dir));
  const manifests = [root, ...members.map((m) => parsePackageJson(read(`${m}/package.json`), { path: `${m}/package.json` }))];
  return { root, pnpmWorkspace, members, manifests };
}

export function analyzeMonorepo(dir: string): NpmAnalysis & LoadedMonorepo {
  const loaded = loadMonorepo(dir);
  return { ...loaded, ...analyzeNpm({ manifests: loaded.manifests, pnpmWorkspace: loaded.pnpmWorkspace }) };
}

export const DRIFT_RULES = new Set(['version-conflict', 'range-mismatch', 'unsatisfiable']);

export function flaggedPackages(analysis: NpmAnalysis): string[] {
  return [...new Set(analysis.findings.filter((f) => DRIFT_RULES.has(f.rule)).map((f) => f.package))].sort();
}

export interface DriftTruth {
  args: { packages: number; deps: number; seed: number; peerRanges: 'canonical' | 'broad' };
  injected: Array<{ package: string; path: string; depType: string; dependency: string; canonical: string; drifted: string; kind: string }>;
  expected: { prodDev: { mismatched: string[] } };
}

export function injectedPackages(truth: DriftTruth): string[] {
  return [...new Set(truth.injected.map((i) => i.dependency))].sort();
}

/** Runs the generator into a fresh temporary directory; the caller removes it with `cleanup`. */
export function generate(args: { packages: number; deps?: number; seed: number; peerRanges: 'canonical' | 'broad' }): { dir: string; truth: DriftTruth; cleanup: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'depaudit-npm-'));
  const dir = join(base, 'repo');
  execFileSync(process.execPath, [GENERATOR, dir, '--packages', String(args.packages), '--deps', String(args.deps ?? 30), '--seed', String(args.seed), '--peer-ranges', args.peerRanges], { stdio: 'pipe' });
  const truth = JSON.parse(readFileSync(join(dir, 'drift-truth.json'), 'utf8')) as DriftTruth;
  return { dir, truth, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
