/**
 * The new texts, parsed again with the same parsers: each must declare exactly what the old one
 * did, with only the planned values changed, and raise no new diagnostic. Returns the first
 * difference, or null.
 */
import { parsePackageJson, type PackageJsonManifest } from '../../formats/npm/package-json.js';
import { parsePnpmWorkspace, type PnpmWorkspace } from '../../formats/npm/pnpm-workspace.js';
import type { Catalogs } from '../../formats/npm/catalog.js';
import type { Diagnostic } from '../../model/diagnostic.js';

/** `planned`: declaration span start (in the old text) → its new value. */
export function verifyPackageJson(before: PackageJsonManifest, after: string, planned: ReadonlyMap<number, string>): string | null {
  const reread = parsePackageJson(after, { path: before.path });
  if (newDiagnostic(before.diagnostics, reread.diagnostics)) return `a new diagnostic: ${newDiagnostic(before.diagnostics, reread.diagnostics)}`;
  if (reread.declarations.length !== before.declarations.length) return 'its declarations changed';
  for (let i = 0; i < before.declarations.length; i++) {
    const a = before.declarations[i]!;
    const b = reread.declarations[i]!;
    const want = planned.get(a.span.start) ?? a.written ?? a.specifier;
    if (a.name !== b.name || a.group !== b.group || (b.written ?? b.specifier) !== want) return `${a.group}.${a.name} reads ${JSON.stringify(b.written ?? b.specifier)}, not ${JSON.stringify(want)}`;
  }
  return null;
}

export function verifyPnpmWorkspace(before: PnpmWorkspace, after: string, updates: ReadonlyMap<string, string>, additions: ReadonlyMap<string, string>): string | null {
  const reread = parsePnpmWorkspace(after, { path: before.path });
  if (newDiagnostic(before.diagnostics, reread.diagnostics)) return `a new diagnostic: ${newDiagnostic(before.diagnostics, reread.diagnostics)}`;
  if (JSON.stringify(reread.packages.map((p) => p.value)) !== JSON.stringify(before.packages.map((p) => p.value))) return 'its packages changed';
  const want = flatten(before.catalogs);
  for (const [name, spec] of updates) want.set(`default\0${name}`, spec);
  for (const [name, spec] of additions) want.set(`default\0${name}`, spec);
  const got = flatten(reread.catalogs);
  for (const [key, spec] of want) if (got.get(key) !== spec) return `catalog ${key.replace('\0', '.')} reads ${JSON.stringify(got.get(key) ?? null)}, not ${JSON.stringify(spec)}`;
  for (const key of got.keys()) if (!want.has(key)) return `catalog ${key.replace('\0', '.')} is new`;
  return null;
}

/**
 * A diagnostic of the new text that the old one did not have (by code and message: positions
 * move with the edits). One may go away: an empty `catalogs.default:` that gets its first entries.
 */
function newDiagnostic(before: readonly Diagnostic[], after: readonly Diagnostic[]): string | null {
  const seen = new Map<string, number>();
  for (const d of before) seen.set(`${d.code}\0${d.message}`, (seen.get(`${d.code}\0${d.message}`) ?? 0) + 1);
  for (const d of after) {
    const key = `${d.code}\0${d.message}`;
    const n = seen.get(key) ?? 0;
    if (n === 0) return d.message;
    seen.set(key, n - 1);
  }
  return null;
}

function flatten(catalogs: Catalogs): Map<string, string> {
  const out = new Map<string, string>();
  for (const [catalog, entries] of catalogs) for (const [name, e] of entries) out.set(`${catalog}\0${name}`, e.specifier);
  return out;
}
