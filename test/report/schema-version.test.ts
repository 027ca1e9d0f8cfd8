/**
 * The report's JSON Schema is a contract: each SCHEMA_VERSION has a committed snapshot
 * (test/goldens/report/schema/v<N>.json), and the schema `depaudit schema` prints must equal the
 * snapshot of the current version. Changing reportSchema without bumping SCHEMA_VERSION fails
 * here; after a bump, write the new snapshot with UPDATE_GOLDENS=1 (old snapshots stay as history).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema, SCHEMA_VERSION } from '../../src/report/schema.js';

const dir = path.resolve(import.meta.dirname, '../goldens/report/schema');
const snapshot = (v: number) => path.join(dir, `v${v}.json`);
const current = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;

describe('report schema versioning', () => {
  it(`the schema equals the snapshot of schemaVersion ${SCHEMA_VERSION}`, () => {
    const file = snapshot(SCHEMA_VERSION);
    if (process.env.UPDATE_GOLDENS === '1' && !existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, current);
    }
    expect(existsSync(file), `no snapshot for schemaVersion ${SCHEMA_VERSION}: run UPDATE_GOLDENS=1 npx vitest run test/report/schema-version.test.ts`).toBe(true);
    // Never rewritten by UPDATE_GOLDENS: a changed contract needs a new version, not a new snapshot.
    expect(
      current === readFileSync(file, 'utf8'),
      `the report JSON Schema changed but SCHEMA_VERSION is still ${SCHEMA_VERSION}: bump SCHEMA_VERSION in src/report/schema.ts, document the change in docs/report-schema.md, and write the new snapshot with UPDATE_GOLDENS=1`,
    ).toBe(true);
  });

  it('versions only grow, one snapshot per version, none from the future', () => {
    const versions = readdirSync(dir)
      .map((f) => /^v(\d+)\.json$/.exec(f)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('every snapshot declares its own schemaVersion', () => {
    for (let v = 1; v <= SCHEMA_VERSION; v++) {
      const s = JSON.parse(readFileSync(snapshot(v), 'utf8')) as { properties: { schemaVersion: { const: number } } };
      expect(s.properties.schemaVersion.const).toBe(v);
    }
  });
});
