/** Text → bytes in a file's own encoding, BOM included: the inverse of decode.ts for rewrites. */
const BOM: Record<string, number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16-le': [0xff, 0xfe],
  'utf-16-be': [0xfe, 0xff],
  'utf-32-le': [0xff, 0xfe, 0x00, 0x00],
  'utf-32-be': [0x00, 0x00, 0xfe, 0xff],
};

/** Null when depaudit cannot write that encoding back exactly (it then refuses to rewrite the file). */
export function encodeText(text: string, encoding: string, bom: boolean): Uint8Array | null {
  let body: Buffer;
  switch (encoding) {
    case 'utf-8':
    case 'utf8':
      body = Buffer.from(text, 'utf8');
      break;
    case 'utf-16-le':
      body = Buffer.from(text, 'utf16le');
      break;
    case 'utf-16-be':
      body = Buffer.from(text, 'utf16le').swap16();
      break;
    case 'utf-32-le':
    case 'utf-32-be': {
      const cps = [...text].map((c) => c.codePointAt(0)!);
      body = Buffer.alloc(cps.length * 4);
      cps.forEach((cp, i) => (encoding === 'utf-32-le' ? body.writeUInt32LE(cp, i * 4) : body.writeUInt32BE(cp, i * 4)));
      break;
    }
    case 'latin-1':
    case 'latin1':
    case 'iso-8859-1':
    case 'ascii':
      if ([...text].some((c) => c.codePointAt(0)! > (encoding === 'ascii' ? 0x7f : 0xff))) return null;
      body = Buffer.from(text, 'latin1');
      break;
    default:
      return null;
  }
  const prefix = bom ? BOM[encoding === 'utf8' ? 'utf-8' : encoding] : undefined;
  if (bom && !prefix) return null;
  return prefix ? Buffer.concat([Buffer.from(prefix), body]) : body;
}
