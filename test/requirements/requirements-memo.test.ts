/**
 * The parser remembers requirement lines it has read (a platform repeats the same lines across
 * hundreds of services). A repeated line must read exactly as a fresh one, wherever it stands,
 * and nothing a caller does to one declaration may reach another.
 */
import { describe, expect, it } from 'vitest';
import { parseRequirementsBytes, parseRequirementsText, type RequirementsContext } from '../../src/formats/requirements/parse.js';
import { isCommentLine, isPySpace, isPySpaceCode } from '../../src/formats/requirements/lines.js';
import type { PathProbe } from '../../src/formats/requirements/classify.js';
import type { Declaration } from '../../src/model/declaration.js';
import type { ParsedManifest } from '../../src/model/manifest.js';

const parse = (text: string, ctx: Partial<RequirementsContext> = {}): ParsedManifest =>
  parseRequirementsBytes(Buffer.from(text, 'utf8'), { path: 'svc/requirements.txt', ...ctx });

/** A declaration without the fields that say where it is. */
function what(d: Declaration): Partial<Declaration> {
  const { line: _l, endLine: _e, span: _s, byteSpan: _b, text: _t, ...rest } = d;
  return rest;
}

/** Lines unlikely to have been read by another test in this process. */
let n = 0;
const fresh = (line: string) => line.replace('PKG', `memo-pkg-${n++}`);

describe('a repeated line reads like a fresh one', () => {
  it('the same declaration at a new place, with its own line, span, byte span and text', () => {
    const line = fresh('PKG[b,a]==1.0 ; python_version >= "3.9"  # pinned');
    const once = parse(`${line}\n`).declarations[0]!;
    const again = parse(`# header\n\nother==2\r\n${line}\r\n`);
    const d = again.declarations[1]!;
    expect(what(d)).toEqual(what(once));
    expect(d).toMatchObject({ line: 4, endLine: 4, text: line, span: { start: 20, end: 20 + line.length }, byteSpan: { start: 20, end: 20 + line.length } });
    expect(again.blocks.map((b) => [b.kind, b.line, b.start, b.end])).toEqual([
      ['comment', 1, 0, 9], ['blank', 2, 9, 10], ['declaration', 3, 10, 20], ['declaration', 4, 20, 20 + line.length + 2],
    ]);
  });

  it('byte spans count multi-byte characters before a repeated line', () => {
    const line = fresh('PKG==1');
    parse(`${line}\n`);
    const d = parse(`# é😀\n${line}\n`).declarations[0]!;
    expect(d.span).toEqual({ start: 6, end: 6 + line.length });
    // '#', ' ', 'é' (2 bytes), '😀' (4 bytes, 2 code units), '\n'
    expect(d.byteSpan).toEqual({ start: 9, end: 9 + line.length });
  });

  it('the same joined text from different physical lines keeps each layout', () => {
    const name = fresh('PKG');
    const a = parse(`${name}==1 \\\n    --hash=sha256:aa\n`).declarations[0]!;
    const b = parse(`x==1\n${name}==1 \\\n\\\n    --hash=sha256:aa\n`).declarations[1]!;
    expect(what(b)).toEqual(what(a));
    expect([a.line, a.endLine, b.line, b.endLine]).toEqual([1, 2, 2, 4]);
    expect(b.text).toBe(`${name}==1 \\\n\\\n    --hash=sha256:aa`);
  });

  it('a line that reports something reports it at every place it appears', () => {
    const line = fresh('PKG==1 --pre');
    const first = parse(`${line}\n`).diagnostics;
    const second = parse(`a==1\nb==2\n${line}\n`).diagnostics;
    expect(first.map((x) => [x.line, x.code])).toEqual([[1, 'ignored-option']]);
    expect(second.map((x) => [x.line, x.code])).toEqual([[3, 'ignored-option']]);
  });

  it('${VAR}s are expanded from each file\'s own environment', () => {
    const line = fresh('PKG==${VERSION}');
    const a = parse(`${line}\n`, { env: new Map([['VERSION', '1.0']]) }).declarations[0]!;
    const b = parse(`${line}\n`, { env: new Map([['VERSION', '2.0']]) }).declarations[0]!;
    const c = parse(`${line}\n`);
    expect([a.specifier, b.specifier]).toEqual(['==1.0', '==2.0']);
    expect(c.declarations).toEqual([]);
    expect(c.diagnostics.map((x) => x.code)).toEqual(['invalid-requirement']);
  });

  it('local paths are asked of each tree (and cwd) anew', () => {
    const dir = fresh('./PKG');
    const tree = (dirs: string[], files: string[]): PathProbe => ({ isDirectory: (p) => dirs.includes(p), isFile: (p) => files.includes(p) });
    const name = dir.slice(2);
    const withProject = parse(`${dir}\n`, { probe: tree([name], [`${name}/pyproject.toml`]) });
    const without = parse(`${dir}\n`, { probe: tree([], []) });
    const elsewhere = parseRequirementsText(`${dir}\n`, { path: 'env/environment.yml', cwd: 'env', probe: tree([`env/${name}`], [`env/${name}/setup.py`]) });
    expect(withProject.declarations[0]).toMatchObject({ path: name, source: 'path' });
    expect(without.declarations).toEqual([]);
    expect(elsewhere.declarations[0]).toMatchObject({ path: `env/${name}`, source: 'path' });
  });

  it('a comment line is never taken for a remembered requirement', () => {
    const line = fresh('PKG==1');
    parse(`${line}\n`);
    const m = parse(`#${line}\n  #${line}\n\\\\\n#${line}\n`);
    expect(m.declarations).toEqual([]);
    expect(m.blocks.map((b) => b.kind)).toEqual(['comment', 'comment', 'comment']);
  });
});

describe('declarations share nothing a caller can change', () => {
  it('what the line declares is frozen: forcing a change throws, and no other declaration nor the next read sees one', () => {
    const line = fresh('PKG[x]==1 -C k=v -C k=w --global-option=--opt --hash=sha256:ab');
    const text = `${line}\n${line}\n`;
    const [a, b] = parse(text).declarations;
    // The model's arrays are readonly by type: forced here to prove a change cannot reach the others.
    const mutable = (values: readonly string[] | null | undefined) => values as string[];
    const settings = a!.configSettings as Record<string, string | string[]>;
    expect(() => mutable(a!.extras).push('changed')).toThrow(TypeError);
    expect(() => mutable(a!.hashes).push('changed')).toThrow(TypeError);
    expect(() => mutable(a!.globalOptions).push('changed')).toThrow(TypeError);
    expect(() => mutable(settings.k as string[]).push('changed')).toThrow(TypeError);
    expect(() => (settings.other = 'changed')).toThrow(TypeError);
    expect(() => ((a as { name: string }).name = 'changed')).toThrow(TypeError);
    // Where a declaration stands is its own.
    (a!.span as { start: number }).start = -1;
    const [c] = parse(text).declarations;
    for (const d of [b!, c!]) {
      expect(d).toMatchObject({ extras: ['x'], hashes: ['sha256:ab'], unexpandedVars: [], globalOptions: ['--opt'], configSettings: { k: ['v', 'w'] }, span: { start: d.line === 1 ? 0 : line.length + 1 } });
    }
  });

  it('an empty array is shared only frozen: changing it throws instead of reaching other declarations', () => {
    const line = fresh('PKG==1');
    const [a, b] = parse(`${line}
${line}
`).declarations;
    for (const d of [a!, b!]) {
      for (const values of [d.extras, d.hashes, d.unexpandedVars]) {
        expect(values).toEqual([]);
        expect(() => (values as string[]).push('changed')).toThrow(TypeError);
      }
    }
  });
});

describe('character classes', () => {
  const PY_SPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

  it("isPySpaceCode is Python's str.isspace() on every UTF-16 code unit", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (isPySpaceCode(c) !== PY_SPACE.test(ch) || isPySpace(ch) !== PY_SPACE.test(ch)) throw new Error(`U+${c.toString(16)}`);
    }
    expect([isPySpace(''), isPySpace('  '), isPySpace('\t\t')]).toEqual([false, false, false]);
  });

  it("isCommentLine is pip's COMMENT_RE.match", () => {
    const COMMENT = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*#/;
    for (const s of ['', '#', ' #', '\u3000#x', 'x#', ' x #', '\\#', ' ', '\u00a0\t#']) expect(isCommentLine(s)).toBe(COMMENT.test(s));
  });
});
