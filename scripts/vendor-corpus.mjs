#!/usr/bin/env node
// Copies the requirements-file inputs of the differential goldens from ../shared into
// test/corpus/, with a listing of every path in each source tree (pip's local-path checks ask
// whether a directory or a pyproject.toml exists, so the tests need the tree's shape, not its files).
//   node scripts/vendor-corpus.mjs [../shared]
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync, lstatSync } from 'node:fs';
import path from 'node:path';

const shared = path.resolve(process.argv[2] ?? '../shared');
const out = path.resolve('test/corpus');
const sources = [
  ['oracle-samples', path.join(shared, 'oracle/samples')],
  ...readdirSync(path.join(shared, 'corpus'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => [d.name, path.join(shared, 'corpus', d.name)]),
];

function walk(dir, rel = '') {
  const entries = [];
  for (const d of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) entries.push(`${p}/`, ...walk(dir, p));
    else entries.push(p);
  }
  return entries;
}

rmSync(out, { recursive: true, force: true });
for (const [name, src] of sources) {
  const listing = walk(src).filter((p) => !p.startsWith('expected'));
  mkdirSync(path.join(out, name), { recursive: true });
  let copied = 0;
  for (const p of listing) {
    if (p.endsWith('/') || !/\.(txt|in)$/i.test(p)) continue;
    if (!lstatSync(path.join(src, p)).isFile()) continue;
    mkdirSync(path.dirname(path.join(out, name, p)), { recursive: true });
    cpSync(path.join(src, p), path.join(out, name, p));
    copied++;
  }
  writeFileSync(path.join(out, `${name}.tree.txt`), `${listing.join('\n')}\n`);
  console.log(`${name}: ${copied} files copied, ${listing.length} paths listed`);
}
