/**
 * Properties of `consolidate --write` on random small platforms (2–4 services) whose files mix
 * comments, blank lines, `\` continuations, `--hash` lines, markers, extras, CRLF/LF (mixed too),
 * BOMs and UTF-16, files with and without a final newline, `-i`/`--extra-index-url` headers, and
 * sometimes an existing base file that some services already include:
 *
 * - each rewritten service file is the old one with exactly the moved declarations' blocks removed
 *   and one include line inserted after the header (so every other byte, line endings included,
 *   survives in order), in the same encoding with the same BOM and final-newline state;
 * - an existing base keeps its bytes as a prefix (merged into, never overwritten);
 * - hashed lines never move without --allow-hash-mode, and the reason says why;
 * - each service's effective requirements after the write (parse + expandLikePip) are its old ones
 *   with the moved lines replaced by the base; every package whose requirement changed is listed,
 *   every package it gains is listed as `added`;
 * - a second run finds nothing to do and changes no byte or mtime; no temp or journal file is left.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRequirementsBytes } from '../../src/formats/requirements/decode.js';
import { expandLikePip } from '../../src/inventory/expand.js';
import type { Inventory, InventoryManifest } from '../../src/inventory/model.js';
import type { Declaration } from '../../src/model/declaration.js';
import { cleanupTemps, consolidate, litter, load, snapshotTree, tempDir } from './helpers.js';

const SEED = 20240604;
const RUNS = 200;
const BASE = 'shared/requirements.txt';
const INCLUDE = '-r ../shared/requirements.txt';

afterAll(cleanupTemps);

// ---------------------------------------------------------------------------------------------
// Generators

const PACKAGES: Record<string, string[]> = {
  alpha: ['alpha', 'Alpha', 'ALPHA'],
  'beta-lib': ['beta-lib', 'beta_lib', 'Beta.Lib'],
  gamma: ['gamma'],
  delta: ['delta', 'Delta'],
};
/** True about `percent` of the time. */
const sometimes = (percent: number) => fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(false) }, { weight: percent, arbitrary: fc.constant(true) });
const HEX = fc.constantFrom('0', '1', '7', 'a', 'f').chain((c) => fc.constant(c.repeat(64)));

interface DeclSpec {
  pkg: string;
  spelling: number;
  op: '==' | '>=';
  version: string;
  extras: boolean;
  marker: boolean;
  hashes: string[];
  hashStyle: 'inline' | 'continued';
  splitSpec: boolean;
  comment: string | null;
}

const declSpec: fc.Arbitrary<DeclSpec> = fc.record({
  pkg: fc.constantFrom(...Object.keys(PACKAGES)),
  spelling: fc.nat(2),
  op: fc.constantFrom('==', '==', '==', '>='),
  version: fc.constantFrom('1.0', '1.1', '2.0'),
  extras: fc.boolean(),
  marker: fc.boolean(),
  hashes: fc.oneof({ weight: 4, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.array(HEX, { minLength: 1, maxLength: 2 }) }),
  hashStyle: fc.constantFrom('inline', 'continued'),
  splitSpec: fc.boolean(),
  comment: fc.option(fc.constantFrom('note', 'pinned for a reason', 'é ünïcode', 'see #123'), { freq: 3 }),
}).map((d) => ({ ...d, extras: d.extras && d.pkg === 'alpha', marker: d.marker && d.pkg === 'delta' }));

/** Physical lines (no terminators) of one declaration. */
function renderDecl(d: DeclSpec): string[] {
  const names = PACKAGES[d.pkg]!;
  const name = names[d.spelling % names.length]!;
  const first = `${name}${d.extras ? '[fast]' : ''}`;
  const lines: string[] = [];
  if (d.op === '>=' && d.splitSpec) {
    lines.push(`${first}>=${d.version},\\`, '    <3');
  } else lines.push(`${first}${d.op}${d.version}`);
  if (d.marker) lines[lines.length - 1] += ' ; python_version >= "3.8"';
  if (d.hashes.length > 0) {
    if (d.hashStyle === 'inline') lines[lines.length - 1] += d.hashes.map((h) => ` --hash=sha256:${h}`).join('');
    else {
      for (const h of d.hashes) {
        lines[lines.length - 1] += ' \\';
        lines.push(`    --hash=sha256:${h}`);
      }
    }
  }
  if (d.comment) lines[lines.length - 1] += `  # ${d.comment}`;
  return lines;
}

type Item = { kind: 'decl'; decl: DeclSpec } | { kind: 'comment'; text: string } | { kind: 'blank' };

const bodyItem: fc.Arbitrary<Item> = fc.oneof(
  { weight: 5, arbitrary: declSpec.map((decl) => ({ kind: 'decl' as const, decl })) },
  { weight: 1, arbitrary: fc.constantFrom('# --- section ---', '#comment', '  # indented', '# ü').map((text) => ({ kind: 'comment' as const, text })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
);

const headerLine = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('# service header', '# Python 3.11', '', '-i https://pypi.org/simple', '--extra-index-url https://mirror.example/simple', '--index-url=https://pypi.org/simple') },
  // An option continued onto the next line (the include must not be glued to it).
  { weight: 1, arbitrary: fc.constant('--extra-index-url \\') },
);

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16-le';

interface FileSpec {
  header: string[];
  includesBase: boolean;
  includeAt: number;
  body: Item[];
  newline: '\n' | '\r\n';
  /** Per line: use the other line ending. */
  flips: boolean[];
  finalNewline: boolean;
  /** The last line is a declaration ending in a continuation backslash. */
  dangling: boolean;
  encoding: Encoding;
}

const fileSpec = (withBase: boolean): fc.Arbitrary<FileSpec> =>
  fc.record({
    header: fc.array(headerLine, { maxLength: 4 }),
    includesBase: withBase ? fc.boolean() : fc.constant(false),
    includeAt: fc.nat(4),
    body: fc.array(bodyItem, { minLength: 0, maxLength: 8 }),
    newline: fc.constantFrom('\n', '\r\n'),
    flips: fc.oneof(fc.constant(new Array<boolean>(40).fill(false)), fc.array(sometimes(20), { minLength: 40, maxLength: 40 })),
    finalNewline: fc.boolean(),
    dangling: sometimes(15),
    encoding: fc.constantFrom('utf-8', 'utf-8', 'utf-8-bom', 'utf-16-le'),
  });

function renderLines(spec: FileSpec): string[] {
  const lines = [...spec.header];
  if (spec.includesBase) lines.splice(Math.min(spec.includeAt, lines.length), 0, INCLUDE);
  for (const item of spec.body) {
    if (item.kind === 'decl') lines.push(...renderDecl(item.decl));
    else if (item.kind === 'comment') lines.push(item.text);
    else lines.push('');
  }
  if (spec.dangling && spec.body[spec.body.length - 1]?.kind === 'decl' && !lines[lines.length - 1]!.includes('#')) lines[lines.length - 1] += ' \\';
  return lines;
}

function renderText(spec: FileSpec): string {
  const lines = renderLines(spec);
  const other = spec.newline === '\n' ? '\r\n' : '\n';
  return lines.map((l, i) => l + (i === lines.length - 1 && !spec.finalNewline ? '' : spec.flips[i % spec.flips.length] ? other : spec.newline)).join('');
}

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

interface PlatformSpec {
  services: FileSpec[];
  base: { lines: string[]; finalNewline: boolean } | null;
  allowHashMode: boolean;
  strategy: 'highest' | 'most-common' | 'lowest';
  minServices: number | undefined;
  /** Consolidate only these services (--services); the others must not change, or say so. */
  only: number[] | null;
}

const baseLine = fc.oneof(
  fc.constantFrom('# shared base', '', 'gamma==1.0', 'alpha==1.1', 'delta>=1.0', 'beta_lib==2.0  # base comment', 'gamma==1.0 \\'),
);

const platform: fc.Arbitrary<PlatformSpec> = fc.boolean().chain((withBase) =>
  fc.record({
    services: fc.array(fileSpec(withBase), { minLength: 2, maxLength: 4 }),
    base: withBase ? fc.record({ lines: fc.array(baseLine, { minLength: 1, maxLength: 4 }), finalNewline: fc.boolean() }) : fc.constant(null),
    allowHashMode: fc.boolean(),
    strategy: fc.constantFrom('highest', 'most-common', 'lowest'),
    minServices: fc.constantFrom(undefined, undefined, 1, 2, 3),
    only: fc.option(fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 3 }), { freq: 3 }),
  }),
).map((p) =>
  Object.assign(p, {
    // Counterexamples print as the files they stand for.
    [fc.toStringMethod]: () =>
      [
        `options: allowHashMode=${p.allowHashMode} strategy=${p.strategy} minServices=${p.minServices} services=${p.only?.map((i) => `svc${i}`).join(',') ?? '(all)'}`,
        ...p.services.map((s, i) => `svc${i}/requirements.txt (${s.encoding}): ${JSON.stringify(renderText(s))}`),
        ...(p.base ? [`${BASE}: ${JSON.stringify(p.base.lines.join('\n') + (p.base.finalNewline ? '\n' : ''))}`] : []),
      ].join('\n'),
  }),
);

// ---------------------------------------------------------------------------------------------
// Checking

interface PlanJson {
  base: string;
  services: Array<{ name: string; manifest: string; changes: Array<{ package: string; kind: 'moved' | 'version' | 'added'; from: string | null; to: string }> }>;
  base_packages: string[];
  kept: Array<{ package: string; reason: string }>;
  skipped: Array<{ service: string; manifest: string | null; reason: string }>;
  files: string[];
}

const keyOf = (d: Declaration) =>
  JSON.stringify([d.name, [...d.extras].map((x) => x.toLowerCase()).sort(), d.specifier, d.marker, d.url, d.path, [...d.hashes].sort()]);

function effective(inv: Inventory, manifest: string): string[] {
  const byPath = new Map(inv.manifests.map((m) => [m.path, m]));
  return expandLikePip(byPath, manifest)
    .entries.filter((e) => !e.constraint)
    .map((e) => keyOf(e.declaration))
    .sort();
}

function minus(a: string[], b: string[]): string[] {
  const out = [...a];
  for (const x of b) {
    const i = out.indexOf(x);
    if (i >= 0) out.splice(i, 1);
  }
  return out;
}

const lineBreak = /[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]$/;

/**
 * The old file with the moved declarations' blocks removed and the include inserted after block
 * `at` (-1: at the top). The final-newline state is kept: a file that did not end in a newline
 * still does not.
 */
function model(m: InventoryManifest, movedStarts: Set<number>, at: number | null, nl: string): string {
  let out = at === -1 ? INCLUDE + nl : '';
  m.blocks.forEach((b, i) => {
    if (!(b.kind === 'declaration' && movedStarts.has(b.start))) out += m.text.slice(b.start, b.end);
    if (i === at) {
      if (out.length > 0 && !lineBreak.test(out)) out += nl;
      out += INCLUDE + nl;
    }
  });
  if (!m.finalNewline && m.text.length > 0) out = out.replace(/(\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029])$/, '');
  return out;
}

async function checkPlatform(spec: PlatformSpec): Promise<void> {
  const root = path.join(tempDir('depaudit-prop-', true), 'platform');
  spec.services.forEach((s, i) => {
    mkdirSync(path.join(root, `svc${i}`), { recursive: true });
    writeFileSync(path.join(root, `svc${i}/requirements.txt`), encode(renderText(s), s.encoding));
  });
  const baseBytes = spec.base ? Buffer.from(spec.base.lines.join('\n') + (spec.base.finalNewline ? '\n' : ''), 'utf8') : null;
  if (baseBytes) {
    mkdirSync(path.join(root, 'shared'), { recursive: true });
    writeFileSync(path.join(root, BASE), baseBytes);
  }
  const opts = {
    base: BASE,
    allowHashMode: spec.allowHashMode,
    strategy: spec.strategy,
    ...(spec.minServices ? { minServices: spec.minServices } : {}),
    ...(spec.only ? { services: spec.only.map((i) => `svc${i}`) } : {}),
  };

  const old = await load(root);
  const dry = await consolidate(root, { ...opts, format: 'json' });
  expect(dry.code, dry.stderr).toBe(0);
  const plan = JSON.parse(dry.stdout) as PlanJson;
  const snapBefore = snapshotTree(root);
  const w = await consolidate(root, { ...opts, write: true });
  expect(w.code, w.stderr).toBe(0);
  expect(litter(root)).toEqual([]);
  const after = await load(root);
  if (plan.files.length === 0) expect(snapshotTree(root)).toEqual(snapBefore);

  const oldByPath = new Map(old.manifests.map((m) => [m.path, m]));
  const newByPath = new Map(after.manifests.map((m) => [m.path, m]));
  const baseWasIncluded = (m: string) => oldByPath.get(m)!.includes.some((i) => i.target === BASE && i.kind === 'requirement');

  // Hashes never move without --allow-hash-mode, and the plan says why.
  const baseAfter = newByPath.get(BASE);
  if (!spec.allowHashMode) {
    const oldBaseHashes = oldByPath.get(BASE)?.declarations.some((d) => d.hashes.length > 0) ?? false;
    if (!oldBaseHashes) expect(baseAfter?.declarations.every((d) => d.hashes.length === 0) ?? true).toBe(true);
    // A service that pins with --hash is left alone, and the plan says why.
    spec.services.forEach((_, i) => {
      const manifest = `svc${i}/requirements.txt`;
      if (spec.only && !spec.only.includes(i)) return;
      if (!oldByPath.get(manifest)!.declarations.some((d) => d.hashes.length > 0)) return;
      // (Listed only for what it gains through a base it already includes.)
      expect(plan.services.find((s) => s.manifest === manifest)?.changes.filter((c) => c.kind !== 'added') ?? []).toEqual([]);
      expect(plan.files).not.toContain(manifest);
      expect(plan.skipped.find((s) => s.manifest === manifest)?.reason).toMatch(/hash-checking mode.*--allow-hash-mode/);
    });
  }

  // An existing base is merged into: its old bytes are a prefix of the new ones.
  if (baseBytes && plan.files.includes(BASE)) expect(readFileSync(path.join(root, BASE)).subarray(0, baseBytes.length).equals(baseBytes)).toBe(true);

  const oldBase = oldByPath.has(BASE) ? effective(old, BASE) : [];
  const newBase = newByPath.has(BASE) ? effective(after, BASE) : [];
  // The base gains exactly one line per new base package, at the plan's `to`.
  const gained = minus(newBase, oldBase);
  for (const k of gained) {
    const [name, , spec] = JSON.parse(k) as [string, string[], string];
    expect(plan.base_packages).toContain(name);
    for (const s of plan.services) for (const c of s.changes) if (c.package === name && c.kind !== 'added') expect(c.to).toBe(spec || '(any)');
  }

  spec.services.forEach((fileSpec, i) => {
    const manifest = `svc${i}/requirements.txt`;
    const sp = plan.services.find((s) => s.manifest === manifest);
    const o = oldByPath.get(manifest)!;
    const n = newByPath.get(manifest)!;
    const oldBytes = snapBefore.get(manifest)!.bytes!;
    const newBytes = readFileSync(path.join(root, manifest));
    if (!sp) {
      // Not in the plan: not a byte changes, and neither does what pip installs from it.
      expect(newBytes.equals(oldBytes)).toBe(true);
      expect(effective(after, manifest), `${manifest} is not in the plan but reads differently`).toEqual(effective(old, manifest));
      return;
    }
    const movedNames = new Set(sp.changes.filter((c) => c.kind !== 'added').map((c) => c.package));
    const moved = o.declarations.filter((d) => d.name !== null && movedNames.has(d.name));
    // A hashed line moved only with --allow-hash-mode.
    if (!spec.allowHashMode) expect(moved.every((d) => d.hashes.length === 0)).toBe(true);

    // Bytes: exactly the moved blocks removed, one include inserted after the header.
    const movedStarts = new Set(moved.map((d) => d.span.start));
    const includedBefore = baseWasIncluded(manifest);
    const includedAfter = n.includes.some((inc) => inc.target === BASE && inc.kind === 'requirement');
    const newText = n.text;
    let matched = false;
    if (includedBefore || !includedAfter) matched = model(o, movedStarts, null, o.newline) === newText;
    else {
      const firstDecl = o.blocks.findIndex((b) => b.kind === 'declaration' || b.kind === 'invalid');
      const lastHeader = firstDecl < 0 ? o.blocks.length - 1 : firstDecl - 1;
      for (let at = -1; at <= lastHeader && !matched; at++) for (const nl of ['\n', '\r\n']) if (model(o, movedStarts, at, nl) === newText) matched = true;
    }
    expect(matched, `${manifest}:\n--- old\n${JSON.stringify(o.text)}\n--- new\n${JSON.stringify(newText)}\nmoved ${[...movedNames]}`).toBe(true);
    // Same encoding, same BOM.
    const dec = decodeRequirementsBytes(newBytes);
    expect(dec.ok).toBe(true);
    if (dec.ok) {
      expect(dec.value.encoding).toBe(o.encoding);
      expect(dec.value.bomLength > 0).toBe(o.bom);
    }
    if (fileSpec.encoding !== 'utf-8') expect(newBytes.subarray(0, 2).equals(oldBytes.subarray(0, 2))).toBe(true);

    // Effective requirements: the old ones, moved lines replaced by the base.
    const before = effective(old, manifest);
    const expected = [...minus(minus(before, moved.map(keyOf)), includedBefore ? oldBase : []), ...(includedAfter ? newBase : [])].sort();
    const got = effective(after, manifest);
    expect(got, manifest).toEqual(expected);

    // Nothing changes silently: every package whose requirement lines differ is listed, and every
    // package the service gains is listed as `added`.
    const names = (keys: string[]) => keys.map((k) => (JSON.parse(k) as [string])[0]);
    // As a set: a line pip reads twice (the service's own and the base's) is one requirement.
    const byName = (keys: string[], name: string) => [...new Set(keys.filter((k) => (JSON.parse(k) as [string])[0] === name))].sort();
    for (const name of new Set([...names(before), ...names(got)])) {
      if (JSON.stringify(byName(before, name)) === JSON.stringify(byName(got, name))) continue;
      const c = sp.changes.find((x) => x.package === name);
      expect(c, `${manifest}: ${name} changed (${byName(before, name)} -> ${byName(got, name)}) but the plan does not list it`).toBeDefined();
      if (byName(before, name).length === 0) expect(c!.kind, `${manifest}: ${name}`).toBe('added');
      if (c!.kind === 'moved') {
        // "moved" means pip reads the same requirement from the base.
        expect(byName(got, name), `${manifest}: ${name} listed as moved but changed`).toEqual(byName(before, name));
      }
    }
  });

  // A second run is a no-op: nothing to do, no byte or mtime changed.
  const snap = snapshotTree(root);
  const again = await consolidate(root, { ...opts, write: true });
  expect(again.code, again.stderr).toBe(0);
  expect(again.stderr).toContain('nothing to do');
  expect(snapshotTree(root)).toEqual(snap);
}

describe('consolidate --write on random platforms', () => {
  it(
    'keeps every non-moved byte, matches the plan, and is a fixed point',
    async () => {
      await fc.assert(fc.asyncProperty(platform, checkPlatform), { seed: SEED, numRuns: RUNS });
    },
    60_000,
  );
});
