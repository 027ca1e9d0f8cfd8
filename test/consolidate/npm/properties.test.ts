/**
 * Properties of the npm plan on generated workspaces (fixed seeds), in both modes, whose files
 * vary indentation (spaces, tabs, none), CRLF, BOMs, final newlines, escaped values and duplicate
 * keys, and whose pnpm-workspace.yaml varies quoting, comments, key order and where the catalog is:
 *
 * - applying the edits and planning again finds nothing to do;
 * - files without an edit are not listed, and every edit changes its file;
 * - in a package.json, every byte outside the rewritten value strings is the same;
 * - in pnpm-workspace.yaml, removing the inserted lines and putting back the old values gives the old text;
 * - parsing the new texts gives exactly the planned specifiers, and every other one unchanged;
 * - in align mode, an aligned value keeps its style, and every changed package ends with one
 *   version across its plain declarations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateDefaultCatalog } from '../../../src/consolidate/npm/catalog-edit.js';
import { planNpmConsolidation, type NpmConsolidateOptions, type NpmConsolidationPlan } from '../../../src/consolidate/npm/index.js';
import { valueSpan } from '../../../src/consolidate/npm/package-json-edit.js';
import { plainRange } from '../../../src/consolidate/npm/version.js';
import type { Catalogs } from '../../../src/formats/npm/catalog.js';
import { parsePackageJson, type PackageJsonManifest } from '../../../src/formats/npm/package-json.js';
import { parsePnpmWorkspace } from '../../../src/formats/npm/pnpm-workspace.js';
import { apply, parse, type Files } from './helpers.js';

const GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
const NAMES = ['lib', 'react', '__proto__', 'constructor', '@s/x', 'hasOwnProperty', 'p1'];
/** Mostly one major line, so that most packages can be aligned; the others split across lines. */
const version = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('1.0.0', '1.1.0', '1.2.3', '1.1.0-rc.1', '1.2.3+b') }, { weight: 2, arbitrary: fc.constantFrom('0.1.0', '0.1.2', '0.2.0', '2.0.0', '2.1.0') });
const plain = fc.tuple(fc.constantFrom('', '^', '~', '>=', '=', 'v'), version).map(([op, v]) => `${op}${v}`);
const complex = fc.constantFrom('>=1.0.0 <2.0.0', '^1.0.0 || ^2.0.0', '1.x', '*');
const special = fc.constantFrom('workspace:*', 'catalog:', 'catalog:named', 'npm:lib@^1.0.0', 'file:../x', 'latest');
const spec = fc.oneof({ weight: 8, arbitrary: plain }, { weight: 1, arbitrary: complex }, { weight: 2, arbitrary: special });
const group = fc.oneof({ weight: 4, arbitrary: fc.constant(GROUPS[0]) }, { weight: 3, arbitrary: fc.constant(GROUPS[1]) }, { weight: 1, arbitrary: fc.constantFrom(GROUPS[2], GROUPS[3]) });
// `p1` is also a workspace package's name: it is kept, never aligned.
const name = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...NAMES.filter((n) => n !== 'p1')) }, { weight: 1, arbitrary: fc.constant('p1') });
const dep = fc.tuple(group, name, spec);

const jsonStyle = fc.record({
  indent: fc.constantFrom('  ', '    ', '\t', ''),
  nl: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  colon: fc.constantFrom(': ', ':', ' : '),
  escape: fc.boolean(),
});
type JsonStyle = typeof jsonStyle extends fc.Arbitrary<infer T> ? T : never;

/** A package.json written by hand, so duplicates, escapes and odd spacing survive. */
function packageJson(i: number, deps: Array<[string, string, string]>, s: JsonStyle): string {
  const nl = s.indent === '' ? '' : s.nl;
  const ind = (n: number) => s.indent.repeat(n);
  const value = (v: string) => (s.escape && v.length > 0 ? `"\\u${v.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(v).slice(2)}` : JSON.stringify(v));
  const groups = new Map<string, string[]>();
  for (const [g, n, v] of deps) groups.set(g, [...(groups.get(g) ?? []), `${ind(2)}${JSON.stringify(n)}${s.colon}${value(v)}`]);
  const members = [`${ind(1)}"name"${s.colon}"p${i}"`, ...[...groups].map(([g, ms]) => `${ind(1)}"${g}"${s.colon}{${nl}${ms.join(`,${nl}`)}${nl}${ind(1)}}`)];
  return `${s.bom ? '\ufeff' : ''}{${nl}${members.join(`,${nl}`)}${nl}}${s.finalNewline ? s.nl : ''}`;
}

const yamlStyle = fc.record({
  where: fc.constantFrom('catalog', 'catalogs.default', 'none', 'empty'),
  keyQuote: fc.constantFrom('plain', "'", '"'),
  valueQuote: fc.constantFrom('plain', "'", '"'),
  comments: fc.boolean(),
  sorted: fc.boolean(),
  nl: fc.constantFrom('\n', '\r\n'),
  finalNewline: fc.boolean(),
  indent: fc.constantFrom('  ', '    '),
  named: fc.boolean(),
});
type YamlStyle = typeof yamlStyle extends fc.Arbitrary<infer T> ? T : never;

function quote(text: string, q: string, safe: boolean): string {
  if (q === 'plain' && safe) return text;
  return q === '"' ? JSON.stringify(text) : `'${text.replace(/'/g, "''")}'`;
}

function pnpmWorkspace(entries: Array<[string, string]>, s: YamlStyle): string {
  const { nl, indent } = s;
  const lines = ['# workspace', 'packages:', `${indent}- packages/*`, ''];
  const unique = [...new Map(entries).entries()];
  const ordered = s.sorted ? unique.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : unique;
  const at = s.where === 'catalogs.default' ? indent + indent : indent;
  const body = ordered.flatMap(([k, v], i) => [
    ...(s.comments && i % 2 === 0 ? [`${at}# about ${k}`] : []),
    `${at}${quote(k, s.keyQuote, /^[a-z_]/.test(k))}: ${quote(v, s.valueQuote, /^[\^~]?\d+\.\d+\.\d+$/.test(v))}${s.comments && i % 3 === 1 ? ' # why' : ''}`,
  ]);
  if (s.where === 'catalog') lines.push('catalog:', ...body);
  if (s.where === 'empty') lines.push('catalog:');
  if (s.where === 'catalogs.default' || s.named) {
    lines.push('catalogs:');
    if (s.where === 'catalogs.default') lines.push(`${indent}default:`, ...body);
    if (s.named) lines.push(`${indent}named:`, `${indent}${indent}lib: ^0.1.0`);
  }
  return lines.join(nl) + (s.finalNewline ? nl : '');
}

const options = fc.record({
  strategy: fc.constantFrom('highest', 'most-common', 'lowest') as fc.Arbitrary<NpmConsolidateOptions['strategy']>,
  allowMajor: fc.boolean(),
  minServices: fc.constantFrom(undefined, 1, 2, 3),
  services: fc.constantFrom<string[] | undefined>(undefined, ['p0', 'p1', 'p2'], ['packages/*']),
});

const workspace = fc.record({
  packages: fc.array(fc.tuple(fc.array(dep, { maxLength: 8 }), jsonStyle), { minLength: 2, maxLength: 5 }),
  catalog: fc.option(fc.tuple(fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.oneof({ weight: 5, arbitrary: plain }, { weight: 1, arbitrary: complex })), { maxLength: 5 }), yamlStyle), { nil: null }),
  options,
});
type Workspace = typeof workspace extends fc.Arbitrary<infer T> ? T : never;

function files(w: Workspace): Files {
  const out: Files = {};
  w.packages.forEach(([deps, style], i) => (out[`packages/p${i}/package.json`] = packageJson(i, deps, style)));
  if (w.catalog) out['pnpm-workspace.yaml'] = pnpmWorkspace(w.catalog[0], w.catalog[1]);
  return out;
}

function run(tree: Files, w: Workspace): NpmConsolidationPlan {
  const opts: NpmConsolidateOptions = { strategy: w.options.strategy, allowMajor: w.options.allowMajor };
  if (w.options.minServices !== undefined) opts.minServices = w.options.minServices;
  if (w.options.services) opts.services = w.options.services;
  return planNpmConsolidation({ ...parse(tree), options: opts });
}

const specOf = (d: PackageJsonManifest['declarations'][number]) => d.written ?? d.specifier;

function flatten(c: Catalogs): Map<string, string> {
  const out = new Map<string, string>();
  for (const [cat, entries] of c) for (const [n, e] of entries) out.set(`${cat}\0${n}`, e.specifier);
  return out;
}

/** Every byte outside the value strings whose specifier changed is the same, in order. */
function outsideValues(before: PackageJsonManifest, after: PackageJsonManifest): { before: string[]; after: string[] } {
  const cut = (m: PackageJsonManifest, changed: number[]) => {
    const parts: string[] = [];
    let at = 0;
    for (const i of changed) {
      const span = valueSpan(m.text, m.declarations[i]!)!;
      parts.push(m.text.slice(at, span.start));
      at = span.end;
    }
    parts.push(m.text.slice(at));
    return parts;
  };
  const changed = before.declarations.flatMap((d, i) => (specOf(d) !== specOf(after.declarations[i]!) ? [i] : [])).sort((i, j) => before.declarations[i]!.span.start - before.declarations[j]!.span.start);
  return { before: cut(before, changed), after: cut(after, changed) };
}

/** The new pnpm-workspace.yaml without its inserted lines, with the old values put back. */
function undoCatalog(before: string, after: string, p: NpmConsolidationPlan): string {
  const was = locateDefaultCatalog(before);
  const now = locateDefaultCatalog(after);
  if (!was.ok || !now.ok) throw new Error('catalog not found');
  const cuts: Array<{ start: number; end: number; text: string }> = [];
  let trimBreak = false;
  for (const c of p.changes) {
    if (c.path !== 'pnpm-workspace.yaml') continue;
    const e = now.site.entries.get(c.package);
    if (!e?.editable) throw new Error(`${c.package} not in the new catalog`);
    if (c.kind === 'catalog-updated') {
      const old = was.site.entries.get(c.package);
      if (!old?.editable) throw new Error(`${c.package} not in the old catalog`);
      cuts.push({ start: e.start, end: e.end, text: before.slice(old.start, old.end) });
    } else {
      let start = e.start;
      while (start > 0 && after[start - 1] !== '\n' && after[start - 1] !== '\r') start--;
      const m = /\r\n|\n|\r/g;
      m.lastIndex = e.end;
      const hit = m.exec(after);
      cuts.push({ start, end: hit ? hit.index + hit[0].length : after.length, text: '' });
      // The file's last line had no break: the break before the inserted lines goes too.
      if (!hit) trimBreak = true;
    }
  }
  let out = after;
  for (const c of cuts.sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  if (trimBreak) out = out.replace(/(\r\n|\n|\r)$/, '');
  // A catalog that was created: its `catalog:` line goes too.
  if (was.site.shape.kind === 'missing' && p.changes.some((c) => c.kind === 'catalog-added')) out = out.replace(/(\r\n|\n|\r)?catalog:(\r\n|\n|\r)?$/, (m0, a: string | undefined, b: string | undefined) => (a && b ? a : ''));
  return out;
}

function check(w: Workspace): void {
  const tree = files(w);
  const p = run(tree, w);
  expect(p.diagnostics).toEqual([]);
  const after = apply(tree, p);
  for (const e of p.edits) expect(e.after).not.toBe(e.before);

  for (const path of Object.keys(tree).filter((x) => x.endsWith('package.json'))) {
    const a = parsePackageJson(tree[path]!, { path });
    const b = parsePackageJson(after[path]!, { path });
    // Columns after a value that changed length move; nothing else does.
    const diag = (m: PackageJsonManifest) => m.diagnostics.map((d) => [d.code, d.line, d.message]);
    expect(diag(b)).toEqual(diag(a));
    expect(b.declarations.map((d) => [d.group, d.name])).toEqual(a.declarations.map((d) => [d.group, d.name]));
    // Each changed specifier is one planned change, and the other way round.
    const inFileOrder = a.declarations.map((d, i) => [d, b.declarations[i]!] as const).sort(([x], [y]) => x.span.start - y.span.start);
    const diffs = inFileOrder.flatMap(([d, e]) => (specOf(d) !== specOf(e) ? [`${d.line} ${d.name} ${specOf(d)} -> ${specOf(e)}`] : []));
    expect(diffs).toEqual(p.changes.filter((c) => c.path === path).map((c) => `${c.line} ${c.package} ${c.from} -> ${c.to}`));
    const outside = outsideValues(a, b);
    expect(outside.after).toEqual(outside.before);
  }

  if (tree['pnpm-workspace.yaml'] !== undefined) {
    const before = tree['pnpm-workspace.yaml'];
    const a = flatten(parsePnpmWorkspace(before, { path: 'pnpm-workspace.yaml' }).catalogs);
    const b = flatten(parsePnpmWorkspace(after['pnpm-workspace.yaml']!, { path: 'pnpm-workspace.yaml' }).catalogs);
    for (const c of p.changes.filter((x) => x.path === 'pnpm-workspace.yaml')) a.set(`default\0${c.package}`, c.to);
    expect(b).toEqual(a);
    expect(undoCatalog(before, after['pnpm-workspace.yaml']!, p)).toBe(before);
  } else {
    // Each aligned value keeps its style: only the version differs.
    for (const c of p.changes) {
      const from = plainRange(c.from!);
      const to = plainRange(c.to);
      expect([from?.prefix, from?.suffix]).toEqual([to?.prefix, to?.suffix]);
      expect(from!.version.compare(to!.version)).not.toBe(0);
    }
  }
  if (tree['pnpm-workspace.yaml'] === undefined && !w.options.services) {
    // Align mode: a changed package ends with one version over its plain declarations that take part.
    for (const name of new Set(p.changes.map((c) => c.package))) {
      const versions = new Set<string>();
      for (const m of parse(after).manifests) {
        for (const d of m.declarations) {
          const r = d.name === name && d.group !== 'peerDependencies' && !d.written ? plainRange(d.specifier) : null;
          if (r) versions.add(r.version.version);
        }
      }
      expect([...versions]).toHaveLength(1);
    }
  }

  const again = run(after, w);
  expect(again.edits).toEqual([]);
  expect(again.changes).toEqual([]);
}

describe('planNpmConsolidation properties', () => {
  it('align mode (npm, yarn, bun)', () => {
    fc.assert(fc.property(workspace, (w) => check({ ...w, catalog: null })), { seed: 51, numRuns: 400 });
  });

  it('catalog mode (pnpm)', () => {
    const withCatalog = workspace.filter((w) => w.catalog !== null);
    fc.assert(fc.property(withCatalog, (w) => check(w)), { seed: 52, numRuns: 300 });
  });
});
