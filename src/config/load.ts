/** Finding, reading and validating the config file; every failure is a UsageError (exit 2). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { configSchema, presetSchema, type Config } from './schema.js';

export const CONFIG_NAMES = ['depaudit.config.yaml', 'depaudit.config.yml', 'depaudit.config.json'];

function describeIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? i.path.join('.') : '(top level)';
      if (i.code === 'unrecognized_keys') return `${file}: ${where}: unknown key ${i.keys.map((k) => `"${k}"`).join(', ')}`;
      return `${file}: ${where}: ${i.message}`;
    })
    .join('\n');
}

function readYaml(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  // Aliases are capped so a hostile config cannot expand exponentially.
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new UsageError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  return doc.toJS({ maxAliasCount: 100 }) ?? {};
}

export function loadConfig(root: string, explicit?: string): { config: Config; file: string | null } {
  const file = explicit ?? CONFIG_NAMES.map((n) => path.join(root, n)).find((p) => existsSync(p));
  if (!file) return { config: configSchema.parse({}), file: null };
  if (explicit && !existsSync(explicit)) throw new UsageError(`config file not found: ${explicit}`);
  const parsed = configSchema.safeParse(readYaml(file, 'config file'));
  if (!parsed.success) throw new UsageError(`invalid config:\n${describeIssues(file, parsed.error)}`);
  return { config: parsed.data, file };
}

const presetDir = new URL('../../rules/', import.meta.url);

export function loadPreset(name: 'recommended' | 'strict'): z.output<typeof presetSchema> {
  const file = new URL(`${name}.yaml`, presetDir);
  const parsed = presetSchema.safeParse(readYaml(fileURLToPath(file), 'preset'));
  if (!parsed.success) throw new Error(`preset ${name} is invalid: ${describeIssues(name, parsed.error)}`);
  return parsed.data;
}
