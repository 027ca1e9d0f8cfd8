/** depaudit.config.yaml, validated with zod: unknown keys are errors that name the key. */
import { z } from 'zod';
import { RULE_IDS } from '../analysis/finding.js';

export const severitySchema = z.enum(['error', 'warn', 'off']);

/** `error` | `warn` | `off`, or `[severity, {options}]` as ESLint writes it. */
export const ruleEntrySchema = z.union([severitySchema, z.tuple([severitySchema, z.record(z.string(), z.unknown())])], {
  error: 'expected "error", "warn" or "off", or [severity, { options }]',
});

export const configSchema = z.strictObject({
  /** Preset the rules start from: `recommended` (default) or `strict`. */
  extends: z.enum(['recommended', 'strict']).default('recommended'),
  /** Per-rule severity and options, over the preset. */
  rules: z.partialRecord(z.enum(RULE_IDS), ruleEntrySchema).default({}),
  /** Declarations to leave out of every rule. */
  ignore: z
    .strictObject({
      /** Package names (any spelling; `*` wildcards allowed). */
      packages: z.array(z.string().min(1)).default([]),
      /** Service names (`*` wildcards allowed). */
      services: z.array(z.string().min(1)).default([]),
      /** `package@version` pins to accept, e.g. `black@23.9.1`. */
      versions: z.array(z.string().regex(/^[^@\s]+@[^@\s]+$/, 'expected package@version')).default([]),
    })
    .default({ packages: [], services: [], versions: [] }),
  /** Packages allowed to differ in some services, e.g. `{package: torch, services: [ai-engine]}`. */
  allowDrift: z.array(z.strictObject({ package: z.string().min(1), services: z.array(z.string().min(1)).min(1) })).default([]),
  /** Globs (root-relative directories) that are services; default: every directory holding a manifest. */
  services: z.array(z.string().min(1)).optional(),
  /** The shared base file (root-relative), for consolidate and for reports. */
  base: z.string().min(1).optional(),
});

export type Config = z.output<typeof configSchema>;
export type RuleEntry = z.output<typeof ruleEntrySchema>;

/** A preset of rules/ (`extends`); shipped with the package, validated by its tests. */
export const presetSchema = z.strictObject({
  description: z.string(),
  rules: z.partialRecord(z.enum(RULE_IDS), ruleEntrySchema),
});
export type Preset = z.output<typeof presetSchema>;
