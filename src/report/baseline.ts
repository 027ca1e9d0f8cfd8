/**
 * Reading `check --baseline FILE`: the fingerprints of the findings a team has accepted. Its own
 * module so that zod loads only for a run with a baseline. (`--update-baseline` writes the file in
 * commands/check.ts.)
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from '../errors.js';

const baselineSchema = z.strictObject({
  schemaVersion: z.literal(1),
  findings: z.array(z.strictObject({ rule: z.string(), package: z.string().nullable(), fingerprint: z.string(), message: z.string() })),
});

/** The fingerprints a baseline file accepts; a missing or malformed file is a UsageError. */
export function readBaseline(file: string): Set<string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`baseline file not found: ${file} (create it with --update-baseline)`);
    throw new UsageError(`baseline ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`baseline ${file} is invalid: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return new Set(parsed.data.findings.map((f) => f.fingerprint));
}
