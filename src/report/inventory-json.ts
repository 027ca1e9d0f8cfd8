/**
 * The versioned JSON inventory: the contract security reviewers consume. Keys are written in a
 * fixed order and every list is sorted, so two runs on the same tree print the same bytes.
 */
import { ecosystemOf, roleOf, type Declaration } from '../model/declaration.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import type { Inventory, InventoryManifest } from '../inventory/model.js';
import type { PackageEntry, PackageIndex, PackageUse } from '../analysis/package-index.js';
import type { Summary } from '../analysis/summary.js';
import type { Finding } from '../analysis/finding.js';
import type { ReportJson } from './schema.js';
import { SCHEMA_VERSION } from './schema-version.js';

export { SCHEMA_VERSION };

export interface ToolInfo {
  name: 'depaudit';
  version: string;
}

export function declarationJson(d: Declaration, constraint = d.constraint) {
  return {
    name: d.name,
    rawName: d.rawName,
    line: d.line,
    endLine: d.endLine,
    span: d.byteSpan ? ([d.byteSpan.start, d.byteSpan.end] as [number, number]) : null,
    text: d.text,
    requirement: d.requirement,
    specifier: d.specifier,
    extras: d.extras,
    marker: d.marker,
    url: d.url,
    path: d.path,
    source: d.source,
    editable: d.editable,
    hashes: d.hashes,
    configSettings: d.configSettings,
    constraint,
    group: d.group,
    unexpandedVars: d.unexpandedVars,
    comment: d.comment,
    ecosystem: ecosystemOf(d),
    role: roleOf(d),
    dialect: d.dialect ?? 'pip-line',
    written: d.written ?? null,
  };
}

export function diagnosticJson(d: Diagnostic) {
  return { line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message };
}

function manifestJson(m: InventoryManifest) {
  // A service's own manifest is installed on its own too (`pip install -r prod.txt`), even when a
  // sibling pulls it in with -c; only a base file reached solely through -c is constraints-only.
  // This matches packages[].declarations[].constraint, which follows each service's includes.
  const constraintOnly = m.role === 'base' && m.includedAs.length === 1 && m.includedAs[0] === 'constraint';
  return {
    path: m.path,
    kind: m.kind,
    service: m.service,
    role: m.role,
    includedAs: m.includedAs,
    encoding: m.encoding,
    bom: m.bom,
    newline: (m.newline === '\n' ? 'lf' : m.newline === '\r\n' ? 'crlf' : 'cr') as 'lf' | 'crlf' | 'cr',
    includes: m.includes.map((i) => ({ line: i.line, kind: i.kind, raw: i.raw, target: i.target, url: i.url })),
    options: m.options.map((o) => ({ line: o.line, name: o.name, value: o.value })),
    declarations: m.declarations.map((d) => declarationJson(d, d.constraint || constraintOnly)),
    diagnostics: sortDiagnostics([...m.diagnostics]).map(diagnosticJson),
  };
}

export function inventoryJson(inventory: Inventory, tool: ToolInfo) {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: tool.name, version: tool.version },
    root: '.' as const,
    services: inventory.services.map((s) => ({ name: s.name, path: s.path, manifests: s.manifests })),
    manifests: inventory.manifests.map(manifestJson),
    runtimes: runtimesJson(inventory),
  };
}

/**
 * Define `key` on `target` as a value computed on first read (and then kept): the gate (`check`)
 * reads only findings and the summary, so it never builds the inventory's JSON twin.
 */
function lazy<T extends object>(target: T, key: string, make: () => unknown): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

/** A list writeJson can produce one item at a time: `item(i)` is what the materialized list holds at i. */
interface ItemwiseList {
  length: number;
  item: (i: number) => unknown;
}
const itemwiseLists = new WeakMap<object, Map<string, ItemwiseList>>();

/**
 * A lazy list whose items `writeJson` builds, writes and drops one at a time: the manifests of a
 * 5,000-service report are ~200 MB of objects that need never be alive at once.
 */
function lazyList<T extends object, S>(target: T, key: string, source: readonly S[], toJson: (s: S) => unknown): void {
  lazy(target, key, () => source.map(toJson));
  let lists = itemwiseLists.get(target);
  if (!lists) itemwiseLists.set(target, (lists = new Map()));
  lists.set(key, { length: source.length, item: (i) => toJson(source[i]!) });
}

/** The full report: the inventory plus the analysis. Keys in contract order; `manifests` and `packages` are built when first read. */
export function reportJson(inventory: Inventory, index: PackageIndex, summary: Summary, findings: Finding[], tool: ToolInfo): ReportJson {
  const report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: tool.name, version: tool.version },
    root: '.' as const,
    services: inventory.services.map((s) => ({ name: s.name, path: s.path, manifests: s.manifests })),
  } as Record<string, unknown>;
  lazyList(report, 'manifests', inventory.manifests, manifestJson);
  lazy(report, 'runtimes', () => runtimesJson(inventory));
  report.summary = summary;
  lazyList(report, 'packages', [...index.packages.values()], packageJson);
  report.findings = findings.map((f) => ({
    rule: f.rule, severity: f.severity, package: f.package, ecosystem: f.ecosystem, message: f.message,
    locations: f.locations, data: f.data, fingerprint: f.fingerprint,
  }));
  return report as ReportJson;
}

/**
 * The report with other findings (what a baseline has not accepted). Its descriptors are copied,
 * not its values, and its item-wise lists stay item-wise: the copy is written as lazily as the
 * report itself, without building manifests and packages whole.
 */
export function withFindings(report: ReportJson, findings: ReportJson['findings']): ReportJson {
  const copy = Object.defineProperties({}, {
    ...Object.getOwnPropertyDescriptors(report),
    findings: { value: findings, enumerable: true, writable: true, configurable: true },
  }) as ReportJson;
  const lists = itemwiseLists.get(report);
  if (lists) itemwiseLists.set(copy, lists);
  return copy;
}

/**
 * The pieces of `JSON.stringify(value, null, 2)` + newline, in order. A top-level list is written
 * one element at a time, so a report of thousands of services never becomes one string (V8 caps a
 * string at 512 MiB, and the copy would double the peak memory). Pieces are never concatenated:
 * joining them cost as much as writing them.
 */
function* jsonPieces(value: Record<string, unknown>): Generator<string> {
  const itemwise = itemwiseLists.get(value);
  // An item-wise list is not read here: reading it would build the whole list.
  const keys = Object.keys(value).filter((k) => itemwise?.has(k) || value[k] !== undefined);
  if (keys.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const comma = i < keys.length - 1 ? ',\n' : '\n';
    const list = itemwise?.get(key) ?? (Array.isArray(value[key]) ? arrayItems(value[key] as unknown[]) : null);
    if (list && list.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < list.length; j++) {
        yield indented(list.item(j), 4);
        yield j < list.length - 1 ? ',\n' : '\n';
      }
      yield '  ]';
    } else {
      yield `  ${JSON.stringify(key)}: `;
      yield indented(value[key], 2).slice(2);
    }
    yield comma;
  }
  yield '}\n';
}

const CHUNK_BYTES = 1 << 20;

/**
 * `JSON.stringify(value, null, 2)` + newline as UTF-8, in chunks of about 1 MiB. Pieces are
 * encoded straight into the chunk (no joined string, no per-piece buffer) and never split, so a
 * chunk always holds whole characters. Each chunk is a fresh buffer: a stream may still hold the
 * last one.
 */
export function* jsonChunks(value: Record<string, unknown>): Generator<Uint8Array> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (const piece of jsonPieces(value)) {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (piece.length * 3 > CHUNK_BYTES - used) {
      if (used > 0) {
        yield chunk.subarray(0, used);
        chunk = Buffer.allocUnsafe(CHUNK_BYTES);
        used = 0;
      }
      if (piece.length * 3 > CHUNK_BYTES) {
        yield Buffer.from(piece, 'utf8');
        continue;
      }
    }
    used += chunk.write(piece, used);
  }
  if (used > 0) yield chunk.subarray(0, used);
}

const arrayItems = (items: unknown[]): ItemwiseList => ({ length: items.length, item: (i) => items[i] });

/**
 * `value` pretty-printed as it appears `depth` spaces in: JSON.stringify indents a value nested in
 * an array natively, which is far cheaper than re-indenting its output with a regex.
 */
function indented(value: unknown, depth: 2 | 4): string {
  const wrapped = JSON.stringify(depth === 4 ? [[value]] : [value], null, 2);
  // `[\n  [\n    <value>\n  ]\n]` or `[\n  <value>\n]`
  return depth === 4 ? wrapped.slice(6, -6) : wrapped.slice(2, -2);
}

function runtimesJson(inventory: Inventory) {
  return (inventory.runtimes ?? []).map((r) => ({
    runtime: r.runtime, source: r.source, path: r.path, line: r.line, column: r.column, written: r.written,
    version: r.version, range: r.range, service: r.service,
  }));
}

function packageJson(p: PackageEntry) {
  // Uses are sorted by service: each service's uses are one run of them.
  const services: Array<{ service: string; declarations: ReturnType<typeof useJson>[] }> = [];
  for (const u of p.uses) {
    const last = services[services.length - 1];
    if (last?.service === u.service) last.declarations.push(useJson(u));
    else services.push({ service: u.service, declarations: [useJson(u)] });
  }
  return { name: p.name, ecosystem: p.ecosystem, services };
}

function useJson(u: PackageUse) {
  return {
    manifest: u.manifest, line: u.line, specifier: u.declaration.specifier, written: u.declaration.written ?? null, marker: u.declaration.marker,
    role: roleOf(u.declaration), inherited: u.inherited, constraint: u.constraint,
  };
}
