/**
 * A minimal ZIP reader for OSV exports (`all.zip`): the central directory (ZIP64 too, since an
 * ecosystem export can hold more than 65,535 records), stored and deflated entries through
 * node:zlib's inflateRaw, CRC-32 checked. Sizes are bounded before anything is inflated, so a
 * hostile archive (a zip bomb, lying sizes, overlapping entries) costs at most the limits.
 */
import { inflateRawSync } from 'node:zlib';
import { err, ok, type Result } from '../result.js';

export interface ZipLimits {
  /** Per entry, uncompressed. */
  maxEntryBytes: number;
  /** All entries read, uncompressed. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntryBytes: 16 * 1024 * 1024, maxTotalBytes: 2 * 1024 ** 3, maxEntries: 2_000_000 };

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u64 = (b: Buffer, at: number) => Number(b.readBigUInt64LE(at));

/** The entries listed in the central directory, or why the file is not a readable ZIP. */
export function listZip(b: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Result<ZipEntry[], string> {
  const min = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return err('not a ZIP file (no end of central directory record)');
  let count = b.readUInt16LE(eocd + 10);
  let cdSize = b.readUInt32LE(eocd + 12);
  let cdOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || b.readUInt32LE(loc) !== 0x07064b50) return err('ZIP64 archive without a ZIP64 locator');
    const z64 = u64(b, loc + 8);
    if (z64 + 56 > b.length || b.readUInt32LE(z64) !== 0x06064b50) return err('ZIP64 end of central directory record not found');
    count = u64(b, z64 + 32);
    cdSize = u64(b, z64 + 40);
    cdOffset = u64(b, z64 + 48);
  }
  if (count > limits.maxEntries) return err(`${count} entries, over the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize > b.length) return err('central directory lies outside the file');
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) return err(`central directory entry ${i + 1} is damaged`);
    const nameLen = b.readUInt16LE(at + 28);
    const extraLen = b.readUInt16LE(at + 30);
    const commentLen = b.readUInt16LE(at + 32);
    const flags = b.readUInt16LE(at + 8);
    // Bit 11: UTF-8 name; otherwise CP437, which for OSV names (ASCII ids) reads the same.
    const name = b.subarray(at + 46, at + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    let size = b.readUInt32LE(at + 24);
    let compressedSize = b.readUInt32LE(at + 20);
    let localOffset = b.readUInt32LE(at + 42);
    // ZIP64 extended information: only the fields that overflowed, in this order.
    for (let e = at + 46 + nameLen; e + 4 <= at + 46 + nameLen + extraLen; ) {
      const id = b.readUInt16LE(e);
      const len = b.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        if (size === 0xffffffff && p + 8 <= e + 4 + len) (size = u64(b, p)), (p += 8);
        if (compressedSize === 0xffffffff && p + 8 <= e + 4 + len) (compressedSize = u64(b, p)), (p += 8);
        if (localOffset === 0xffffffff && p + 8 <= e + 4 + len) localOffset = u64(b, p);
      }
      e += 4 + len;
    }
    entries.push({ name, method: b.readUInt16LE(at + 10), flags, crc: b.readUInt32LE(at + 16), compressedSize, size, localOffset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return ok(entries);
}

/** One entry's bytes, checked against its declared size and CRC-32. */
export function readZipEntry(b: Buffer, e: ZipEntry, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Result<Buffer, string> {
  if (e.flags & 0x1) return err('encrypted');
  if (e.size > limits.maxEntryBytes) return err(`${e.size} bytes uncompressed, over the ${limits.maxEntryBytes}-byte limit`);
  const h = e.localOffset;
  if (h + 30 > b.length || b.readUInt32LE(h) !== 0x04034b50) return err('local header not found');
  const start = h + 30 + b.readUInt16LE(h + 26) + b.readUInt16LE(h + 28);
  if (start + e.compressedSize > b.length) return err('data runs past the end of the file');
  const raw = b.subarray(start, start + e.compressedSize);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else if (e.method === 8) {
    try {
      // One byte over the declared size: a stream that inflates further is lying about it.
      data = inflateRawSync(raw, { maxOutputLength: e.size + 1 });
    } catch (x) {
      return err(`cannot inflate: ${x instanceof Error ? x.message : String(x)}`);
    }
  } else return err(`compression method ${e.method} is not supported (only stored and deflated)`);
  if (data.length !== e.size) return err(`inflated to ${data.length} bytes, the directory says ${e.size}`);
  if (crc32(data) !== e.crc) return err('CRC-32 mismatch');
  return ok(data);
}
