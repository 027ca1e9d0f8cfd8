#!/usr/bin/env node
// npm run bench [-- --sizes 100,1000,5000 --runs 5 --deps 40]
// Generates synthetic platforms deterministically, then times, interleaved in one run, the
// read-only floor (find + read every manifest), `depaudit report --format json`, `depaudit check`
// and `depaudit --version`: median, min and max wall time, peak RSS (GNU time), and each
// ratio to the floor measured in the same run. Writes .bench/results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './bench/gen-python-monorepo.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const sizes = (args.sizes ?? '100,1000,5000').split(',').map(Number);
const runs = Number(args.runs ?? 5);
const deps = Number(args.deps ?? 40);
const cli = path.join(repo, 'dist/cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One timed run: wall seconds and peak RSS (KiB) of the child. */
function measure(argv) {
  const start = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, argv, { stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = timeBin ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, rss };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};

const results = { machine: { cpus: cpus().length, node: process.version }, deps, runs, python: [] };
for (const n of sizes) {
  const dir = path.join(tmpdir(), `depaudit-bench-py-${n}x${deps}`);
  generate({ dir, services: n, deps, seed: 1 });
  const cases = {
    floor: [path.join(repo, 'scripts/bench/floor.mjs'), dir],
    'report --format json': [cli, 'report', dir, '--format', 'json'],
    check: [cli, 'check', dir],
    '--version': [cli, '--version'],
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  measure(cases.floor); // warm the page cache before anything is timed
  for (let i = 0; i < runs; i++) for (const [k, argv] of Object.entries(cases)) samples[k].push(measure(argv));
  const floor = stats(samples.floor.map((s) => s.wall)).median;
  const row = { services: n, deps, cases: {} };
  for (const [k, xs] of Object.entries(samples)) {
    const wall = stats(xs.map((s) => s.wall));
    row.cases[k] = { ...wall, peakRssMiB: Math.round(Math.max(...xs.map((s) => s.rss)) / 1024), ratioToFloor: Number((wall.median / floor).toFixed(2)) };
  }
  results.python.push(row);
  console.log(`\nPython: ${n} services x ${deps} requirements (${runs} interleaved runs)`);
  console.log('case                    median s   min s    max s  peak RSS MiB  x floor');
  for (const [k, c] of Object.entries(row.cases)) {
    console.log(`${k.padEnd(22)} ${c.median.toFixed(3).padStart(8)} ${c.min.toFixed(3).padStart(7)} ${c.max.toFixed(3).padStart(8)} ${String(c.peakRssMiB).padStart(12)} ${c.ratioToFloor.toFixed(2).padStart(8)}`);
  }
}
const py = results.python;
if (py.length >= 2) {
  const a = py.find((r) => r.services === 1000);
  const b = py.find((r) => r.services === 5000);
  if (a && b) {
    results.growth5000vs1000 = Number((b.cases['report --format json'].median / a.cases['report --format json'].median).toFixed(2));
    console.log(`\nreport time 5,000 vs 1,000 services: ${results.growth5000vs1000}x (linear = 5x)`);
  }
}
console.log('\nnpm workspaces: not measured yet (depaudit reads package.json from issue 5 on).');
mkdirSync(path.join(repo, '.bench'), { recursive: true });
writeFileSync(path.join(repo, '.bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote .bench/results.json');
