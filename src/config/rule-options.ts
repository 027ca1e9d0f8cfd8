/**
 * The options each rule takes, as a config writes them (`rule: [severity, { options }]`), validated
 * with zod. Loaded only when a config or preset gives some rule options: otherwise every rule runs
 * with its `defaults` and zod is never loaded (a test holds `parse({})` equal to each rule's defaults).
 */
import { z } from 'zod';
import type { RuleId } from '../analysis/finding.js';

const NONE = z.strictObject({});

/** `vulnerable` and `vulnerable-range`: the advisory index itself is attached by the run, never configured. */
const advisoryRule = z.strictObject({
  /** Advisory ids or aliases (PYSEC-…, GHSA-…, CVE-…) accepted everywhere. */
  ignore: z.array(z.string().min(1)).default([]),
});

export type RuleOptionSchemas = Record<RuleId, z.ZodType>;

export const RULE_OPTIONS: RuleOptionSchemas = {
  'base-override': NONE,
  duplicate: z.strictObject({
    /** Report only packages declared directly in at least this many services. */
    minServices: z.number().int().min(2).default(2),
  }),
  'insecure-source': z.strictObject({
    /** Report --extra-index-url (dependency confusion); turn off when every index is yours. */
    extraIndexUrl: z.boolean().default(true),
  }),
  'parse-error': z.strictObject({
    /** Also report warnings (ignored options, unexpanded ${VAR}s, ...). */
    includeWarnings: z.boolean().default(false),
  }),
  'range-mismatch': NONE,
  'runtime-drift': NONE,
  unpinned: NONE,
  unsatisfiable: NONE,
  'version-conflict': NONE,
  vulnerable: advisoryRule,
  'vulnerable-range': advisoryRule,
};
