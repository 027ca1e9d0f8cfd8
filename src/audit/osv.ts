/**
 * OSV records (https://ossf.github.io/osv-schema/) as depaudit reads them: the fields matching
 * needs, parsed once with zod. OSV allows fields it may add later, so objects are not strict;
 * a record whose needed fields have the wrong shape is rejected with a message naming the field.
 * YAML is read with numbers left as text: `fixed: 1.10` stays "1.10", never the float 1.1.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { err, ok, type Result } from '../result.js';

const text = z.string();
const optionalList = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? []);

const eventSchema = z
  .object({
    introduced: text.optional(),
    fixed: text.optional(),
    last_affected: text.optional(),
    limit: text.optional(),
  })
  .refine((e) => [e.introduced, e.fixed, e.last_affected, e.limit].filter((x) => x !== undefined).length === 1, {
    message: 'an event holds exactly one of introduced, fixed, last_affected, limit',
  });

const rangeSchema = z.object({
  type: z.enum(['ECOSYSTEM', 'SEMVER', 'GIT']),
  events: z.array(eventSchema),
});

const affectedSchema = z.object({
  package: z.object({ ecosystem: text, name: text, purl: text.nullish() }).nullish(),
  ranges: optionalList(rangeSchema),
  versions: optionalList(text),
});

export const osvSchema = z.object({
  id: z.string().min(1),
  modified: text.nullish(),
  withdrawn: text.nullish(),
  aliases: optionalList(text),
  summary: text.nullish(),
  details: text.nullish(),
  affected: optionalList(affectedSchema),
});

export type OsvRecord = z.output<typeof osvSchema>;
export type OsvAffected = OsvRecord['affected'][number];
export type OsvRange = OsvAffected['ranges'][number];
export type OsvEvent = OsvRange['events'][number];

const YAML_OPTIONS = {
  schema: 'core' as const,
  customTags: (tags: unknown[]) => tags.filter((t) => !/:(int|float)$/.test((t as { tag: string }).tag)),
  maxAliasCount: 100,
};

/** One file's text → the records it holds (a JSON array or a single record), or why not. */
export function parseOsvText(source: string, kind: 'json' | 'yaml'): Result<OsvRecord[], string> {
  let raw: unknown;
  try {
    raw = kind === 'json' ? JSON.parse(source) : parseYaml(source, YAML_OPTIONS as never);
  } catch (e) {
    return err(`not valid ${kind.toUpperCase()}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  const list = Array.isArray(raw) ? raw : [raw];
  const records: OsvRecord[] = [];
  for (const [i, item] of list.entries()) {
    const parsed = osvSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = [...(list.length > 1 ? [i] : []), ...issue.path].join('.') || '(top level)';
      return err(`not an OSV record: ${where}: ${issue.message}`);
    }
    records.push(parsed.data);
  }
  return ok(records);
}
