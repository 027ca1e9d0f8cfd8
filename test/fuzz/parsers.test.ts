/**
 * Every parser, fuzzed with a fixed seed: the same targets and properties as `npm run fuzz`
 * (scripts/fuzz.mjs, 100,000 cases each), at a size that fits in `npm test`.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { TARGETS } from './targets.js';

const SEED = 8_2024;
const RUNS = 500;

describe('parsers hold their invariants on fuzzed input', () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))('%s', (_name, t) => {
    fc.assert(t.property(), { seed: SEED, numRuns: RUNS });
  });
});
