#!/usr/bin/env node
// npm run bench [-- --sizes 100,1000,5000 --runs 5 --deps 40 --npm-deps 30 --only python|npm]
// Generates synthetic platforms deterministically (Python: scripts/bench/gen-python-monorepo.mjs;
// npm: ../shared/bench/gen-npm-monorepo.mjs), then times, interleaved in one run, the read-only
// floor (find + read every manifest), `depaudit report --format json`, `depaudit report` (the
// default tables: a quadratic table once went unseen) and `depaudit check`, and for npm the peers
// sherif (its native binary) and
// check-dependency-version-consistency: median, min and max wall time, peak RSS (GNU time), and
// each ratio to the floor (and for npm to sherif) measured in the same run. Start-up has its own
// table: `depaudit --version` and `depaudit check fixtures/seed-platform` against `node -e 0`
// (Node's own start-up, which an environment can slow: NODE_EXTRA_CA_CERTS is read at start).
// Writes .bench/results.json.
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
const npmDeps = Number(args['npm-deps'] ?? 30);
const only = args.only ?? 'all';
const npmGenerator = path.resolve(repo, '../shared/bench/gen-npm-monorepo.mjs');
const sherifBin = path.join(repo, 'node_modules/sherif-linux-x64/bin/sherif');
const cdvcBin = path.join(repo, 'node_modules/check-dependency-version-consistency/dist/bin/check-dependency-version-consistency.js');
const cli = path.join(repo, 'dist/cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One timed run: wall seconds and peak RSS (KiB) of the child (a Node script, or `{ bin }` for a native program). */
function measure(argv) {
  const [exe, rest] = typeof argv[0] === 'object' ? [argv[0].bin, argv.slice(1)] : [process.execPath, argv];
  const start = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%M', exe, ...rest], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(exe, rest, { stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = timeBin ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, rss };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};

const results = { machine: { cpus: cpus().length, node: process.version }, deps, npmDeps, runs, startup: null, python: [], npm: [] };

/** Time every case `runs` times, interleaved, after one warm-up of the floor; rows with ratios to the floor (and `peer`). */
function timeCases(cases, peer, times = runs) {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  measure(cases.floor); // warm the page cache before anything is timed
  for (let i = 0; i < times; i++) for (const [k, argv] of Object.entries(cases)) samples[k].push(measure(argv));
  const floor = stats(samples.floor.map((s) => s.wall)).median;
  const peerMedian = peer ? stats(samples[peer].map((s) => s.wall)).median : null;
  const rows = {};
  for (const [k, xs] of Object.entries(samples)) {
    const wall = stats(xs.map((s) => s.wall));
    rows[k] = {
      ...wall,
      peakRssMiB: Math.round(Math.max(...xs.map((s) => s.rss)) / 1024),
      ratioToFloor: Number((wall.median / floor).toFixed(2)),
      ...(peerMedian ? { ratioToPeer: Number((wall.median / peerMedian).toFixed(2)) } : {}),
    };
  }
  return rows;
}

function printRows(title, rows, peer, times = runs) {
  console.log(`\n${title} (${times} interleaved runs)`);
  console.log(`case                                   median s   min s    max s  peak RSS MiB  x floor${peer ? `  x ${peer}` : ''}`);
  for (const [k, c] of Object.entries(rows)) {
    console.log(`${k.padEnd(37)} ${c.median.toFixed(3).padStart(8)} ${c.min.toFixed(3).padStart(7)} ${c.max.toFixed(3).padStart(8)} ${String(c.peakRssMiB).padStart(12)} ${c.ratioToFloor.toFixed(2).padStart(8)}${peer ? c.ratioToPeer.toFixed(2).padStart(10) : ''}`);
  }
}

if (only !== 'npm') {
  // Start-up: the floor is Node itself; runs x 5 samples, since each takes a tenth of a second.
  const cases = {
    floor: ['-e', '0'],
    '--version': [cli, '--version'],
    'check fixtures/seed-platform': [cli, 'check', path.join(repo, 'fixtures/seed-platform')],
  };
  results.startup = timeCases(cases, undefined, runs * 5);
  printRows('Start-up (floor: node -e 0)', results.startup, undefined, runs * 5);
}
for (const n of only === 'npm' ? [] : sizes) {
  const dir = path.join(tmpdir(), `depaudit-bench-py-${n}x${deps}`);
  generate({ dir, services: n, deps, seed: 1 });
  const cases = {
    floor: [path.join(repo, 'scripts/bench/floor.mjs'), dir],
    'report --format json': [cli, 'report', dir, '--format', 'json'],
    'report (tables)': [cli, 'report', dir],
    check: [cli, 'check', dir],
  };
  const row = { services: n, deps, cases: timeCases(cases) };
  results.python.push(row);
  printRows(`Python: ${n} services x ${deps} requirements`, row.cases);
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
for (const n of only === 'python' ? [] : sizes) {
  if (!existsSync(npmGenerator)) {
    console.log(`\nnpm workspaces: skipped (${npmGenerator} not found)`);
    break;
  }
  const dir = path.join(tmpdir(), `depaudit-bench-npm-${n}x${npmDeps}`);
  if (!existsSync(path.join(dir, 'drift-truth.json'))) {
    spawnSync(process.execPath, [npmGenerator, dir, '--packages', String(n), '--deps', String(npmDeps), '--seed', '1'], { stdio: 'ignore' });
  }
  const cases = {
    floor: [path.join(repo, 'scripts/bench/floor.mjs'), dir, '--npm'],
    'depaudit report --format json': [cli, 'report', dir, '--format', 'json'],
    'depaudit report (tables)': [cli, 'report', dir],
    'depaudit check': [cli, 'check', dir],
    ...(existsSync(sherifBin) ? { sherif: [{ bin: sherifBin }, dir] } : {}),
    ...(existsSync(cdvcBin) ? { 'check-dependency-version-consistency': [cdvcBin, dir] } : {}),
  };
  const peer = cases.sherif ? 'sherif' : undefined;
  const row = { packages: n, deps: npmDeps, cases: timeCases(cases, peer) };
  results.npm.push(row);
  printRows(`npm: ${n} packages x ${npmDeps} dependencies`, row.cases, peer);
}
mkdirSync(path.join(repo, '.bench'), { recursive: true });
writeFileSync(path.join(repo, '.bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote .bench/results.json');
