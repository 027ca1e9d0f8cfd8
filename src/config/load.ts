/**
 * Finding, reading and validating the config file; every failure is a UsageError (exit 2). The
 * YAML parser and the zod schemas load only when there is a file to read: most runs have none.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { rulesFile } from '../paths.js';
import type { Config, Preset } from './schema.js';

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

export async function loadConfig(root: string, explicit?: string): Promise<{ config: Config; file: string | null }> {
  const file = explicit ?? CONFIG_NAMES.map((n) => path.join(root, n)).find((p) => existsSync(p));
  if (!file) return { config: defaultConfig(), file: null };
  if (explicit && !existsSync(explicit)) throw new UsageError(`config file not found: ${explicit}`);
  const { configSchema } = await import('./schema.js');
  const { readYaml } = await import('./read-yaml.js');
  const parsed = configSchema.safeParse(readYaml(file, 'config file'));
  if (!parsed.success) throw new UsageError(`invalid config ${file}: ${describeIssues(parsed.error, configSchema).join('; ')}`);
  return { config: parsed.data, file };
}

/** The config of a run without a config file: what the schema makes of `{}` (a test holds them equal). */
export function defaultConfig(): Config {
  return { extends: 'recommended', rules: {}, ignore: { packages: [], services: [], versions: [] }, allowDrift: [] };
}

const presets = new Map<string, Preset>();

/**
 * A preset shipped in rules/: JSON, so no YAML parser on every run, and not validated here, since
 * it is part of the package (tests validate both presets with the schema). Read once per run
 * (resolving rules and rendering SARIF both ask), so frozen.
 */
export function loadPreset(name: 'recommended' | 'strict'): Preset {
  let preset = presets.get(name);
  if (preset === undefined) {
    preset = JSON.parse(readFileSync(rulesFile(`${name}.json`), 'utf8')) as Preset;
    Object.freeze(preset.rules);
    presets.set(name, Object.freeze(preset));
  }
  return preset;
}
