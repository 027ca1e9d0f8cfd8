/**
 * The shortcuts parsePackageJson takes for large workspaces give the same results as the plain
 * computations: blocks line by line, UTF-8 byte offsets by encoding, and the declarations of one
 * file do not depend on what other files were read before it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/model/manifest.js';
import { parsePackageJson } from '../../../src/formats/npm/package-json.js';
import { TextIndex } from '../../../src/formats/npm/text-index.js';
import { PlacedDeclaration } from '../../../src/model/declaration.js';

const OPTS = { seed: 17, numRuns: 1_000 };

/** Blocks computed the slow way: kinds per line, then declaration lines, then runs merged. */
function referenceBlocks(text: string, ranges: Array<[number, number]>): Block[] {
  const lines: Array<{ start: number; end: number; content: string }> = [];
  const re = /\r\n|\r|\n/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ start: at, end: m.index + m[0].length, content: text.slice(at, m.index) });
    at = m.index + m[0].length;
  }
  if (at < text.length) lines.push({ start: at, end: text.length, content: text.slice(at) });
  const kinds = lines.map((l): Block['kind'] => (/^[ \t\uFEFF]*$/.test(l.content) ? 'blank' : 'option'));
  const starts = new Set(ranges.map(([from]) => from));
  for (const [from, to] of ranges) for (let l = from; l <= to; l++) kinds[l - 1] = 'declaration';
  const blocks: Block[] = [];
  lines.forEach((line, i) => {
    const prev = blocks[blocks.length - 1];
    if (prev && prev.kind === kinds[i] && !(kinds[i] === 'declaration' && starts.has(i + 1))) {
      prev.endLine = i + 1;
      prev.end = line.end;
    } else blocks.push({ kind: kinds[i]!, line: i + 1, endLine: i + 1, start: line.start, end: line.end });
  });
  return blocks;
}

const NAMES = ['a', 'react', '@scope/pkg', '__proto__', 'é', '😀'];
const SPECS = ['^1.0.0', '1.2.3', 'workspace:*', 'latest', 'ü', '😀'];
const SPACE = [' ', '', '\n', '\r\n', '\r', '\n\n', '\n  \t\n', '\uFEFF'];

/** Valid package.json text with line breaks of every kind, blank lines and non-ASCII in odd places. */
const packageJson = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.constantFrom('dependencies', 'devDependencies', 'peerDependencies'), fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...SPECS), fc.constantFrom(...SPACE), fc.constantFrom(...SPACE)), { maxLength: 6 })), { maxLength: 3 }),
    fc.constantFrom(...SPACE),
  )
  .map(([bom, groups, tail]) => {
    const ws = (s: string) => s.replace(/\uFEFF/g, ' ');
    const body = groups.map(([g, members]) => `"${g}": {${members.map(([n, s, a, b]) => `${ws(a)}${JSON.stringify(n)}:${ws(b)}${JSON.stringify(s)}`).join(',')}}`).join(',\n');
    return `${bom ? '\uFEFF' : ''}{"name": "x"${body ? `,\n${body}` : ''}}${ws(tail)}`;
  });

describe('parsePackageJson fast paths', () => {
  it('blocks are the line-by-line cover', () => {
    fc.assert(
      fc.property(packageJson, (text) => {
        const m = parsePackageJson(text, { path: 'package.json' });
        expect(m.diagnostics.filter((d) => d.code === 'invalid-json')).toEqual([]);
        expect(m.blocks).toEqual(referenceBlocks(text, m.declarations.map((d) => [d.line, d.endLine])));
      }),
      OPTS,
    );
  });

  it('byte spans are UTF-8 lengths, ASCII or not', () => {
    const utf8 = (s: string) => new TextEncoder().encode(s).length;
    fc.assert(
      fc.property(packageJson, (text) => {
        for (const d of parsePackageJson(text, { path: 'package.json' }).declarations) {
          expect(d.byteSpan).toEqual({ start: utf8(text.slice(0, d.span.start)), end: utf8(text.slice(0, d.span.end)) });
        }
      }),
      OPTS,
    );
  });

  it('TextIndex.byteOffset answers offsets in any order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom('a', '\n', 'é', '€', '\uFEFF', '😀') }), fc.array(fc.nat(), { maxLength: 8 }), (text, picks) => {
        // Offsets between the halves of a surrogate pair name no character; skip them.
        const offsets = picks.map((p) => p % (text.length + 1)).filter((o) => !/[\uDC00-\uDFFF]/.test(text[o] ?? ''));
        const index = new TextIndex(text);
        for (const o of offsets) expect(index.byteOffset(o)).toBe(new TextEncoder().encode(text.slice(0, o)).length);
      }),
      OPTS,
    );
  });

  it('a file reads the same whatever was read before it', () => {
    const text = '{\n  "dependencies": {\n    "react": "^18.3.1",\n    "@scope/pkg": "1.0.0"\n  }\n}\n';
    const alone = parsePackageJson(text, { path: 'a/package.json' });
    for (let i = 0; i < 5_000; i++) parsePackageJson(`{"dependencies": {"p${i}": "^${i}.0.0"}}`, { path: `p${i}/package.json` });
    const after = parsePackageJson(text, { path: 'a/package.json' });
    expect(after).toEqual(alone);
    const d = after.declarations[0]!;
    expect([d.extras, d.hashes, d.unexpandedVars]).toEqual([[], [], []]);
    // Shared between declarations, so nobody may add to them.
    expect(Object.isFrozen(d.extras) && Object.isFrozen(d.hashes) && Object.isFrozen(d.unexpandedVars)).toBe(true);
  });

  it('files that write the same entry share what it declares; a path entry and an invalid one are each their own', () => {
    const text = '{\n  "dependencies": {\n    "react": "^18.3.1",\n    "lib": "file:../lib",\n    "bad": "^^1"\n  }\n}\n';
    const [a, b] = ['x/package.json', 'y/z/package.json'].map((path) => parsePackageJson(text, { path }));
    const declared = (m: typeof a) => m!.declarations.map((d) => (d as PlacedDeclaration).declared);
    const [reactA, libA, badA] = declared(a);
    const [reactB, libB, badB] = declared(b);
    expect(reactA).toBe(reactB);
    expect(Object.isFrozen(reactA)).toBe(true);
    expect(libA).not.toBe(libB);
    expect([libA!.path, libB!.path]).toEqual(['lib', 'y/lib']);
    expect(badA).not.toBe(badB);
    for (const m of [a!, b!]) expect(m.diagnostics.map((d) => d.code)).toEqual(['invalid-specifier']);
  });

  it('entries whose name and specifier join to the same text are not confused', () => {
    const a = parsePackageJson('{"dependencies": {"a\\u0000b": "1.0.0"}}', { path: 'a/package.json' });
    const b = parsePackageJson('{"dependencies": {"a": "b\\u00001.0.0"}}', { path: 'b/package.json' });
    const c = parsePackageJson('{"dependencies": {"ab": "1.0.0"}}', { path: 'c/package.json' });
    const d = parsePackageJson('{"dependencies": {"a": "b1.0.0"}}', { path: 'd/package.json' });
    expect([a, b, c, d].map((m) => [m.declarations[0]?.name, m.declarations[0]?.specifier])).toEqual([
      ['a\0b', '1.0.0'],
      ['a', 'b\u00001.0.0'],
      ['ab', '1.0.0'],
      ['a', 'b1.0.0'],
    ]);
  });
});

