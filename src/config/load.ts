/** Finding, reading and validating the config file; every failure is a UsageError (exit 2). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { rulesFile } from '../paths.js';
import { configSchema, presetSchema, type Config } from './schema.js';

export const CONFIG_NAMES = ['depaudit.config.yaml', 'depaudit.config.yml', 'depaudit.config.json'];

/** Just enough of zod's schema definitions to walk the config schema along an issue's path. */
interface SchemaNode {
  def?: { type?: string; innerType?: SchemaNode; element?: SchemaNode; keyType?: { options?: string[] }; valueType?: SchemaNode };
  shape?: Record<string, SchemaNode>;
}

/** The keys the strict object (or enum-keyed record) at `path` accepts, for "unknown key" messages. */
export function allowedKeys(schema: SchemaNode, path: PropertyKey[]): string[] {
  let s: SchemaNode | undefined = schema;
  for (let i = 0; ; i++) {
    while (s?.def?.type === 'default' || s?.def?.type === 'optional') s = s.def.innerType;
    if (!s || i === path.length) break;
    const seg = String(path[i]);
    if (s.def?.type === 'object') s = s.shape?.[seg];
    else if (s.def?.type === 'array') s = s.def.element;
    else if (s.def?.type === 'record') s = s.def.valueType;
    else return [];
  }
  if (s?.def?.type === 'object') return Object.keys(s.shape ?? {});
  if (s?.def?.type === 'record') return s.def.keyType?.options ?? [];
  return [];
}

/** One `where: what` phrase per issue; unknown keys name the keys allowed there. */
export function describeIssues(error: z.ZodError, schema: unknown): string[] {
  return error.issues.map((i) => {
    const where = i.path.length ? i.path.join('.') : '(top level)';
    if (i.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema as SchemaNode, i.path);
      const keys = i.keys.map((k) => `"${k}"`).join(', ');
      return `${where}: unknown key ${keys} (allowed: ${allowed.length ? allowed.join(', ') : 'none'})`;
    }
    return `${where}: ${i.message}`;
  });
}

/** A YAML (or JSON) file as data. yaml is loaded only here: most runs have no config file to read. */
async function readYaml(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    // yaml repeats the position ("... at line 3, column 3:"); the prefix already gives it.
    const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new UsageError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${what}`);
  }
  // Aliases are capped so a hostile config cannot expand exponentially.
  try {
    return doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new UsageError(`${file}: invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function loadConfig(root: string, explicit?: string): Promise<{ config: Config; file: string | null }> {
  const file = explicit ?? CONFIG_NAMES.map((n) => path.join(root, n)).find((p) => existsSync(p));
  if (!file) return { config: configSchema.parse({}), file: null };
  if (explicit && !existsSync(explicit)) throw new UsageError(`config file not found: ${explicit}`);
  const parsed = configSchema.safeParse(await readYaml(file, 'config file'));
  if (!parsed.success) throw new UsageError(`invalid config ${file}: ${describeIssues(parsed.error, configSchema).join('; ')}`);
  return { config: parsed.data, file };
}

/** A preset shipped in rules/ (JSON: read without the YAML parser on every run). */
export function loadPreset(name: 'recommended' | 'strict'): z.output<typeof presetSchema> {
  const parsed = presetSchema.safeParse(JSON.parse(readFileSync(rulesFile(`${name}.json`), 'utf8')));
  if (!parsed.success) throw new Error(`preset ${name} is invalid: ${describeIssues(parsed.error, presetSchema).join('; ')}`);
  return parsed.data;
}
