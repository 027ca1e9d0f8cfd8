/**
 * The versioned JSON inventory: the contract security reviewers consume. Keys are written in a
 * fixed order and every list is sorted, so two runs on the same tree print the same bytes.
 */
import { ecosystemOf, PlacedDeclaration, roleOf, type Declaration, type Declared } from '../model/declaration.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import type { Inventory, InventoryManifest } from '../inventory/model.js';
import type { PackageEntry, PackageIndex, PackageUse } from '../analysis/package-index.js';
import type { Summary } from '../analysis/summary.js';
import type { Finding } from '../analysis/finding.js';
import type { ReportJson } from './schema.js';
import { SCHEMA_VERSION } from './schema-version.js';
import { indented, members, type Emit } from './pretty-json.js';

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

/**
 * A manifest whose base file is reached by its services only through -c: its declarations are
 * constraints. A service's own manifest is installed on its own too (`pip install -r prod.txt`),
 * even when a sibling pulls it in with -c. This matches packages[].declarations[].constraint,
 * which follows each service's includes.
 */
const constraintOnly = (m: InventoryManifest) => m.role === 'base' && m.includedAs.length === 1 && m.includedAs[0] === 'constraint';

/** A manifest's fields before its declarations. */
function manifestHeadJson(m: InventoryManifest) {
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
  };
}

const manifestDiagnosticsJson = (m: InventoryManifest) => sortDiagnostics([...m.diagnostics]).map(diagnosticJson);

function manifestJson(m: InventoryManifest) {
  const constraint = constraintOnly(m);
  return {
    ...manifestHeadJson(m),
    declarations: m.declarations.map((d) => declarationJson(d, d.constraint || constraint)),
    diagnostics: manifestDiagnosticsJson(m),
  };
}

/*
 * The text of the two large lists, written straight from the model: on 5,000 services they are
 * 450,000 declarations and uses, whose objects cost more to build and collect than to print. Each
 * renderer writes exactly what JSON.stringify(null, 2) writes for its object twin above
 * (manifestJson, packageJson): test/report/write-json.test.ts holds them to it.
 */

/** A manifest 4 spaces in. */
function writeManifest(m: InventoryManifest, emit: Emit): void {
  const head = indented(manifestHeadJson(m), 4);
  emit(head.slice(0, head.length - '\n    }'.length));
  emit(',\n      "declarations": ');
  const constraint = constraintOnly(m);
  const n = m.declarations.length;
  if (n === 0) emit('[]');
  else {
    emit('[\n');
    for (let i = 0; i < n; i++) {
      const d = m.declarations[i]!;
      emit(declarationText(d, d.constraint || constraint));
      emit(i < n - 1 ? ',\n' : '\n');
    }
    emit('      ]');
  }
  emit(',\n      "diagnostics": ');
  emit(indented(manifestDiagnosticsJson(m), 6).slice(6));
  emit('\n    }');
}

const DECLARATION_INDENT = ' '.repeat(8);
const DECLARATION_MEMBER_INDENT = ' '.repeat(10);

/**
 * The members of a line's declaration that come from what it declares (before and after its place),
 * per constraint flag, for lines seen more than once: every copy prints the same ones. A line seen
 * once is only marked (on 5,000 services, 2,500 repeated lines make 196,000 declarations, and
 * 35,000 more lines appear once: caching those too cost 25 MB).
 */
const declaredMembers = new WeakMap<Declared, Array<DeclaredMembers | undefined> | 'seen'>();

interface DeclaredMembers {
  head: string;
  tail: string;
}

function declaredMembersOf(d: PlacedDeclaration, constraint: boolean): DeclaredMembers {
  const render = (): DeclaredMembers => {
    const { name, rawName, line: _line, endLine: _endLine, span: _span, text: _text, ...tail } = declarationJson(d, constraint);
    return { head: members({ name, rawName }, 8), tail: members(tail, 8) };
  };
  const entry = declaredMembers.get(d.declared);
  if (entry === undefined) {
    declaredMembers.set(d.declared, 'seen');
    return render();
  }
  let slots = entry;
  if (slots === 'seen') declaredMembers.set(d.declared, (slots = []));
  return (slots[constraint ? 1 : 0] ??= render());
}

/** A declaration 8 spaces in (a manifest's declarations[]). */
function declarationText(d: Declaration, constraint: boolean): string {
  if (!(d instanceof PlacedDeclaration)) return indented(declarationJson(d, constraint), 8);
  const { head, tail } = declaredMembersOf(d, constraint);
  const I = DECLARATION_MEMBER_INDENT;
  const span = d.byteSpan ? `[\n${I}  ${d.byteSpan.start},\n${I}  ${d.byteSpan.end}\n${I}]` : 'null';
  return `${DECLARATION_INDENT}{\n${head},\n${I}"line": ${d.line},\n${I}"endLine": ${d.endLine},\n${I}"span": ${span},\n${I}"text": ${JSON.stringify(d.text)},\n${tail}\n${DECLARATION_INDENT}}`;
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

/**
 * A list writeJson can produce one item at a time: `item(i)` is what the materialized list holds at
 * i; `write(i, emit)`, when given, emits its text as JSON.stringify writes it 4 spaces in, without
 * building it (the writer then never calls item).
 */
interface ItemwiseList {
  length: number;
  item: (i: number) => unknown;
  write?: (i: number, emit: Emit) => void;
}
const itemwiseLists = new WeakMap<object, Map<string, ItemwiseList>>();

/**
 * A lazy list whose items `writeJson` builds, writes and drops one at a time: the manifests of a
 * 5,000-service report are ~200 MB of objects that need never be alive at once.
 */
function lazyList<T extends object, S>(target: T, key: string, source: readonly S[], toJson: (s: S) => unknown, write: (s: S, emit: Emit) => void): void {
  lazy(target, key, () => source.map(toJson));
  let lists = itemwiseLists.get(target);
  if (!lists) itemwiseLists.set(target, (lists = new Map()));
  lists.set(key, { length: source.length, item: (i) => toJson(source[i]!), write: (i, emit) => write(source[i]!, emit) });
}

/** The full report: the inventory plus the analysis. Keys in contract order; `manifests` and `packages` are built when first read. */
export function reportJson(inventory: Inventory, index: PackageIndex, summary: Summary, findings: Finding[], tool: ToolInfo): ReportJson {
  const report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: tool.name, version: tool.version },
    root: '.' as const,
    services: inventory.services.map((s) => ({ name: s.name, path: s.path, manifests: s.manifests })),
  } as Record<string, unknown>;
  lazyList(report, 'manifests', inventory.manifests, manifestJson, writeManifest);
  lazy(report, 'runtimes', () => runtimesJson(inventory));
  report.summary = summary;
  lazyList(report, 'packages', [...index.packages.values()], packageJson, writePackage);
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
function* jsonPieces(value: Record<string, unknown>): Generator<string | ((emit: Emit) => void)> {
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
      const write = list.write;
      for (let j = 0; j < list.length; j++) {
        yield write ? (emit: Emit) => write(j, emit) : indented(list.item(j), 4);
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
 * encoded straight into the chunk (no joined string, no per-piece buffer: joining cost more than
 * writing) and never split, so a chunk always holds whole characters. Each chunk is a fresh
 * buffer: a stream may still hold the last one.
 */
export function* jsonChunks(value: Record<string, unknown>): Generator<Uint8Array> {
  const out = new Utf8Chunks();
  const emit: Emit = (piece) => out.write(piece);
  for (const piece of jsonPieces(value)) {
    if (typeof piece === 'string') out.write(piece);
    else piece(emit);
    if (out.full.length > 0) yield* out.take();
  }
  out.flush();
  yield* out.take();
}

/** UTF-8 of the pieces written, in chunks of at most CHUNK_BYTES (bar a piece larger than that). */
class Utf8Chunks {
  /** Chunks complete and not yet taken. */
  full: Uint8Array[] = [];
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  write(piece: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (piece.length * 3 > CHUNK_BYTES - this.used) {
      this.flush();
      if (piece.length * 3 > CHUNK_BYTES) {
        this.full.push(Buffer.from(piece, 'utf8'));
        return;
      }
    }
    this.used += this.chunk.write(piece, this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    this.full.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  take(): Uint8Array[] {
    const full = this.full;
    this.full = [];
    return full;
  }
}

const arrayItems = (items: unknown[]): ItemwiseList => ({ length: items.length, item: (i) => items[i] });

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

/** A package 4 spaces in. */
function writePackage(p: PackageEntry, emit: Emit): void {
  emit(`    {\n      "name": ${JSON.stringify(p.name)},\n      "ecosystem": ${JSON.stringify(p.ecosystem)},\n      "services": `);
  if (p.uses.length === 0) emit('[]');
  else {
    emit('[\n');
    // Uses are sorted by service: each service's uses are one run of them (as in packageJson).
    const last = p.uses.length - 1;
    for (let i = 0; i <= last; i++) {
      const u = p.uses[i]!;
      if (i === 0 || p.uses[i - 1]!.service !== u.service) {
        emit(`        {\n          "service": ${JSON.stringify(u.service)},\n          "declarations": [\n`);
      }
      emit(useText(u));
      if (i < last && p.uses[i + 1]!.service === u.service) emit(',\n');
      else emit(i < last ? '\n          ]\n        },\n' : '\n          ]\n        }\n');
    }
    emit('      ]');
  }
  emit('\n    }');
}

const USE_INDENT = ' '.repeat(12);
const USE_MEMBER_INDENT = ' '.repeat(14);

/** A use 12 spaces in (packages[].services[].declarations[]), member for member as useJson. */
function useText(u: PackageUse): string {
  const d = u.declaration;
  const I = USE_MEMBER_INDENT;
  return `${USE_INDENT}{\n${I}"manifest": ${JSON.stringify(u.manifest)},\n${I}"line": ${u.line},\n${I}"specifier": ${JSON.stringify(d.specifier)},\n${I}"written": ${JSON.stringify(d.written ?? null)},\n${I}"marker": ${JSON.stringify(d.marker)},\n${I}"role": ${JSON.stringify(roleOf(d))},\n${I}"inherited": ${u.inherited},\n${I}"constraint": ${u.constraint}\n${USE_INDENT}}`;
}
