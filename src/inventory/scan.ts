/**
 * Discovery: glob the default manifest patterns, read and parse every match with its format's
 * parser, then follow every `-r`/`-c` to files the globs did not match. Runtime files
 * (Dockerfiles, .python-version, .nvmrc) are manifests without declarations; what they name joins
 * `inventory.runtimes`. Reading goes through `Io`, so the same code runs on the real file system
 * and on an in-memory tree in tests.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { ManifestKind, ParsedManifest } from '../model/manifest.js';
import type { RuntimeDeclaration } from '../model/runtime.js';
import { classifyPath, emptyKindFields, FORMAT_PATTERNS, isCondaEnvironment, loadParsers, parseManifestBytes } from '../formats/registry.js';
import { isCondaEnvironmentName } from '../formats/conda/names.js';
import { GitIgnore } from '../discover/gitignore.js';
import type { Io } from '../io/node-io.js';
import { assignServices } from './services.js';
import { findIncludeCycles } from './expand.js';
import type { Inventory } from './model.js';

export const REQUIREMENTS_PATTERNS = [
  '**/*requirements*.txt',
  '**/*requirements*.in',
  '**/constraints*.txt',
  '**/requirements/*.txt',
  '**/requirements/*.in',
];

export const DEFAULT_PATTERNS = [...REQUIREMENTS_PATTERNS, ...FORMAT_PATTERNS];

export const DEFAULT_IGNORED_DIRS = ['.git', 'node_modules', '.venv', 'venv', '.tox', 'site-packages', 'build', 'dist'];

export interface ScanOptions {
  rootName: string;
  env?: ReadonlyMap<string, string>;
  patterns?: string[];
  ignoredDirs?: string[];
  concurrency?: number;
  /** False: parsers leave out the line blocks that only a rewrite (consolidate) reads. */
  blocks?: boolean;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

function unreadable(path: string, message: string, code: string, severity: 'error' | 'warning' = 'error', kind: ManifestKind = 'requirements'): ParsedManifest {
  return {
    path, kind, encoding: null, bom: false, newline: '\n', finalNewline: true, sha256: null, text: '',
    blocks: [], declarations: [], includes: [], options: [],
    diagnostics: [{ path, line: 0, column: 0, severity, code, message }],
    ...emptyKindFields(kind),
  };
}

/**
 * A YAML file that cannot be read may be any YAML (a CI file, a chart): unless its name says
 * conda, that is worth a warning, not a failed gate. Every other manifest is an error.
 */
function unreadableSeverity(path: string, kind: ManifestKind | 'conda-candidate'): 'error' | 'warning' {
  return kind === 'conda-candidate' && !isCondaEnvironmentName(path.slice(path.lastIndexOf('/') + 1)) ? 'warning' : 'error';
}

/**
 * Read and parse `paths`, then follow every `-r`/`-c` breadth-first to files not yet read. A
 * target that cannot be read is reported on the including line; include cycles are reported once.
 */
export async function readWithIncludes(
  io: Io,
  paths: Array<string | { path: string; kind: ManifestKind | 'conda-candidate' }>,
  options: { env?: ReadonlyMap<string, string>; concurrency?: number; blocks?: boolean },
): Promise<Map<string, ParsedManifest>> {
  const parsed = new Map<string, ParsedManifest>();
  const limit = options.concurrency ?? 32;
  const ctx = { probe: io.probe, ...(options.env ? { env: options.env } : {}), ...(options.blocks === false ? { blocks: false } : {}) };
  const parseBytes = (path: string, bytes: Uint8Array, kind: ManifestKind = 'requirements') => parseManifestBytes(kind, path, bytes, ctx);
  const files = paths.map((p) => (typeof p === 'string' ? { path: p, kind: 'requirements' as const } : p));
  await loadParsers(files.map((f) => (f.kind === 'conda-candidate' ? 'conda' : f.kind)));
  for (const m of await mapLimit(files, limit, async ({ path, kind }) => {
    const r = await io.read(path);
    const as = kind === 'conda-candidate' ? 'conda' : kind;
    if (!r.ok) {
      return unreadable(path, r.message, r.code === 'too-large' ? 'file-too-large' : 'unreadable', unreadableSeverity(path, kind), as);
    }
    // Most YAML in a repository is not a conda environment: only those are manifests.
    if (kind === 'conda-candidate' && !isCondaEnvironment(path, r.bytes)) return null;
    return parseBytes(path, r.bytes, as);
  })) {
    if (m) parsed.set(m.path, m);
  }

  let frontier = [...parsed.values()];
  while (frontier.length > 0) {
    const wanted = new Set<string>();
    for (const m of frontier) {
      for (const inc of m.includes) {
        if (inc.target === null) continue;
        if (inc.target === '..' || inc.target.startsWith('../')) {
          m.diagnostics.push({
            path: m.path, line: inc.line, column: 1, severity: 'error', code: 'include-outside-root',
            message: `${inc.raw} resolves to ${inc.target}, outside the scanned root; not read`,
          });
          inc.target = null;
        } else if (!parsed.has(inc.target)) wanted.add(inc.target);
      }
    }
    const reads = await mapLimit([...wanted].sort(), limit, async (path) => ({ path, r: await io.read(path) }));
    frontier = [];
    const failed = new Map<string, string>();
    for (const { path, r } of reads) {
      if (!r.ok) {
        failed.set(path, r.code === 'missing' ? `Could not open requirements file: ${path} does not exist` : r.message);
        continue;
      }
      const m = parseBytes(path, r.bytes);
      parsed.set(path, m);
      frontier.push(m);
    }
    if (failed.size === 0) continue;
    for (const m of parsed.values()) {
      for (const inc of m.includes) {
        const why = inc.target === null ? undefined : failed.get(inc.target);
        if (why === undefined) continue;
        m.diagnostics.push({ path: m.path, line: inc.line, column: 1, severity: 'error', code: 'include-unreadable', message: why });
        inc.target = null;
      }
    }
  }

  for (const cycle of findIncludeCycles(parsed.values())) {
    const m = parsed.get(cycle.from)!;
    m.diagnostics.push({
      path: m.path, line: cycle.line, column: 1, severity: 'error', code: 'include-cycle',
      message: `include cycle: ${cyclePath(cycle.path)} (pip >= 24.3 refuses it; pip 23.2 recurses until it crashes)`,
    });
  }
  return parsed;
}

/** A cycle for a message: every file when short, the ends when long (a ring of n files must not print n² paths). */
function cyclePath(path: string[]): string {
  if (path.length <= 8) return path.join(' -> ');
  return `${path.slice(0, 4).join(' -> ')} -> … (${path.length - 7} more) -> ${path.slice(-3).join(' -> ')}`;
}

export async function scan(io: Io, options: ScanOptions): Promise<Inventory> {
  const { files, skippedLinks, outsideDirLinks = [] } = await io.glob(options.patterns ?? DEFAULT_PATTERNS, options.ignoredDirs ?? DEFAULT_IGNORED_DIRS);
  const gitignoreText = await io.readOptional('.gitignore');
  const gitignore = gitignoreText === null ? null : new GitIgnore(gitignoreText);
  const manifests: Array<{ path: string; kind: ManifestKind | 'conda-candidate' }> = [];
  for (const path of files) {
    if (gitignore?.ignores(path)) continue;
    const kind = classifyPath(path);
    if (kind !== null) manifests.push({ path, kind });
  }
  const parsed = await readWithIncludes(io, manifests, options);

  const inventory = assignServices([...parsed.values()], options.rootName);
  inventory.runtimes = attachServices(inventory, inventory.manifests.flatMap((m) => m.runtimes ?? []));
  for (const path of skippedLinks) {
    const message = `${path} is a symlink that leads outside the scanned root; not read`;
    const kind = classifyPath(path) ?? 'conda-candidate';
    const m = unreadable(path, message, 'symlink-outside-root', unreadableSeverity(path, kind), kind === 'conda-candidate' ? 'conda' : kind);
    inventory.manifests.push({ ...m, service: null, role: 'base', includedAs: [] });
  }
  for (const path of outsideDirLinks.filter((p) => !gitignore?.ignores(p))) {
    const message = `${path} is a directory symlink that leads outside the scanned root; directory symlinks are not followed, so no manifest under it is read`;
    inventory.manifests.push({ ...unreadable(path, message, 'symlink-not-followed', 'warning'), service: null, role: 'base', includedAs: [] });
  }
  inventory.manifests.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return inventory;
}

/** Each runtime belongs to the service whose directory holds it (or an ancestor's, for a Dockerfile in a subfolder). */
function attachServices(inventory: Inventory, runtimes: RuntimeDeclaration[]): RuntimeDeclaration[] {
  const byDir = new Map(inventory.services.map((s) => [s.path, s.name]));
  const serviceOf = (path: string): string | null => {
    let dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    for (;;) {
      const name = byDir.get(dir);
      if (name !== undefined) return name;
      if (dir === '.') return null;
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '.';
    }
  };
  return runtimes
    .map((r) => ({ ...r, service: serviceOf(r.path) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
}
