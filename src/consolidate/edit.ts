/**
 * Exact edits on a parsed manifest: drop the blocks of moved declarations (with their
 * continuation, `--hash` and trailing comment lines) and insert one include line after the
 * leading comments and options. Every other character, line ending included, is kept.
 */
import type { Declaration } from '../model/declaration.js';
import type { ParsedManifest } from '../model/manifest.js';

/**
 * Index of the block after which the include goes: after the header (leading comments and global
 * options), but before a section comment that sits directly on top of the first requirement.
 * -1 means the start of the file.
 */
function insertionIndex(manifest: ParsedManifest): number {
  const blocks = manifest.blocks;
  let end = 0;
  while (end < blocks.length && !['declaration', 'invalid'].includes(blocks[end]!.kind)) end++;
  const header = blocks.slice(0, end);
  const lastOf = (kinds: string[], before = header.length) => {
    for (let i = before - 1; i >= 0; i--) if (kinds.includes(header[i]!.kind)) return i;
    return -1;
  };
  const lastOption = lastOf(['option', 'include']);
  const lastBlank = lastOf(['blank']);
  if (lastOption > lastBlank) return lastOption;
  if (lastBlank >= 0) return lastOf(['comment', 'option', 'include'], lastBlank);
  return end === blocks.length ? lastOf(['comment', 'option', 'include']) : -1;
}

export function rewriteManifest(manifest: ParsedManifest, removals: Declaration[], include: string | null): string {
  const removed = new Set(removals.map((d) => d.span.start));
  const at = include === null ? -2 : insertionIndex(manifest);
  const nl = manifest.newline;
  let out = include !== null && at === -1 ? include + nl : '';
  const blocks = manifest.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const isRemoved = b.kind === 'declaration' && removed.has(b.start);
    if (!isRemoved) out += manifest.text.slice(b.start, b.end);
    if (i === at) {
      // The header may end without a line break (a file of comments only): the include then
      // becomes the last line, and the file still ends without one.
      if (out.length > 0 && !/[\r\n\f\v\x1c-\x1e\x85\u2028\u2029]$/.test(out)) out += nl + include;
      else out += include + nl;
    }
  }
  // Keep the file's final-newline state when its last line was removed.
  const last = blocks[blocks.length - 1];
  // Whatever that line break is (a CRLF must not leave a lone CR behind).
  if (last && !manifest.finalNewline && removed.has(last.start)) out = out.replace(/(\r\n|[\r\n\f\v\x1c-\x1e\x85\u2028\u2029])$/, '');
  return out;
}
