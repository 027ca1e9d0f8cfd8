/**
 * Bytes → text the way pip's `auto_decode` does (pip 23.2.1, with the BOM-order fix of pip 25:
 * UTF-32 BOMs are checked before UTF-16 so a UTF-32-LE file is not read as UTF-16 garbage).
 * Without a BOM or a PEP 263 declaration the text must be UTF-8: pip 23.2 would use the locale
 * encoding, which makes results machine-dependent; pip 25 tries UTF-8 first.
 */
export interface Decoded {
  text: string;
  encoding: string;
  /** Bytes of byte-order mark that preceded the text (0 when none). */
  bomLength: number;
}

export type DecodeResult = { ok: true; value: Decoded } | { ok: false; error: { message: string; line: number; column: number } };

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32-be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32-le'],
  [[0xfe, 0xff], 'utf-16-be'],
  [[0xff, 0xfe], 'utf-16-le'],
];

// PEP 263, as pip applies it: a line starting with '#' among the first two lines.
const CODING_RE = /coding[:=][ \t\n\r\f\v]*([-\w.]+)/;

/** Python codec names → how to decode them in Node. */
function codecFor(name: string): string | null {
  const n = name.toLowerCase().replace(/_/g, '-');
  const aliases: Record<string, string> = {
    'utf-8': 'utf-8', utf8: 'utf-8', 'u8': 'utf-8', 'utf': 'utf-8', 'utf-8-sig': 'utf-8',
    'latin-1': 'latin1', latin1: 'latin1', 'iso-8859-1': 'latin1', 'iso8859-1': 'latin1', l1: 'latin1', '8859': 'latin1',
    ascii: 'ascii', 'us-ascii': 'ascii', '646': 'ascii',
    'utf-16': 'utf-16le', 'utf-16-le': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16-be': 'utf-16be', 'utf-16be': 'utf-16be',
    cp1252: 'windows-1252', 'windows-1252': 'windows-1252',
  };
  if (aliases[n]) return aliases[n];
  try {
    new TextDecoder(n);
    return n;
  } catch {
    return null;
  }
}

function decodeWith(bytes: Uint8Array, codec: string): string {
  if (codec === 'latin1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (codec === 'ascii') {
    const bad = bytes.findIndex((b) => b > 0x7f);
    if (bad >= 0) throw new DecodeFailure(bad, `byte 0x${bytes[bad]!.toString(16)} is not ASCII`);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  if (codec === 'utf-32-le' || codec === 'utf-32-be') return decodeUtf32(bytes, codec === 'utf-32-le');
  try {
    return new TextDecoder(codec, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new DecodeFailure(firstInvalidUtf8(bytes, codec), `it is not valid ${codec}`);
  }
}

class DecodeFailure extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

function decodeUtf32(bytes: Uint8Array, little: boolean): string {
  if (bytes.length % 4 !== 0) throw new DecodeFailure(bytes.length - (bytes.length % 4), 'truncated UTF-32 data');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, little);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new DecodeFailure(i, `code point 0x${cp.toString(16)} is not valid UTF-32`);
    out += String.fromCodePoint(cp);
  }
  return out;
}

/** Offset of the first byte that breaks UTF-8 (for the diagnostic's position). */
function firstInvalidUtf8(bytes: Uint8Array, codec: string): number {
  if (codec !== 'utf-8') return 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlongs and surrogates are caught by TextDecoder; report the lead byte.
    if ((b === 0xe0 && bytes[i + 1]! < 0xa0) || (b === 0xed && bytes[i + 1]! > 0x9f) || (b === 0xf0 && bytes[i + 1]! < 0x90) || (b === 0xf4 && bytes[i + 1]! > 0x8f)) return i;
    i += need + 1;
  }
  return 0;
}

function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function decodeRequirementsBytes(bytes: Uint8Array): DecodeResult {
  for (const [bom, encoding] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) {
      const codec = encoding.startsWith('utf-16') ? encoding.replace('-le', 'le').replace('-be', 'be') : encoding;
      return attempt(bytes.subarray(bom.length), codec, encoding, bom.length);
    }
  }
  // PEP 263 on one of the first two lines (pip splits on b"\n").
  let start = 0;
  for (let n = 0; n < 2 && start <= bytes.length; n++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (bytes[start] === 0x23) {
      const head = Buffer.from(bytes.subarray(start, Math.min(end, start + 4096))).toString('latin1');
      const m = CODING_RE.exec(head);
      if (m) {
        const codec = codecFor(m[1]!);
        if (!codec) {
          return { ok: false, error: { message: `unknown encoding ${JSON.stringify(m[1])} declared on line ${n + 1} (PEP 263)`, line: n + 1, column: 1 } };
        }
        return attempt(bytes, codec, m[1]!.toLowerCase(), 0);
      }
    }
    start = end + 1;
  }
  return attempt(bytes, 'utf-8', 'utf-8', 0);
}

function attempt(bytes: Uint8Array, codec: string, encoding: string, bomLength: number): DecodeResult {
  const skipped = bomLength;
  try {
    return { ok: true, value: { text: decodeWith(bytes, codec), encoding, bomLength } };
  } catch (e) {
    const failure = e instanceof DecodeFailure ? e : new DecodeFailure(0, String(e));
    const where = position(bytes, failure.offset);
    return {
      ok: false,
      error: { message: `cannot decode the file as ${encoding}: ${failure.message} (at byte ${failure.offset + skipped})`, ...where },
    };
  }
}

/**
 * Strict UTF-8 for the formats whose readers accept nothing else (tomllib, JSON, YAML loaders):
 * the BOM, if any, stays in the text for the format's own parser to judge.
 */
export function decodeUtf8Bytes(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, value: { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8', bomLength: 0 } };
  } catch {
    const offset = firstInvalidUtf8(bytes, 'utf-8');
    const at = position(bytes, offset);
    return { ok: false, error: { message: `not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset})`, ...at } };
  }
}
