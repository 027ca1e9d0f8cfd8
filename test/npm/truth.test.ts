/**
 * Fidelity against ground truth: on monorepos made by ../shared/bench/gen-npm-monorepo.mjs, the
 * packages flagged version-conflict, range-mismatch or unsatisfiable are exactly the injected
 * drifts, none missed and none extra, at several sizes and seeds, with canonical and broad peer
 * ranges. One generated monorepo is committed under test/goldens/npm so this runs without ../shared.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeMonorepo, flaggedPackages, generate, HAVE_GENERATOR, injectedPackages, REPO, type DriftTruth } from './helpers.js';

const GOLDEN = join(REPO, 'test/goldens/npm/gen-20-seed6-broad');
const FINDINGS_GOLDEN = join(REPO, 'test/goldens/npm/gen-20-seed6-broad.findings.json');

describe('committed generated monorepo (20 packages, seed 6, broad peer ranges)', () => {
  const truth = JSON.parse(readFileSync(join(GOLDEN, 'drift-truth.json'), 'utf8')) as DriftTruth;
  const analysis = analyzeMonorepo(GOLDEN);

  it('reads every workspace package, without diagnostics', () => {
    expect(analysis.members).toHaveLength(truth.args.packages);
    expect(analysis.manifests.flatMap((m) => m.diagnostics)).toEqual([]);
  });

  it('flags exactly the injected drifts', () => {
    expect(flaggedPackages(analysis)).toEqual(injectedPackages(truth));
    expect(injectedPackages(truth)).toEqual(truth.expected.prodDev.mismatched);
  });

  it('findings match the golden (UPDATE_GOLDENS=1 rewrites it)', () => {
    const text = `${JSON.stringify(analysis.findings, null, 2)}\n`;
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(FINDINGS_GOLDEN, text);
    expect(existsSync(FINDINGS_GOLDEN), `missing ${FINDINGS_GOLDEN}: run with UPDATE_GOLDENS=1`).toBe(true);
    expect(text).toBe(readFileSync(FINDINGS_GOLDEN, 'utf8'));
  });
});

const SIZES = [20, 100, 500];
const SEEDS = [1, 2, 3];
const MODES = ['canonical', 'broad'] as const;
const RUNS = SIZES.flatMap((packages) => SEEDS.flatMap((seed) => MODES.map((peerRanges) => ({ packages, seed, peerRanges }))));

describe.skipIf(!HAVE_GENERATOR)(`generated monorepos${HAVE_GENERATOR ? '' : ' (skipped: ../shared/bench/gen-npm-monorepo.mjs not found)'}`, () => {
  it.each(RUNS)('$packages packages, seed $seed, $peerRanges peer ranges: flagged = injected', (args) => {
    const g = generate(args);
    try {
      const analysis = analyzeMonorepo(g.dir);
      expect(analysis.members).toHaveLength(args.packages);
      const flagged = flaggedPackages(analysis);
      const injected = injectedPackages(g.truth);
      expect({ missed: injected.filter((p) => !flagged.includes(p)), extra: flagged.filter((p) => !injected.includes(p)) }).toEqual({ missed: [], extra: [] });
      expect(injected.length).toBeGreaterThan(0);
    } finally {
      g.cleanup();
    }
  });
});
