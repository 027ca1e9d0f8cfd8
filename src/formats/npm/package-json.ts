/**
 * package.json → declarations with positions, plus the fields a workspace audit needs (name,
 * version, workspaces, engines.node, packageManager, bun catalogs). Never throws: invalid JSON is
 * one error diagnostic with line and column. Member order and duplicates come from the source,
 * never from a JS object, so `__proto__` or `constructor` are ordinary package names.
 */
import { posix } from 'node:path';
import { PlacedDeclaration, type Declaration, type DeclarationRole, type Declared, type Dialect, type Ecosystem, type SourceKind } from '../../model/declaration.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Block, ParsedFormat } from '../../model/manifest.js';
import type { CatalogEntry, Catalogs } from './catalog.js';
import { parseJson, type JsonNode, type JsonObject } from './json.js';
import { classifyNpmSpec, npmSourceKind, type NpmSpec } from './spec.js';
import { TextIndex } from './text-index.js';
import { emptyPackageInfo } from './package-info.js';

export const DEPENDENCY_GROUPS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
export type DependencyGroup = (typeof DEPENDENCY_GROUPS)[number];

export const GROUP_ROLES: Record<DependencyGroup, DeclarationRole> = {
  dependencies: 'requirement',
  devDependencies: 'dev',
  peerDependencies: 'peer',
  optionalDependencies: 'optional',
};

/** A value read from the file, with where it was written. */
export interface Located<T> {
  value: T;
  line: number;
  column: number;
  /** Offsets of the JSON value (quotes included for strings). */
  span: { start: number; end: number };
}

/** The package-level fields of a package.json. */
export interface PackageJsonInfo {
  name: Located<string> | null;
  version: Located<string> | null;
  private: boolean;
  /** `workspaces: [...]` (npm, yarn, bun) or `workspaces: { packages: [...] }` (yarn classic, bun). */
  workspaces: { form: 'array' | 'object'; line: number; patterns: Located<string>[] } | null;
  engines: { node: Located<string> | null };
  packageManager: Located<string> | null;
  /** bun's `workspaces.catalog` / `workspaces.catalogs` (or the same keys at the top level). */
  catalogs: Catalogs;
}

export interface PackageJsonManifest extends ParsedFormat {
  kind: 'package-json';
  package: PackageJsonInfo;
}

export interface PackageJsonContext {
  /** POSIX path relative to the scanned root. */
  path: string;
  /** False: no line blocks (nothing will rewrite the file). */
  blocks?: boolean;
}

export function parsePackageJson(text: string, ctx: PackageJsonContext): PackageJsonManifest {
  const index = new TextIndex(text);
  const bom = text.charCodeAt(0) === 0xfeff;
  const manifest: PackageJsonManifest = {
    path: ctx.path,
    kind: 'package-json',
    encoding: 'utf-8',
    bom,
    ...lineEndings(text, index),
    sha256: null,
    text,
    blocks: [],
    declarations: [],
    includes: [],
    options: [],
    diagnostics: [],
    package: emptyPackageInfo(),
  };
  const diag = (offset: number, severity: Diagnostic['severity'], code: string, message: string) =>
    manifest.diagnostics.push({ path: ctx.path, line: index.line(offset), column: index.column(offset), severity, code, message });

  const parsed = parseJson(text, bom ? 1 : 0);
  if (!parsed.ok) {
    diag(parsed.error.offset, 'error', 'invalid-json', `invalid JSON: ${parsed.error.message}`);
    if (ctx.blocks !== false) manifest.blocks = coverBlocks(index, [], 'invalid');
    return manifest;
  }
  for (const d of parsed.duplicates) {
    diag(d.offset, 'warning', 'duplicate-key', `duplicate key "${d.key}": line ${index.line(d.laterOffset)} overrides it (npm keeps the last one)`);
  }
  const root = parsed.value;
  if (root.type !== 'object') {
    diag(root.start, 'error', 'invalid-package-json', 'package.json must hold a JSON object');
    if (ctx.blocks !== false) manifest.blocks = coverBlocks(index, [], 'invalid');
    return manifest;
  }
  const top = lastWins(root);
  const reader = new FieldReader(manifest, index, diag, parsed.duplicates.length > 0);
  reader.info(top);
  for (const group of DEPENDENCY_GROUPS) {
    const node = top.get(group);
    if (node) reader.dependencies(group, node);
  }
  if (ctx.blocks !== false) manifest.blocks = coverBlocks(index, manifest.declarations, 'option');
  return manifest;
}

/** Members by key, the last one winning as in JSON.parse; a Map, so every key is data. */
export function lastWins(obj: JsonObject): Map<string, JsonNode> {
  const out = new Map<string, JsonNode>();
  for (const m of obj.members) {
    out.delete(m.key);
    out.set(m.key, m.value);
  }
  return out;
}

/**
 * The empty lists of every npm declaration (no extras, hashes or `${VAR}`s in package.json): one
 * frozen array instead of three per declaration, which a 5,000-package workspace kept 600,000 of.
 */
const NONE: readonly string[] = Object.freeze([]);

/**
 * One copy of each name, specifier, declaration text and requirement across files: a workspace
 * repeats the same few hundred thousands of times, and every copy stayed in memory with its
 * declaration (a sixth of what a declaration costs). Strings are immutable, so sharing them is
 * safe. The table restarts when full, so it stays bounded (an entry may keep the text of the file
 * it was read from alive until then); long strings, rare and costly to hash, are not shared.
 */
const SHARED_LIMIT = 4096;
const SHARED_MAX_LENGTH = 256;
const sharedStrings = new Map<string, string>();

/**
 * What a dependency entry declares, by group, then name, then specifier: a workspace writes the
 * same entries in hundreds of packages. Keyed by the strings `shared` returns, whose hashes V8
 * keeps with them, so a lookup builds and hashes no key. Bounded and restarted like sharedStrings
 * (and like it, an entry may keep the text of the file it was read from alive until then).
 */
const sharedDeclared = new Map<DependencyGroup, Map<string, Map<string, EntryDeclared>>>();
let sharedDeclaredCount = 0;

function shared(text: string): string {
  if (text.length > SHARED_MAX_LENGTH) return text;
  const hit = sharedStrings.get(text);
  if (hit !== undefined) return hit;
  if (sharedStrings.size >= SHARED_LIMIT) sharedStrings.clear();
  sharedStrings.set(text, text);
  return text;
}

/** What a dependency entry declares: what any line declares, plus its group and what the group is for. */
interface EntryDeclared extends Declared {
  group: DependencyGroup;
  role: DeclarationRole;
  /** The specifier as written when it is an alias (`npm:react@^18`). */
  written: string | undefined;
}

/** A dependency entry of a package.json: its place over what it declares, npm's, in its group. */
class EntryDeclaration extends PlacedDeclaration {
  private get entry(): EntryDeclared {
    return this.declared as EntryDeclared;
  }
  override get group(): string { return this.entry.group; }
  get role(): DeclarationRole { return this.entry.role; }
  get ecosystem(): Ecosystem { return 'npm'; }
  get dialect(): Dialect { return 'npm'; }
  get written(): string | undefined { return this.entry.written; }
}

type Diag = (offset: number, severity: Diagnostic['severity'], code: string, message: string) => void;

class FieldReader {
  constructor(
    private readonly manifest: PackageJsonManifest,
    private readonly index: TextIndex,
    private readonly diag: Diag,
    /** Whether any object of the document repeats a key; when none does, every member wins. */
    private readonly hasDuplicates: boolean,
  ) {}

  info(top: Map<string, JsonNode>): void {
    const info = this.manifest.package;
    info.name = this.string(top.get('name'), 'name');
    info.version = this.string(top.get('version'), 'version');
    const priv = top.get('private');
    info.private = priv?.type === 'literal' && priv.value === true;
    info.packageManager = this.string(top.get('packageManager'), 'packageManager');
    const engines = top.get('engines');
    if (engines?.type === 'object') info.engines.node = this.string(lastWins(engines).get('node'), 'engines.node');
    const ws = top.get('workspaces');
    if (ws) {
      if (ws.type === 'array') info.workspaces = { form: 'array', line: this.index.line(ws.start), patterns: this.strings(ws.items, 'workspaces') };
      else if (ws.type === 'object') {
        const fields = lastWins(ws);
        const packages = fields.get('packages');
        const patterns = packages?.type === 'array' ? this.strings(packages.items, 'workspaces.packages') : [];
        if (packages && packages.type !== 'array') this.diag(packages.start, 'error', 'invalid-field', 'workspaces.packages must be an array of globs');
        info.workspaces = { form: 'object', line: this.index.line(ws.start), patterns };
        this.catalogs(fields, 'workspaces.');
      } else this.diag(ws.start, 'error', 'invalid-field', 'workspaces must be an array of globs or an object with "packages"');
    }
    this.catalogs(top, '');
  }

  dependencies(group: DependencyGroup, node: JsonNode): void {
    if (node.type !== 'object') {
      this.diag(node.start, 'error', 'invalid-field', `${group} must be an object of package names to specifiers`);
      return;
    }
    const winners = this.hasDuplicates ? lastWins(node) : null;
    for (const m of node.members) {
      if (winners && winners.get(m.key) !== m.value) continue;
      if (m.value.type !== 'string') {
        this.diag(m.value.start, 'error', 'invalid-dependency', `${group}["${m.key}"] must be a string specifier`);
        continue;
      }
      this.manifest.declarations.push(this.declaration(group, shared(m.key), m.keyStart, shared(m.value.value), m.value.end));
    }
  }

  private declaration(group: DependencyGroup, name: string, start: number, specifier: string, end: number): Declaration {
    const index = this.index;
    const declared = this.declared(group, name, specifier, start);
    const d = new EntryDeclaration(declared, index.line(start), index.line(Math.max(start, end - 1)), start, end, shared(index.text.slice(start, end)));
    // ASCII text: byte and character offsets are the same numbers, so one object serves as both.
    d.byteSpan = index.ascii ? d.span : { start: index.byteOffset(start), end: index.byteOffset(end) };
    return d;
  }

  /** What `"name": "specifier"` in `group` declares: one frozen object for every file that writes it (a path's depends on the file). */
  private declared(group: DependencyGroup, name: string, specifier: string, start: number): EntryDeclared {
    const known = sharedDeclared.get(group)?.get(name)?.get(specifier);
    if (known !== undefined) return known;
    const spec = classifyNpmSpec(specifier);
    if (spec.kind === 'invalid') this.diag(start, 'error', 'invalid-specifier', `${group}["${name}"]: ${spec.reason}`);
    const declared: EntryDeclared = {
      name,
      rawName: name,
      requirement: shared(spec.kind === 'alias' ? `${spec.target}@${registryText(spec.spec)}` : `${name}@${specifier}`),
      specifier: spec.kind === 'alias' ? registryText(spec.spec) : specifier,
      extras: NONE,
      marker: null,
      url: spec.kind === 'vcs' || spec.kind === 'url' ? spec.url : spec.kind === 'path' ? specifier.trim() : null,
      path: spec.kind === 'path' ? rootRelative(this.manifest.path, spec.path) : null,
      source: npmSourceKind(spec),
      editable: false,
      hashes: NONE,
      configSettings: null,
      globalOptions: null,
      unexpandedVars: NONE,
      comment: null,
      group,
      role: GROUP_ROLES[group],
      written: spec.kind === 'alias' ? specifier : undefined,
    };
    Object.freeze(declared);
    // Only entries that read the same in any file are kept: not paths (relative to their file) nor invalid ones (each reported).
    if (spec.kind !== 'path' && spec.kind !== 'invalid') {
      if (sharedDeclaredCount >= SHARED_LIMIT) {
        sharedDeclared.clear();
        sharedDeclaredCount = 0;
      }
      let byName = sharedDeclared.get(group);
      if (byName === undefined) sharedDeclared.set(group, (byName = new Map()));
      let bySpecifier = byName.get(name);
      if (bySpecifier === undefined) byName.set(name, (bySpecifier = new Map()));
      bySpecifier.set(specifier, declared);
      sharedDeclaredCount++;
    }
    return declared;
  }

  private catalogs(fields: Map<string, JsonNode>, prefix: string): void {
    const into = this.manifest.package.catalogs;
    const add = (catalog: string, node: JsonNode, where: string) => {
      if (node.type !== 'object') {
        this.diag(node.start, 'error', 'invalid-field', `${where} must be an object of package names to specifiers`);
        return;
      }
      const entries = into.get(catalog) ?? new Map<string, CatalogEntry>();
      into.set(catalog, entries);
      for (const [name, value] of lastWins(node)) {
        if (value.type !== 'string') {
          this.diag(value.start, 'error', 'invalid-dependency', `${where}["${name}"] must be a string specifier`);
          continue;
        }
        if (entries.has(name)) this.diag(value.start, 'error', 'duplicate-catalog-entry', `${name} is defined twice in catalog "${catalog}"`);
        entries.set(name, { name, specifier: value.value, path: this.manifest.path, line: this.index.line(value.start), column: this.index.column(value.start) });
      }
    };
    const single = fields.get('catalog');
    if (single) add('default', single, `${prefix}catalog`);
    const named = fields.get('catalogs');
    if (named?.type === 'object') for (const [name, node] of lastWins(named)) add(name, node, `${prefix}catalogs.${name}`);
    else if (named) this.diag(named.start, 'error', 'invalid-field', `${prefix}catalogs must be an object of catalogs`);
  }

  private string(node: JsonNode | undefined, field: string): Located<string> | null {
    if (!node) return null;
    if (node.type !== 'string') {
      this.diag(node.start, 'warning', 'invalid-field', `${field} should be a string`);
      return null;
    }
    return this.located(node.value, node);
  }

  private strings(items: JsonNode[], field: string): Located<string>[] {
    const out: Located<string>[] = [];
    for (const item of items) {
      if (item.type === 'string') out.push(this.located(item.value, item));
      else this.diag(item.start, 'error', 'invalid-field', `${field} entries must be strings`);
      if (field.startsWith('workspaces') && item.type === 'string' && globLeavesRoot(this.manifest.path, item.value)) {
        this.diag(item.start, 'warning', 'workspace-outside-root', outsideRootMessage(item.value));
      }
    }
    return out;
  }

  private located<T>(value: T, node: JsonNode): Located<T> {
    return { value, line: this.index.line(node.start), column: this.index.column(node.start), span: { start: node.start, end: node.end } };
  }
}

/**
 * Whether a workspace glob, read from the directory of the file at `path` (root-relative),
 * reaches outside the scanned root or is absolute. Discovery never reads there, so what it
 * matches is not audited; negations exclude and are never outside.
 */
export function globLeavesRoot(path: string, pattern: string): boolean {
  const p = pattern.trim();
  if (p.startsWith('!')) return false;
  if (p.startsWith('/')) return true;
  const joined = posix.normalize(posix.join(posix.dirname(path), p));
  return joined === '..' || joined.startsWith('../');
}

export const outsideRootMessage = (pattern: string) =>
  `workspace pattern ${JSON.stringify(pattern)} reaches outside the scanned root: depaudit reads nothing there, so the packages it matches are not audited`;

function registryText(spec: NpmSpec & { kind: 'range' | 'tag' }): string {
  return spec.kind === 'range' ? spec.range : spec.tag;
}

/** A `file:`/`link:` target relative to the package, as a root-relative POSIX path (null outside the root). */
function rootRelative(manifestPath: string, target: string): string | null {
  const p = target.replace(/\\/g, '/');
  if (p.startsWith('/') || p.startsWith('~') || /^[a-zA-Z]:\//.test(p) || p.startsWith('//')) return null;
  const joined = posix.normalize(posix.join(posix.dirname(manifestPath), p));
  if (joined === '..' || joined.startsWith('../')) return null;
  return joined.replace(/\/$/, '') || '.';
}

function lineEndings(text: string, index: TextIndex): Pick<ParsedFormat, 'newline' | 'finalNewline'> {
  const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  for (let i = 1; i < index.lineStarts.length; i++) {
    const at = index.lineStarts[i]!;
    if (text[at - 1] === '\r') counts['\r']++;
    else if (text[at - 2] === '\r') counts['\r\n']++;
    else counts['\n']++;
  }
  const newline = counts['\r\n'] > counts['\n'] && counts['\r\n'] >= counts['\r'] ? '\r\n' : counts['\r'] > counts['\n'] ? '\r' : '\n';
  const last = text[text.length - 1];
  return { newline, finalNewline: text.length === 0 || last === '\n' || last === '\r' };
}

/**
 * Blocks that cover the text line by line: the lines of each declaration (merged when they
 * share a line), whitespace-only lines as `blank`, and every other run of lines as `rest`.
 */
function coverBlocks(index: TextIndex, declarations: readonly Declaration[], rest: 'option' | 'invalid'): Block[] {
  const text = index.text;
  const starts = index.lineStarts;
  const lineCount = text.length === 0 ? 0 : starts[starts.length - 1] === text.length ? starts.length - 1 : starts.length;
  // Per line (index l - 1): 1 inside a declaration, 2 where a declaration starts.
  const declared = new Uint8Array(lineCount);
  for (const d of declarations) {
    for (let l = d.line; l <= d.endLine; l++) declared[l - 1] ||= 1;
    declared[d.line - 1] = 2;
  }
  const blocks: Block[] = [];
  let prev: Block | undefined;
  for (let l = 1; l <= lineCount; l++) {
    const lineStart = starts[l - 1]!;
    const lineEnd = starts[l] ?? text.length;
    let kind: Block['kind'];
    if (declared[l - 1]) kind = 'declaration';
    else {
      // The line's terminator (CR, LF) is part of [lineStart, lineEnd) and counts as blank.
      let blank = true;
      for (let i = lineStart; i < lineEnd && blank; i++) {
        const c = text.charCodeAt(i);
        blank = c === 0x20 || c === 0x09 || c === 0xfeff || c === 0x0a || c === 0x0d;
      }
      kind = blank ? 'blank' : rest;
    }
    // Declarations that start on a new line get their own block; other runs merge.
    if (prev && prev.kind === kind && declared[l - 1] !== 2) {
      prev.endLine = l;
      prev.end = lineEnd;
    } else blocks.push((prev = { kind, line: l, endLine: l, start: lineStart, end: lineEnd }));
  }
  return blocks;
}
