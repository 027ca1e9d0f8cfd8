/**
 * Properties of the requirements-file parser over random input: it never throws, its blocks
 * re-emit the decoded text exactly, the encoder gives the original bytes back, declaration spans
 * sit inside their blocks, diagnostics point at real lines, and parsing is deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequirementsBytes } from '../../src/formats/requirements/parse.js';
import { encodeText } from '../../src/formats/requirements/encode.js';
import type { ParsedManifest } from '../../src/model/manifest.js';

const SEED = 42;
const RUNS = 2_000;
const OPTS = { seed: SEED, numRuns: RUNS };

/** Fragments that steer random text through pip's pipeline: continuations, comments, options, env vars. */
const FRAGMENTS = [
  'requests', 'Foo_Bar', 'numpy', 'a', '-', '.', '1.0', '2', '==', '>=', '<', '~=', '!=', '===', ',', ';', ' ; ',
  'python_version < "3.9"', '#', ' #', '\t#', ' # note', '\\', '\\ ', '\n', '\r\n', '\r', '\f', '\v', '\x1c', '\x85',
  '\u2028', '-r ', '-c ', '-rbase.txt', '-r=x.txt', '-e ', '--hash=sha256:', 'abcdef0123', '--hash ', 'md5:ab',
  '-C k=v', '--pre', '--pr', '--index-url ', '--extra-index ', '-i', '${VAR}', '${HOME_DIR}', '$VAR', '"', "'",
  '"a b.txt"', '\t', ' ', '  ', '\u00a0', '\u3000', '\u2003', '@', ' @ ', 'https://h/p.whl', 'git+https://h/r.git',
  '#egg=x', '[', ']', '[extra]', './dir', '../up.txt', '/abs.txt', 'é', '😀', '\ufeff', '\0',
];

const fragmentText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fragmentText, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme-ascii', maxLength: 80 }));

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16-le' | 'utf-16-be' | 'utf-32-le';
const ENCODINGS: Encoding[] = ['utf-8', 'utf-8-bom', 'utf-16-le', 'utf-16-be', 'utf-32-le'];

function encodeAs(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16-le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16-be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'utf-32-le': {
      const cps = [...text].map((c) => c.codePointAt(0)!);
      const out = Buffer.alloc(4 + cps.length * 4);
      out.set([0xff, 0xfe, 0x00, 0x00]);
      cps.forEach((cp, i) => out.writeUInt32LE(cp, 4 + i * 4));
      return out;
    }
  }
}

const parse = (bytes: Uint8Array) => parseRequirementsBytes(bytes, { path: 'svc/requirements.txt' });

/** The structural invariants every parse result must satisfy. */
function checkInvariants(m: ParsedManifest): void {
  // Blocks cover the text exactly, contiguous and in order.
  let at = 0;
  let line = 1;
  for (const b of m.blocks) {
    expect(b.start).toBe(at);
    expect(b.end).toBeGreaterThan(b.start);
    expect(b.line).toBe(line);
    expect(b.endLine).toBeGreaterThanOrEqual(b.line);
    at = b.end;
    line = b.endLine + 1;
  }
  expect(at).toBe(m.text.length);
  expect(m.blocks.map((b) => m.text.slice(b.start, b.end)).join('')).toBe(m.text);

  // Each declaration's span lies inside one declaration block and is the declaration's text.
  for (const d of m.declarations) {
    const block = m.blocks.find((b) => b.start <= d.span.start && d.span.end <= b.end);
    expect(block?.kind).toBe('declaration');
    expect(block?.line).toBe(d.line);
    expect(block?.endLine).toBe(d.endLine);
    expect(d.text).toBe(m.text.slice(d.span.start, d.span.end));
  }
  expect(m.declarations.length).toBe(m.blocks.filter((b) => b.kind === 'declaration').length);

  // Diagnostics point at a real line and column (or at line 1 when nothing could be decoded).
  const lastLine = m.blocks.length ? m.blocks[m.blocks.length - 1]!.endLine : 1;
  for (const d of m.diagnostics) {
    expect(d.path).toBe('svc/requirements.txt');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    if (m.encoding !== null) expect(d.line).toBeLessThanOrEqual(lastLine);
  }
}

describe('parseRequirementsBytes never throws', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const m = parse(bytes);
        if (m.encoding === null) {
          expect(m.diagnostics.map((d) => d.code)).toEqual(['undecodable']);
          expect(m.declarations).toEqual([]);
          expect(m.blocks).toEqual([]);
        }
      }),
      OPTS,
    );
  });

  it('on requirements-flavoured text in every encoding', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...ENCODINGS), (text, encoding) => {
        const m = parse(encodeAs(text, encoding));
        if (m.encoding !== null) checkInvariants(m);
      }),
      OPTS,
    );
  });

  it('on requirements-flavoured text with a ${VAR} environment', () => {
    const env = new Map([
      ['VAR', '1.0 --hash=sha256:abcd'],
      ['HOME_DIR', '# not a comment \\'],
    ]);
    fc.assert(
      fc.property(fragmentText, (text) => {
        checkInvariants(parseRequirementsBytes(Buffer.from(text), { path: 'svc/requirements.txt', env }));
      }),
      OPTS,
    );
  });
});

describe('re-emit', () => {
  it('blocks cover the text; the encoder reproduces the original bytes (BOMs, UTF-16/32, CR/LF mixes)', () => {
    let decoded = 0;
    fc.assert(
      fc.property(anyText, fc.constantFrom(...ENCODINGS), (text, encoding) => {
        const bytes = encodeAs(text, encoding);
        const m = parse(bytes);
        if (m.encoding === null) return; // only undecodable input (e.g. a lone surrogate in UTF-16) may fail
        decoded++;
        checkInvariants(m);
        const again = encodeText(m.text, m.encoding, m.bom);
        expect(again).not.toBeNull();
        expect(Buffer.from(again!).equals(Buffer.from(bytes))).toBe(true);
      }),
      OPTS,
    );
    expect(decoded).toBeGreaterThan(RUNS * 0.9);
  });

  it('arbitrary decodable bytes round-trip through text and encoder', () => {
    let decoded = 0;
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fragmentText.map((t) => Buffer.from(t))), (bytes) => {
        const m = parse(bytes);
        if (m.encoding === null) return;
        decoded++;
        checkInvariants(m);
        const again = encodeText(m.text, m.encoding, m.bom);
        expect(again).not.toBeNull();
        expect(Buffer.from(again!).equals(Buffer.from(bytes))).toBe(true);
      }),
      OPTS,
    );
    expect(decoded).toBeGreaterThan(RUNS / 4);
  });

  it('a PEP 263 latin-1 file round-trips byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.constantFrom('\n', '\r\n'), (body, nl) => {
        const bytes = Buffer.concat([Buffer.from(`# -*- coding: latin-1 -*-${nl}`), body]);
        const m = parse(bytes);
        expect(m.encoding).toBe('latin-1');
        checkInvariants(m);
        expect(Buffer.from(encodeText(m.text, m.encoding!, m.bom)!).equals(bytes)).toBe(true);
      }),
      OPTS,
    );
  });

  it('byteSpan is the UTF-8 slice of the declaration text', () => {
    fc.assert(
      fc.property(fragmentText, fc.boolean(), (text, bom) => {
        const bytes = encodeAs(text, bom ? 'utf-8-bom' : 'utf-8');
        const m = parse(bytes);
        if (m.encoding === null) return;
        for (const d of m.declarations) {
          expect(d.byteSpan).not.toBeNull();
          expect(Buffer.from(bytes.subarray(d.byteSpan!.start, d.byteSpan!.end)).toString('utf8')).toBe(d.text);
        }
      }),
      OPTS,
    );
  });
});

describe('determinism', () => {
  it('parsing the same bytes twice gives deep-equal results', () => {
    fc.assert(
      fc.property(fc.oneof(anyText.map((t) => Buffer.from(t)), fc.uint8Array({ maxLength: 120 })), (bytes) => {
        expect(parse(Uint8Array.from(bytes))).toEqual(parse(Uint8Array.from(bytes)));
      }),
      OPTS,
    );
  });
});
