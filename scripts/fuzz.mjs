#!/usr/bin/env node
// npm run fuzz [-- --runs 100000 --seed 42 --only requirements,pyproject --path "12:3:0"]
// Runs the fast-check properties of test/fuzz/targets.ts (the same ones `npm test` runs with a
// fixed seed and a few hundred cases) against every parser, 100,000 cases each by default.
// The targets are TypeScript, so they are bundled with esbuild into .fuzz-build/ first
// (dependencies stay external: this script and the bundle share one fast-check).
// Prints parser, cases, failures and seconds per target; on a failure, the seed, the replay
// path and the shrunk counterexample, and exits 1.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import fc from 'fast-check';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string' }, only: { type: 'string' }, path: { type: 'string' } },
});
const runs = Number(args.runs);
const seed = args.seed !== undefined ? Number(args.seed) : (Date.now() ^ (Math.random() * 0x100000000)) | 0;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: node scripts/fuzz.mjs [--runs N] [--seed S] [--only name,...] [--path P]');
  process.exit(2);
}

const outDir = path.join(repo, '.fuzz-build');
mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, 'targets.mjs');
await build({ entryPoints: [path.join(repo, 'test/fuzz/targets.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
const { TARGETS } = await import(pathToFileURL(outfile).href);

const only = args.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((n) => !TARGETS.some((t) => t.name === n)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown target(s): ${unknown.join(', ')}; known: ${TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
const selected = TARGETS.filter((t) => !only || only.includes(t.name));

console.log(`fuzz: ${runs} cases per parser, seed ${seed}`);
const columns = [['parser', 16], ['cases', 9], ['failures', 9], ['seconds', 8]];
const row = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(columns[i][1]) : String(c).padStart(columns[i][1]))).join('  ');
console.log(row(columns.map(([h]) => h)));
console.log(row(columns.map(([, w]) => '-'.repeat(w))));

const failures = [];
let total = 0;
for (const t of selected) {
  const start = performance.now();
  const details = fc.check(t.property(), { numRuns: runs, seed, ...(args.path ? { path: args.path } : {}) });
  const seconds = (performance.now() - start) / 1000;
  total += seconds;
  console.log(row([t.name, details.numRuns, details.failed ? 1 : 0, seconds.toFixed(1)]));
  if (details.failed) failures.push({ name: t.name, details });
}
console.log(row(columns.map(([, w]) => '-'.repeat(w))));
console.log(row(['total', '', failures.length, total.toFixed(1)]));

for (const { name, details } of failures) {
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  console.log(`\nFAILED ${name} after ${details.numRuns} cases (${details.numShrinks} shrinks)`);
  console.log(`  replay: node scripts/fuzz.mjs --only ${name} --seed ${details.seed} --path "${details.counterexamplePath}"`);
  console.log(`  counterexample: ${fc.stringify(details.counterexample)}`);
  console.log(`  ${error.split('\n').join('\n  ')}`);
}
process.exitCode = failures.length > 0 ? 1 : 0;
