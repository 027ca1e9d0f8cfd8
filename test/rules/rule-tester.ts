/**
 * ESLint RuleTester for depaudit rules: `valid` cases must produce no finding of the rule,
 * `invalid` cases exactly the listed findings, in order (findings are sorted by package, rule,
 * first location). Each case is an in-memory tree scanned by the real scanner.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, RuleId } from '../../src/analysis/finding.js';
import { auditFiles, type Files } from '../helpers/inventory.js';

export interface ExpectedFinding {
  package: string | null;
  /** Default: `error` (the tester turns the rule on at error unless the case's config says otherwise). */
  severity?: 'error' | 'warning';
  /** Compared with toEqual: the whole data object. */
  data?: Record<string, unknown>;
  /** `path:line`, in order. */
  locations?: string[];
  message?: string | RegExp;
}

export interface ValidCase {
  name: string;
  files: Files;
  /** Config as written by a user; `rules[<rule under test>]` defaults to `error`. */
  config?: Record<string, unknown> & { rules?: Record<string, unknown> };
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

export async function findingsOf(rule: RuleId, c: ValidCase): Promise<Finding[]> {
  const config = { ...c.config, rules: { [rule]: 'error', ...c.config?.rules } };
  const { findings } = await auditFiles(c.files, config);
  return findings.filter((f) => f.rule === rule);
}

const show = (fs: Finding[]) => fs.map((f) => `${f.package}: ${f.message}`).join('\n');

export function ruleTester(rule: RuleId, tests: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule, () => {
    describe('valid', () => {
      it.each(tests.valid.map((c) => [c.name, c] as const))('%s', async (_, c) => {
        const found = await findingsOf(rule, c);
        expect(found, show(found)).toEqual([]);
      });
    });
    describe('invalid', () => {
      it.each(tests.invalid.map((c) => [c.name, c] as const))('%s', async (_, c) => {
        const found = await findingsOf(rule, c);
        expect(found.length, show(found)).toBe(c.findings.length);
        c.findings.forEach((want, i) => {
          const got = found[i]!;
          expect(got.rule).toBe(rule);
          expect(got.ecosystem).toBe('pypi');
          expect(got.package).toBe(want.package);
          expect(got.severity).toBe(want.severity ?? 'error');
          expect(got.fingerprint).toMatch(/^[0-9a-f]{16}$/);
          if (want.data !== undefined) expect(got.data).toEqual(want.data);
          if (want.locations !== undefined) expect(got.locations.map((l) => `${l.path}:${l.line}`)).toEqual(want.locations);
          if (typeof want.message === 'string') expect(got.message).toBe(want.message);
          else if (want.message) expect(got.message).toMatch(want.message);
        });
      });
    });
  });
}
