#!/usr/bin/env node
// Deterministic synthetic Python platform for `npm run bench`: N services x D requirements,
// half of them including a shared base, ~10% drifted pins, extras, markers, continuations and
// --hash lines. Same arguments => byte-identical output.
//   node scripts/bench/gen-python-monorepo.mjs OUTDIR --services N --deps D [--seed S]
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function parseArgs(argv) {
  const out = { dir: argv[0], services: 100, deps: 40, seed: 1 };
  for (let i = 1; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = Number(argv[i + 1]);
  return out;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate({ dir, services, deps, seed }) {
  const rand = rng(seed);
  const pick = (n) => Math.floor(rand() * n);
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[pick(16)]).join('');
  // A pool of packages, each with a canonical version.
  const pool = Array.from({ length: Math.max(deps * 4, 200) }, (_, i) => ({
    name: `pkg-${i.toString(36).padStart(3, '0')}${i % 7 === 0 ? '_Extra' : ''}`,
    version: `${1 + pick(5)}.${pick(30)}.${pick(20)}`,
  }));
  const shared = pool.slice(0, Math.floor(deps / 2));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'shared'), { recursive: true });
  writeFileSync(join(dir, 'shared/requirements.txt'), `# shared base\n${shared.map((p) => `${p.name}==${p.version}\n`).join('')}`);
  for (let s = 0; s < services; s++) {
    const svc = `services/svc-${String(s).padStart(5, '0')}`;
    mkdirSync(join(dir, svc), { recursive: true });
    const lines = [`# ${svc}`, '--index-url https://pypi.org/simple'];
    const inherits = s % 2 === 0;
    if (inherits) lines.push('-r ../../shared/requirements.txt');
    const chosen = new Set();
    while (chosen.size < deps) chosen.add(inherits ? Math.floor(deps / 2) + pick(pool.length - Math.floor(deps / 2)) : pick(pool.length));
    for (const i of [...chosen].sort((a, b) => a - b)) {
      const p = pool[i];
      const drifted = rand() < 0.1;
      const v = drifted ? `${p.version.split('.')[0]}.${pick(30)}.${pick(20)}` : p.version;
      const r = rand();
      if (r < 0.05) lines.push(`${p.name}[security,socks]==${v}`);
      else if (r < 0.1) lines.push(`${p.name}==${v} ; python_version >= "3.9"`);
      else if (r < 0.13) lines.push(`${p.name}==${v} \\`, `    --hash=sha256:${hex()} \\`, `    --hash=sha256:${hex()}`);
      else if (r < 0.16) lines.push(`${p.name} \\`, `    >=${v},<${Number(v.split('.')[0]) + 1}`);
      else if (r < 0.2) lines.push(`${p.name}>=${v}  # floor only`);
      else lines.push(`${p.name}==${v}`);
    }
    writeFileSync(join(dir, svc, 'requirements.txt'), `${lines.join('\n')}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) generate(parseArgs(process.argv.slice(2)));
