#!/usr/bin/env node
// The floor: the least any tool must do — find every manifest and read its bytes.
import { readFile } from 'node:fs/promises';
import fg from 'fast-glob';

// `floor.mjs ROOT` reads Python manifests; `floor.mjs ROOT --npm` reads every package.json.
const root = process.argv[2] ?? '.';
const patterns = process.argv.includes('--npm')
  ? ['**/package.json', '**/pnpm-workspace.yaml']
  : ['**/*requirements*.txt', '**/*requirements*.in', '**/constraints*.txt', '**/requirements/*.{txt,in}'];
const files = await fg(patterns, { cwd: root, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] });
let bytes = 0;
for (let i = 0; i < files.length; i += 64) {
  const chunk = await Promise.all(files.slice(i, i + 64).map((f) => readFile(f)));
  for (const b of chunk) bytes += b.length;
}
process.stdout.write(`${files.length} files, ${bytes} bytes\n`);
