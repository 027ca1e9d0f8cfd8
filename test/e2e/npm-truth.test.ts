/**
 * The acceptance test, end to end: the built CLI's `report --format json` on monorepos
 * made by ../shared/bench/gen-npm-monorepo.mjs flags (version-conflict, range-mismatch,
 * unsatisfiable; ecosystem npm) exactly the injected packages, none missed, none extra. The
 * committed 20-package monorepo runs without ../shared.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/report/schema.js';
import { DRIFT_RULES, generate, HAVE_GENERATOR, injectedPackages, REPO, type DriftTruth } from '../npm/helpers.js';

function flaggedByCli(dir: string): string[] {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'report', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const report = reportSchema.parse(JSON.parse(r.stdout));
  // No Python rule may speak about npm packages, and no npm package may be read as PyPI's.
  expect(report.findings.filter((f) => f.ecosystem !== 'npm' && f.rule !== 'duplicate' && f.rule !== 'runtime-drift')).toEqual([]);
  return [...new Set(report.findings.filter((f) => f.ecosystem === 'npm' && DRIFT_RULES.has(f.rule)).map((f) => f.package!))].sort();
}

describe('depaudit report on generated npm workspaces: flagged = injected', () => {
  it('the committed monorepo (20 packages, seed 6, broad peer ranges)', () => {
    const dir = path.join(REPO, 'test/goldens/npm/gen-20-seed6-broad');
    const truth = JSON.parse(readFileSync(path.join(dir, 'drift-truth.json'), 'utf8')) as DriftTruth;
    expect(injectedPackages(truth).length).toBeGreaterThan(0);
    expect(flaggedByCli(dir)).toEqual(injectedPackages(truth));
  });

  const runs = [
    { packages: 50, seed: 1, peerRanges: 'canonical' as const },
    { packages: 50, seed: 2, peerRanges: 'broad' as const },
    { packages: 300, seed: 3, peerRanges: 'broad' as const },
  ];
  it.skipIf(!HAVE_GENERATOR).each(runs)('$packages packages, seed $seed, $peerRanges peer ranges', (args) => {
    const g = generate(args);
    try {
      const injected = injectedPackages(g.truth);
      expect(injected.length).toBeGreaterThan(0);
      const flagged = flaggedByCli(g.dir);
      expect({ missed: injected.filter((p) => !flagged.includes(p)), extra: flagged.filter((p) => !injected.includes(p)) }).toEqual({ missed: [], extra: [] });
    } finally {
      g.cleanup();
    }
  }, 60_000);
});
