/** The vendored corpus (test/corpus): files to parse plus a listing of each tree's shape. */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { PathProbe } from '../../src/formats/requirements/classify.js';
import type { ParsedManifest } from '../../src/model/manifest.js';
import { parseRequirementsBytes } from '../../src/formats/requirements/parse.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const corpusDir = path.join(repoRoot, 'test/corpus');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const hasShared = existsSync(path.join(sharedDir, 'oracle/pip_oracle.py'));

/** A probe answering pip's "is this a directory / file" from the tree listing. */
export function listingProbe(tree: string): PathProbe {
  const lines = readFileSync(path.join(corpusDir, `${tree}.tree.txt`), 'utf8').split('\n').filter(Boolean);
  const dirs = new Set(['.', ...lines.filter((l) => l.endsWith('/')).map((l) => l.slice(0, -1))]);
  const files = new Set(lines.filter((l) => !l.endsWith('/')));
  return { isDirectory: (p) => dirs.has(p), isFile: (p) => files.has(p) };
}

/** Parse a root file and everything it includes, as the scanner would. */
export function parseTree(tree: string, root: string, probe: PathProbe, env?: ReadonlyMap<string, string>): Map<string, ParsedManifest> {
  const byPath = new Map<string, ParsedManifest>();
  const queue = [root];
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (byPath.has(p)) continue;
    const file = path.join(corpusDir, tree, p);
    if (p.startsWith('..') || !existsSync(file)) continue;
    const m = parseRequirementsBytes(readFileSync(file), { path: p, probe, ...(env ? { env } : {}) });
    byPath.set(p, m);
    for (const inc of m.includes) if (inc.target !== null) queue.push(inc.target);
  }
  return byPath;
}
