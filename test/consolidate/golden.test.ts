/**
 * `depaudit consolidate` on fixtures/seed-platform: the text plan with its unified diffs and the
 * JSON plan match committed goldens byte for byte (UPDATE_GOLDENS=1 regenerates them); the dry run
 * writes nothing; --write gives a tree that passes `check` and reads like
 * fixtures/seed-platform-consolidated; a second --write changes no byte and no mtime.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/commands/check.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/load.js';
import { cleanupTemps, consolidate, copyTree, effectiveRequirements, fixturesDir, litter, load, repoRoot, snapshotTree } from './helpers.js';

const GOLDENS = path.join(repoRoot, 'test/goldens/consolidate');
const BASE = 'tools/services/shared/requirements.txt';
const SERVICES = ['ai-behavioral-nudge-engine', 'market-data-ingestion', 'risk-calculation-engine'];
const manifestOf = (service: string) => `tools/services/${service}/requirements.txt`;

afterAll(cleanupTemps);

function golden(name: string, actual: string): void {
  const file = path.join(GOLDENS, name);
  if (process.env.UPDATE_GOLDENS === '1') {
    mkdirSync(GOLDENS, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDENS=1`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

interface PlanJson {
  base: string;
  services: Array<{ name: string; manifest: string; changes: Array<{ package: string; kind: string; from: string | null; to: string; direction?: string }> }>;
  base_packages: string[];
  kept: Array<{ package: string; reason: string }>;
}

describe('consolidate fixtures/seed-platform (dry run)', () => {
  it('prints the text plan and unified diffs of the golden, and writes nothing', async () => {
    const root = copyTree('seed-platform');
    const before = snapshotTree(root);
    const r = await consolidate(root, { base: BASE });
    expect(r.code).toBe(0);
    golden('seed-platform.plan.txt', r.stdout);
    expect(r.stderr).toBe('depaudit: dry run; 4 file(s) would change (pass --write to apply)\n');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('prints the JSON plan of the golden, with the contract names', async () => {
    const root = copyTree('seed-platform');
    const before = snapshotTree(root);
    const r = await consolidate(root, { base: BASE, format: 'json' });
    expect(r.code).toBe(0);
    golden('seed-platform.plan.json', r.stdout);
    expect(snapshotTree(root)).toEqual(before);

    const plan = JSON.parse(r.stdout) as PlanJson;
    expect(plan.base).toBe(BASE);
    expect(Array.isArray(plan.base_packages)).toBe(true);
    expect(plan.services.map((s) => s.name)).toEqual(SERVICES);
    for (const s of plan.services) {
      expect(Object.keys(s).sort()).toEqual(['changes', 'manifest', 'name']);
      expect(s.manifest).toBe(manifestOf(s.name));
      for (const c of s.changes) {
        expect(Object.keys(c)).toEqual(expect.arrayContaining(['package', 'kind', 'from', 'to']));
        expect(['moved', 'version', 'added']).toContain(c.kind);
      }
    }
    for (const k of plan.kept) expect(Object.keys(k).sort()).toEqual(['package', 'reason']);

    const mdi = plan.services.find((s) => s.name === 'market-data-ingestion')!;
    expect(mdi.changes.find((c) => c.package === 'fastapi')).toEqual({ package: 'fastapi', kind: 'version', from: '==0.104.1', to: '==0.116.0', direction: 'up' });
    // Every service's change list covers each base package it declared, and nothing is silent.
    for (const s of plan.services) for (const c of s.changes) expect(plan.base_packages).toContain(c.package);
  });
});

describe('consolidate fixtures/seed-platform --write', () => {
  it('writes a tree that passes check, reads like seed-platform-consolidated, and is a fixed point', async () => {
    const root = copyTree('seed-platform');
    const planned = JSON.parse((await consolidate(root, { base: BASE, format: 'json' })).stdout) as PlanJson;
    const old = await load(root);

    const w = await consolidate(root, { base: BASE, write: true });
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('depaudit: wrote 4 file(s)');
    expect(litter(root)).toEqual([]);

    // depaudit check exits 0 on the result.
    let checkOut = '';
    const sink = { stdout: (s: string) => void (checkOut += s), stderr: (s: string) => void (checkOut += s) };
    expect(await runCheck(root, { format: 'table', maxFileSize: DEFAULT_MAX_FILE_SIZE }, sink, { color: false }), checkOut).toBe(0);

    // The result reads like the hand-made consolidation: per service, the same packages at the
    // same versions, base included.
    const after = await load(root);
    const reference = await load(path.join(fixturesDir, 'seed-platform-consolidated'));
    for (const service of SERVICES) {
      expect(effectiveRequirements(after, manifestOf(service)), service).toEqual(effectiveRequirements(reference, manifestOf(service)));
    }
    expect(effectiveRequirements(after, BASE)).toEqual(effectiveRequirements(reference, BASE));

    // ... and is what the plan said: the old requirements, each moved one replaced by the base
    // line, plus what the plan lists as added.
    const baseReqs = effectiveRequirements(after, BASE);
    const nameOf = (key: string) => key.match(/^[^[=<>!~; ]+/)![0];
    expect(baseReqs.map(nameOf).sort()).toEqual([...planned.base_packages].sort());
    for (const s of planned.services) {
      const listed = new Set(s.changes.map((c) => c.package));
      const kept = effectiveRequirements(old, s.manifest).filter((k) => !listed.has(nameOf(k)));
      expect(effectiveRequirements(after, s.manifest), s.name).toEqual([...kept, ...baseReqs].sort());
    }

    // Comments survive: every comment line of every old service file is still in it.
    for (const service of SERVICES) {
      const oldText = old.manifests.find((m) => m.path === manifestOf(service))!.text;
      const newText = readFileSync(path.join(root, manifestOf(service)), 'utf8');
      const lines = new Set(newText.split('\n'));
      for (const l of oldText.split('\n')) if (l.startsWith('#')) expect(lines.has(l), `${service}: ${l}`).toBe(true);
    }
    // A moved line's own comment goes to the base (numpy's from the chosen line, pydantic's as a note).
    const baseText = readFileSync(path.join(root, BASE), 'utf8');
    expect(baseText).toContain('numpy==1.26.2  # tensorflow 2.15 needs numpy<2\n');
    expect(baseText).toContain('still on v1: the vendor adapters use v1 validators');

    // A second run finds nothing to do and touches nothing (bytes and mtimes).
    const snap = snapshotTree(root);
    const again = await consolidate(root, { base: BASE, write: true });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('depaudit: nothing to do\n');
    expect(snapshotTree(root)).toEqual(snap);
    // The default base is now the one the services share: same answer without --base.
    const byDefault = await consolidate(root, { write: true });
    expect(byDefault.stderr).toBe('depaudit: nothing to do\n');
    expect(byDefault.stdout.split('\n')[0]).toContain(`base ${BASE}`);
    expect(snapshotTree(root)).toEqual(snap);
  });
});
