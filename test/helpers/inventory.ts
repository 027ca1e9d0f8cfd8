/**
 * In-memory inventories for rule and analysis tests: a map of root-relative path → file text
 * goes through the real scanner (discovery patterns, .gitignore, -r/-c following, service
 * assignment) over an `Io` that never touches the disk, then through `evaluate`.
 */
import { globMatcher, type Io, type ReadResult } from '../../src/io/node-io.js';
import { scan } from '../../src/inventory/scan.js';
import type { Inventory } from '../../src/inventory/model.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { evaluate, resolveRules } from '../../src/analysis/evaluate.js';
import type { Finding } from '../../src/analysis/finding.js';

/** Path → contents; a string is written as UTF-8, bytes are stored as given. */
export type Files = Record<string, string | Uint8Array>;

export function memoryIo(files: Files, maxFileSize = 5 * 1024 * 1024): Io {
  const bytes = new Map<string, Uint8Array>(
    Object.entries(files).map(([p, c]) => [p, typeof c === 'string' ? new TextEncoder().encode(c) : c]),
  );
  const isDirectory = (rel: string) => rel === '.' || [...bytes.keys()].some((p) => p.startsWith(`${rel}/`));
  const io: Io = {
    probe: { isDirectory, isFile: (rel) => bytes.has(rel) },
    async glob(patterns, ignoreDirs) {
      const matches = globMatcher(patterns);
      const files = [...bytes.keys()]
        .filter((p) => !p.split('/').slice(0, -1).some((seg) => ignoreDirs.includes(seg)))
        .filter(matches)
        .sort();
      return { files, skippedLinks: [] };
    },
    async read(rel): Promise<ReadResult> {
      if (rel === '..' || rel.startsWith('../')) return { ok: false, code: 'outside-root', message: `${rel} is outside the scanned root; not read` };
      const b = bytes.get(rel);
      if (!b) return { ok: false, code: 'missing', message: `No such file: ${rel}` };
      if (b.length > maxFileSize) return { ok: false, code: 'too-large', message: `${rel} is ${b.length} bytes, over the ${maxFileSize}-byte limit (--max-file-size); not read` };
      return { ok: true, bytes: b };
    },
    async readOptional(rel) {
      const b = bytes.get(rel);
      return b ? new TextDecoder().decode(b) : null;
    },
  };
  return io;
}

/** Scan an in-memory tree the way `depaudit` scans a directory. */
export async function inventoryOf(files: Files, opts: { rootName?: string; env?: Record<string, string> } = {}): Promise<Inventory> {
  return scan(memoryIo(files), { rootName: opts.rootName ?? 'root', env: new Map(Object.entries(opts.env ?? {})) });
}

/** Inventory + findings under a config given as the user would write it (parsed by configSchema). */
export async function auditFiles(files: Files, config: unknown = {}): Promise<{ inventory: Inventory; config: Config; findings: Finding[] }> {
  const inventory = await inventoryOf(files);
  const parsed = configSchema.parse(config);
  return { inventory, config: parsed, findings: evaluate(inventory, parsed, await resolveRules(parsed)) };
}

/** `service/requirements.txt` for each entry: `{ a: 'x==1\n' }` → `{ 'a/requirements.txt': 'x==1\n' }`. */
export function services(byService: Record<string, string>): Files {
  return Object.fromEntries(Object.entries(byService).map(([s, text]) => [`${s}/requirements.txt`, text]));
}
