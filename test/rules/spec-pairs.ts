/**
 * The specifier-pair table shared by the three drift rules: two services declare `pkg` with
 * sets `a` and `b`, and exactly one rule (or none) must report it. packaging's verdict for each
 * pair comes from test/rules/goldens/spec-pairs.golden.json (scripts/oracle/gen-rule-goldens.py).
 */
import { readFileSync } from 'node:fs';
import type { RuleId } from '../../src/analysis/finding.js';
import type { InvalidCase, ValidCase } from './rule-tester.js';

export interface PairCase {
  a: string;
  b: string;
  rule: 'none' | 'version-conflict' | 'unsatisfiable' | 'range-mismatch';
  drift?: string;
  why: string;
}

export interface PairGolden {
  a: string;
  b: string;
  /** str(SpecifierSet(...)) */
  a_str: string;
  b_str: string;
  /** SpecifierSet(a) == SpecifierSet(b) */
  equal: boolean;
  prereleases: boolean;
  satisfiable: boolean;
  witness: string | null;
}

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./goldens/${name}`, import.meta.url), 'utf8')) as T;

export const PAIRS: PairCase[] = load<{ cases: PairCase[] }>('spec-pairs.cases.json').cases;
const GOLDEN = load<{ cases: PairGolden[] }>('spec-pairs.golden.json').cases;

export function goldenOf(c: PairCase): PairGolden {
  const g = GOLDEN.find((x) => x.a === c.a && x.b === c.b);
  if (!g) throw new Error(`no packaging verdict for ${c.a} / ${c.b}: run python3 scripts/oracle/gen-rule-goldens.py`);
  return g;
}

export const pairFiles = (c: { a: string; b: string }) => ({
  'svc-a/requirements.txt': `pkg${c.a}\n`,
  'svc-b/requirements.txt': `pkg${c.b}\n`,
});

const title = (c: PairCase) => `${c.a} vs ${c.b}: ${c.why}`;

/** Cases the rule must ignore (valid) and the ones it must report (invalid, data built by `data`). */
export function pairTables(rule: RuleId, data: (c: PairCase, g: PairGolden) => Record<string, unknown>): { valid: ValidCase[]; invalid: InvalidCase[] } {
  return {
    valid: PAIRS.filter((c) => c.rule !== rule).map((c) => ({ name: title(c), files: pairFiles(c) })),
    invalid: PAIRS.filter((c) => c.rule === rule).map((c) => ({
      name: title(c),
      files: pairFiles(c),
      findings: [{ package: 'pkg', data: data(c, goldenOf(c)), locations: ['svc-a/requirements.txt:1', 'svc-b/requirements.txt:1'] }],
    })),
  };
}
