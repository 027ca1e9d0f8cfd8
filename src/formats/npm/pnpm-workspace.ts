/**
 * pnpm-workspace.yaml → the `packages` globs and the catalogs (`catalog:` is the `default`
 * catalog, `catalogs.NAME` the named ones), with positions. Catalog entries are declarations with
 * role `constraint`: they fix the version a `catalog:` reference gets, and install nothing by
 * themselves. Read from the YAML node tree, never through toJS, so aliases are not expanded and
 * every key stays data. Never throws.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Parser, type Node, type Pair } from 'yaml';
import type { Declaration, SourceKind } from '../../model/declaration.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ParsedFormat } from '../../model/manifest.js';
import type { CatalogEntry, Catalogs } from './catalog.js';
import { collectionDepth, MAX_YAML_DEPTH } from '../conda/yaml-read.js';
import { globLeavesRoot, outsideRootMessage, type Located } from './package-json.js';
import { classifyNpmSpec, npmSourceKind } from './spec.js';
import { TextIndex } from './text-index.js';

export interface PnpmWorkspace extends ParsedFormat {
  kind: 'pnpm-workspace';
  /** The `packages` globs in file order, negations (`!…`) included. */
  packages: Located<string>[];
  catalogs: Catalogs;
}

export function parsePnpmWorkspace(text: string, ctx: { path: string }): PnpmWorkspace {
  const index = new TextIndex(text);
  const last = text[text.length - 1];
  const ws: PnpmWorkspace = {
    path: ctx.path,
    kind: 'pnpm-workspace',
    encoding: 'utf-8',
    bom: text.charCodeAt(0) === 0xfeff,
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    finalNewline: text.length === 0 || last === '\n' || last === '\r',
    sha256: null,
    text,
    blocks: [],
    declarations: [],
    includes: [],
    options: [],
    diagnostics: [],
    packages: [],
    catalogs: new Map(),
  };
  const diag = (offset: number, severity: Diagnostic['severity'], code: string, message: string) =>
    ws.diagnostics.push({ path: ctx.path, line: index.line(offset), column: index.column(offset), severity, code, message });

  // yaml's Composer recurses (100,000 nested `[` overflowed the stack): measure the CST, which its
  // Parser builds iteratively, first, as the conda reader does.
  if ([...new Parser().parse(text)].some((t) => collectionDepth(t) > MAX_YAML_DEPTH)) {
    diag(0, 'error', 'invalid-yaml', `invalid YAML: collections nested deeper than ${MAX_YAML_DEPTH} levels; not read`);
    return ws;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) {
    // pnpm reads this file with js-yaml, which refuses duplicate keys.
    diag(e.pos[0], 'error', e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'invalid-yaml', `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  for (const w of doc.warnings) diag(w.pos[0], 'warning', 'yaml-warning', w.message.split('\n')[0]!);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return ws;
  if (!isMap(root)) {
    diag(root.range?.[0] ?? 0, 'error', 'invalid-pnpm-workspace', 'pnpm-workspace.yaml must hold a mapping');
    return ws;
  }
  const fields = pairs(root.items);
  const packages = fields.get('packages');
  if (packages?.value) {
    if (isSeq(packages.value)) {
      for (const item of packages.value.items) {
        const s = scalarText(item as Node);
        if (s === null) diag(start(item as Node), 'error', 'invalid-field', 'packages entries must be strings');
        else ws.packages.push({ value: s, line: index.line(start(item as Node)), column: index.column(start(item as Node)), span: span(item as Node) });
        if (s !== null && globLeavesRoot(ctx.path, s)) diag(start(item as Node), 'warning', 'workspace-outside-root', outsideRootMessage(s));
      }
    } else diag(start(packages.value as Node), 'error', 'invalid-field', 'packages must be a list of globs');
  }
  // pnpm accepts `catalog:` and `catalogs:` with no value (null): no entries, not an error.
  const isNull = (node: unknown) => isScalar(node) && node.value === null;
  const addCatalog = (name: string, node: unknown, group: string) => {
    if (!isMap(node)) {
      if (node && !(group === 'catalog' && isNull(node))) diag(start(node as Node), 'error', 'invalid-field', `${group} must be a mapping of package names to specifiers`);
      return;
    }
    let entries = ws.catalogs.get(name);
    if (!entries) ws.catalogs.set(name, (entries = new Map<string, CatalogEntry>()));
    for (const [pkg, pair] of pairs(node.items)) {
      const value = pair.value as Node | null;
      const spec = value ? scalarText(value) : null;
      const at = value ? start(value) : start(pair.key as Node);
      if (spec === null) {
        diag(at, 'error', 'invalid-dependency', `${group}.${pkg} must be a specifier string`);
        continue;
      }
      if (entries.has(pkg)) diag(at, 'error', 'duplicate-catalog-entry', `${pkg} is defined twice in the ${name} catalog (catalog and catalogs.default are the same catalog)`);
      entries.set(pkg, { name: pkg, specifier: spec, path: ctx.path, line: index.line(at), column: index.column(at) });
      ws.declarations.push(catalogDeclaration(index, pkg, spec, start(pair.key as Node), span(value!).end, group));
    }
  };
  addCatalog('default', fields.get('catalog')?.value, 'catalog');
  const named = fields.get('catalogs')?.value;
  if (isMap(named)) for (const [name, pair] of pairs(named.items)) addCatalog(name, pair.value, `catalogs.${name}`);
  else if (named && !isNull(named)) diag(start(named as Node), 'error', 'invalid-field', 'catalogs must be a mapping of catalog names');
  return ws;
}

/** Pairs by key text (the last one wins, as when the YAML is loaded); non-scalar keys are skipped. */
function pairs(items: Pair[]): Map<string, Pair> {
  const out = new Map<string, Pair>();
  for (const p of items) {
    const k = isScalar(p.key) ? scalarText(p.key) : null;
    if (k === null) continue;
    out.delete(k);
    out.set(k, p);
  }
  return out;
}

/** The scalar as written (`1.0` stays `1.0`, not the number 1); null for non-scalars and nulls. */
function scalarText(node: Node | null | undefined): string | null {
  if (!node || !isScalar(node) || node.value === null) return null;
  return typeof node.source === 'string' ? node.source : String(node.value);
}

function start(node: Node | null | undefined): number {
  return node?.range?.[0] ?? 0;
}

function span(node: Node): { start: number; end: number } {
  return { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 };
}

function catalogDeclaration(index: TextIndex, name: string, specifier: string, start: number, end: number, group: string): Declaration {
  return {
    name,
    rawName: name,
    line: index.line(start),
    endLine: index.line(Math.max(start, end - 1)),
    span: { start, end },
    byteSpan: { start: index.byteOffset(start), end: index.byteOffset(end) },
    text: index.text.slice(start, end),
    requirement: `${name}@${specifier}`,
    specifier,
    extras: [],
    marker: null,
    url: null,
    path: null,
    // TODO(issue 5 integration): SourceKind gains 'workspace' | 'catalog' | 'alias' (NpmSourceKind) with the report schema.
    source: npmSourceKind(classifyNpmSpec(specifier)) as SourceKind,
    editable: false,
    hashes: [],
    configSettings: null,
    globalOptions: null,
    constraint: true,
    group,
    unexpandedVars: [],
    comment: null,
    ecosystem: 'npm',
    role: 'constraint',
    dialect: 'npm',
  };
}
