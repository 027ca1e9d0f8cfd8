/**
 * The JSON contract: golden reports validate against the JSON Schema `depaudit schema` prints.
 * No JSON Schema library is a dependency, so the schema is turned back into a validator with
 * zod's own z.fromJSONSchema (not independent of zod: it catches a schema that does not say
 * what reportSchema says), and, when python3 has the `jsonschema` package, checked again by
 * an independent Draft 2020-12 validator.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reportJsonSchema, reportSchema } from '../../src/report/schema.js';
import { FIXTURES, goldenDir } from './golden-helpers.js';

const schema = reportJsonSchema() as { $schema: string; type: string; properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
const golden = (fixture: string) => JSON.parse(readFileSync(path.join(goldenDir, `${fixture}.report.json`), 'utf8')) as Record<string, unknown>;
const TOP = ['schemaVersion', 'tool', 'root', 'services', 'manifests', 'runtimes', 'summary', 'packages', 'findings'];

describe('depaudit schema', () => {
  it('is JSON Schema 2020-12 with the contract’s top-level properties, all required, nothing else allowed', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(TOP);
    expect(schema.required).toEqual(TOP);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(reportSchema.shape)).toEqual(TOP);
  });

  const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);

  it.each(FIXTURES)('the %s golden validates against it', (fixture) => {
    const r = validator.safeParse(golden(fixture));
    expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true);
    expect(reportSchema.parse(golden(fixture))).toEqual(golden(fixture));
  });

  it.each([
    ['an extra top-level key', (r: any) => void (r.extra = 1)],
    ['a missing summary', (r: any) => void delete r.summary],
    ['an unknown rule id', (r: any) => void (r.findings[0].rule = 'no-such-rule')],
    ['an unknown severity', (r: any) => void (r.findings[0].severity = 'fatal')],
    ['an extra finding key', (r: any) => void (r.findings[0].column = 1)],
    ['schemaVersion 1 (the previous contract)', (r: any) => void (r.schemaVersion = 1)],
    ['a non-integer line', (r: any) => void (r.findings[0].locations[0].line = 1.5)],
  ])('rejects %s (both validators)', (_, mutate) => {
    const r = golden('seed-platform');
    mutate(r);
    expect(validator.safeParse(r).success).toBe(false);
    expect(reportSchema.safeParse(r).success).toBe(false);
  });

  const python = spawnSync('python3', ['-c', 'import jsonschema']);
  it.skipIf(python.status !== 0)('python jsonschema (Draft 2020-12) accepts both goldens and rejects a broken one', () => {
    const script = [
      'import json, sys, jsonschema',
      'data = json.load(sys.stdin)',
      'v = jsonschema.Draft202012Validator(data["schema"])',
      'jsonschema.Draft202012Validator.check_schema(data["schema"])',
      'print(json.dumps([not list(v.iter_errors(d)) for d in data["docs"]]))',
    ].join('\n');
    const broken = golden('seed-platform');
    (broken.findings as Array<Record<string, unknown>>)[0]!.severity = 'fatal';
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ schema, docs: [...FIXTURES.map(golden), broken] }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([...FIXTURES.map(() => true), false]);
  });
});
