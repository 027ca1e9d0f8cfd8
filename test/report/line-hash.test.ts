/**
 * primaryLocationLineHash: the values GitHub's upload action computes. The expected hashes are
 * the test vectors of github/codeql-action's src/fingerprints.test.ts (the algorithm's own tests).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineHashes, textAsUploaded } from '../../src/report/line-hash.js';

describe('lineHashes matches codeql-action', () => {
  it.each([
    ['an empty file', '', ['c129715d7a2bc9a3:1']],
    ['leading blanks and tabs are skipped', ' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
    [
      'blank lines, no final newline',
      ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
      ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1'],
    ],
  ])('%s', (_, text, expected) => expect(lineHashes(text)).toEqual(expected));

  const endsWithNewline = ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1'];
  it.each([
    ['LF', ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n'],
    ['CR', ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r'],
    ['CRLF', ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n'],
    ['mixed', ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n'],
  ])('line endings are one: %s', (_, text) => expect(lineHashes(text)).toEqual(endsWithNewline));

  it('identical lines are told apart by the occurrence counter', () => {
    expect(lineHashes('Lorem ipsum dolor sit amet.\n'.repeat(10))).toEqual([
      'a7f2ff13bc495cf2:1', 'a7f2ff13bc495cf2:2', 'a7f2ff13bc495cf2:3', 'a7f2ff13bc495cf2:4', 'a7f2ff13bc495cf2:5', 'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1', 'a9cf91f7bbf1862b:1', '55ec222b86bcae53:1', 'cc97dc7b1d7d8f7b:1', 'c129715d7a2bc9a3:1',
    ]);
  });

  it('short code lines', () => {
    expect(lineHashes('x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n')).toEqual([
      'e54938cc54b302f1:1', 'bb609acbe9138d60:1', '1131fd5871777f34:1', '5c482a0f8b35ea28:1', '54517377da7028d2:1', '2c644846cb18d53e:1', 'f1b89f20de0d133:1', 'c129715d7a2bc9a3:1',
    ]);
  });
});

describe('lineHashes properties', () => {
  it('one hash per line (split on CRLF, CR or LF), each hex:n', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', 'é', '😀') }), (text) => {
        const hashes = lineHashes(text);
        expect(hashes).toHaveLength(text.split(/\r\n|\r|\n/).length);
        for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{1,16}:[1-9]\d*$/);
      }),
    );
  });
  it('indentation and trailing blanks do not change a hash', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '=', '1') }), { minLength: 1 }), fc.nat(3), (lines, pad) => {
        const plain = lineHashes(lines.join('\n'));
        const padded = lineHashes(lines.map((l) => `${' '.repeat(pad)}${l}\t`).join('\n'));
        expect(padded).toEqual(plain);
      }),
    );
  });
});

describe('textAsUploaded', () => {
  it('keeps the BOM of a UTF-8 file, as the action reads it', () => {
    expect(textAsUploaded({ text: 'a\n', bom: true, encoding: 'utf-8' })).toBe('\uFEFFa\n');
    expect(textAsUploaded({ text: 'a\n', bom: false, encoding: 'utf-8' })).toBe('a\n');
    expect(textAsUploaded({ text: 'a\n', bom: true, encoding: 'utf-16-le' })).toBe('a\n');
  });
});
