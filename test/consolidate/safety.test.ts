/**
 * Safety of `consolidate --write`: a crash between two renames leaves a journal that restores the
 * old tree (and the next --write then gives the new one); a file changed between plan and write
 * stops everything; bases outside the root and writes through symlinks are refused; an existing
 * base is merged into; a failed rename or verification restores every file. Permissions survive.
 */
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL, rollback, testHooks } from '../../src/consolidate/transaction.js';
import { cleanupTemps, cli, consolidate, copyTree, distIsFresh, litter, snapshotTree, tempDir, type FileSnapshot } from './helpers.js';

const BASE = 'tools/services/shared/requirements.txt';
const SVC = (s: string) => `tools/services/${s}/requirements.txt`;
/** The files the seed plan edits, in the order the transaction renames them. */
const EDITED = [SVC('ai-behavioral-nudge-engine'), SVC('market-data-ingestion'), SVC('risk-calculation-engine'), BASE];

afterAll(cleanupTemps);
afterEach(() => {
  delete testHooks.beforeWrite;
  delete testHooks.afterRename;
  delete testHooks.beforeVerify;
});

/** Files only: path → bytes (hex-free string compare) and permission bits; mtimes left out. */
function contents(snapshot: Map<string, FileSnapshot>): Record<string, { text: string; mode: string }> {
  const o: Record<string, { text: string; mode: string }> = {};
  for (const [p, s] of snapshot) if (s.bytes) o[p] = { text: s.bytes.toString('latin1'), mode: (s.mode & 0o7777).toString(8) };
  return o;
}

const filesOf = (root: string) => contents(snapshotTree(root));

/** The tree a clean `--write` gives (modes as in `prepare`). */
let newTree: Record<string, { text: string; mode: string }>;
function prepare(root: string): void {
  // Unusual permission bits must survive a rewrite and a rollback alike.
  chmodSync(path.join(root, SVC('market-data-ingestion')), 0o664);
}

beforeAll(async () => {
  const root = copyTree('seed-platform');
  prepare(root);
  const r = await consolidate(root, { base: BASE, write: true });
  expect(r.code, r.stderr).toBe(0);
  newTree = filesOf(root);
  expect(newTree[SVC('market-data-ingestion')]!.mode).toBe('664');
});

describe('a crash between two renames (DEPAUDIT_TEST_CRASH_AFTER_RENAMES)', () => {
  // The crash needs a process of its own: the built CLI.
  const fresh = distIsFresh();
  it('runs against a fresh dist/', () => {
    expect(fresh, 'dist/ is missing or older than src/consolidate: run `npm run build` (npm test does)').toBe(true);
  });

  for (const n of [1, 2, 3]) {
    it.runIf(fresh)(`after ${n} of 4 renames: the journal restores the old tree, and the next --write gives the new one`, async () => {
      const root = copyTree('seed-platform');
      prepare(root);
      const oldTree = filesOf(root);
      const r = cli(['consolidate', root, '--base', BASE, '--write'], { DEPAUDIT_TEST_CRASH_AFTER_RENAMES: String(n) });
      expect(r.signal, r.stderr).toBe('SIGKILL');

      // The half-written tree, precisely: the first n files are new, the rest old with their temp
      // file beside them, and the journal at the root.
      const mid = filesOf(root);
      for (const [i, f] of EDITED.entries()) {
        if (i < n) expect(mid[f], f).toEqual(newTree[f]);
        else expect(mid[f], f).toEqual(oldTree[f]);
      }
      const journal = JSON.parse(readFileSync(path.join(root, JOURNAL), 'utf8')) as { entries: Array<{ path: string; temp: string }> };
      expect(journal.entries.map((e) => e.path)).toEqual(EDITED);
      for (const e of journal.entries) expect(e.temp).toBe(`${path.posix.dirname(e.path)}/.${path.posix.basename(e.path)}.depaudit-${/depaudit-(\d+)\.tmp$/.exec(e.temp)![1]}.tmp`);
      expect(litter(root).sort()).toEqual([JOURNAL, ...journal.entries.slice(n).map((e) => e.temp)].sort());

      // A dry run on the half-written tree says so and changes nothing.
      const before = snapshotTree(root);
      const dry = await consolidate(root, { base: BASE });
      expect(dry.stderr).toContain(`an earlier --write was interrupted (${JOURNAL})`);
      expect(snapshotTree(root)).toEqual(before);

      // Rolling back alone gives exactly the old tree: bytes, modes, no base, no shared/ directory.
      const copy = path.join(tempDir(), 'crashed');
      cpSync(root, copy, { recursive: true });
      expect(rollback(copy).sort()).toEqual([...EDITED].sort());
      expect(filesOf(copy)).toEqual(oldTree);
      expect(existsSync(path.join(copy, 'tools/services/shared'))).toBe(false);
      expect(litter(copy)).toEqual([]);

      // The next --write rolls back first, then writes: exactly the new tree, nothing left over.
      const next = await consolidate(root, { base: BASE, write: true });
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toContain('an interrupted consolidation was rolled back');
      expect(filesOf(root)).toEqual(newTree);
      expect(litter(root)).toEqual([]);
    });
  }
});

describe('a file changed between plan and write', () => {
  it('writes nothing, names the file, exits 2', async () => {
    const root = copyTree('seed-platform');
    const target = SVC('market-data-ingestion');
    testHooks.beforeWrite = () => appendFileSync(path.join(root, target), 'late-edit==1.0\n');
    const r = await consolidate(root, { base: BASE, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${target} changed since the plan was made; nothing was written`);
    const after = filesOf(root);
    const original = filesOf(copyTree('seed-platform'));
    expect(after[target]!.text).toBe(`${original[target]!.text}late-edit==1.0\n`);
    for (const f of EDITED) if (f !== target) expect(after[f], f).toEqual(original[f]);
    expect(existsSync(path.join(root, 'tools/services/shared'))).toBe(false);
    expect(litter(root)).toEqual([]);
  });

  it('a base that appears meanwhile is not overwritten', async () => {
    const root = copyTree('seed-platform');
    testHooks.beforeWrite = () => {
      mkdirSync(path.join(root, 'tools/services/shared'));
      writeFileSync(path.join(root, BASE), 'someone-else==1\n');
    };
    const r = await consolidate(root, { base: BASE, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${BASE} changed since the plan was made`);
    expect(readFileSync(path.join(root, BASE), 'utf8')).toBe('someone-else==1\n');
    for (const f of EDITED.slice(0, 3)) expect(filesOf(root)[f]).toEqual(filesOf(copyTree('seed-platform'))[f]);
  });
});

describe('refusals', () => {
  it.each([['../../x/requirements.txt'], ['/tmp/elsewhere/requirements.txt'], ['tools/../../x.txt'], ['..']])('--base %s is outside the root: exit 2', async (base) => {
    const root = copyTree('seed-platform');
    const before = snapshotTree(root);
    const r = await consolidate(root, { base, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--base ${base} is outside the root`);
    expect(snapshotTree(root)).toEqual(before);
  });

  it.runIf(distIsFresh())('the CLI exits 2 on a base outside the root', () => {
    const root = copyTree('seed-platform');
    for (const base of ['../../x', path.join(root, 'shared/requirements.txt')]) {
      const r = cli(['consolidate', root, '--base', base, '--write']);
      expect(r.code, base).toBe(2);
      expect(r.stderr).toMatch(/is outside the root/);
    }
  });

  it('a service manifest that is a symlink is not written through', async () => {
    const root = copyTree('seed-platform');
    const link = SVC('risk-calculation-engine');
    mkdirSync(path.join(root, 'tools/real'));
    renameSync(path.join(root, link), path.join(root, 'tools/real/req.txt'));
    symlinkSync('../../real/req.txt', path.join(root, link));
    const before = snapshotTree(root);
    const r = await consolidate(root, { base: BASE, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${link} is a symlink; refusing to write through it`);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('a base whose directory is a symlink is not written through', async () => {
    const root = copyTree('seed-platform');
    mkdirSync(path.join(root, 'elsewhere'));
    symlinkSync('../../elsewhere', path.join(root, 'tools/services/shared'));
    const before = snapshotTree(root);
    const r = await consolidate(root, { base: BASE, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tools/services/shared is a symlink; refusing to write through it');
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('an existing base file', () => {
  it('is merged into: its bytes are kept, new lines follow in its own line endings', async () => {
    const root = copyTree('seed-platform');
    const old = '\ufeff# Our shared base (CRLF, no final newline)\r\nredis==5.0.1  # ops pins this\r\n\r\n# misc\r\nsix==1.16.0';
    mkdirSync(path.join(root, 'tools/services/shared'));
    writeFileSync(path.join(root, BASE), old);
    // One service already includes it.
    const svc = path.join(root, SVC('risk-calculation-engine'));
    writeFileSync(svc, `-r ../shared/requirements.txt\n${readFileSync(svc, 'utf8')}`);
    const r = await consolidate(root, { base: BASE, write: true, format: 'json' });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { base_packages: string[]; services: Array<{ name: string; changes: Array<{ package: string; kind: string; from: string | null }> }> };
    expect(plan.base_packages).toEqual(expect.arrayContaining(['redis', 'six', 'fastapi']));
    const bytes = readFileSync(path.join(root, BASE));
    const oldBytes = Buffer.from(old, 'utf8');
    expect(bytes.subarray(0, oldBytes.length).equals(oldBytes)).toBe(true);
    const added = bytes.subarray(oldBytes.length).toString('utf8');
    expect(added.startsWith('\r\n')).toBe(true);
    expect(added.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(added).toContain('fastapi==0.116.0\r\n');
    expect(added).not.toContain('redis');
    // The services that include the base for the first time gain six, and say so; risk already had it.
    for (const s of plan.services) {
      if (s.name === 'risk-calculation-engine') expect(s.changes.find((c) => c.package === 'six')).toBeUndefined();
      else expect(s.changes.find((c) => c.package === 'six')).toMatchObject({ kind: 'added', from: null });
    }
    // redis: risk had `redis>=5.0`, moved onto the base's pin; its include is reused, not repeated.
    const risk = readFileSync(svc, 'utf8');
    expect(risk.match(/-r \.\.\/shared\/requirements\.txt/g)).toHaveLength(1);
    expect(risk).not.toContain('redis');
    // A second run: nothing to do.
    const snap = snapshotTree(root);
    expect((await consolidate(root, { base: BASE, write: true })).stderr).toBe('depaudit: nothing to do\n');
    expect(snapshotTree(root)).toEqual(snap);
  });
});

describe('a failure after the first rename restores every file', () => {
  it('a rename that fails', async () => {
    const root = copyTree('seed-platform');
    prepare(root);
    const oldTree = filesOf(root);
    testHooks.afterRename = (k) => {
      if (k === 2) throw new Error('EIO: simulated');
    };
    const r = await consolidate(root, { base: BASE, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a write failed (EIO: simulated); every file was restored');
    expect(filesOf(root)).toEqual(oldTree);
    expect(existsSync(path.join(root, 'tools/services/shared'))).toBe(false);
    expect(litter(root)).toEqual([]);
  });

  it('a verification that fails (the tree reads differently from the plan)', async () => {
    const root = copyTree('seed-platform');
    prepare(root);
    const oldTree = filesOf(root);
    // Something spoils a written file before the re-read.
    testHooks.beforeVerify = () => appendFileSync(path.join(root, SVC('market-data-ingestion')), 'intruder==6.6.6\n');
    const r = await consolidate(root, { base: BASE, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${SVC('market-data-ingestion')} reads differently from the plan (0 missing, 1 unexpected requirement(s)); every file was restored`);
    expect(filesOf(root)).toEqual(oldTree);
    expect(statSync(path.join(root, SVC('market-data-ingestion'))).mode & 0o777).toBe(0o664);
    expect(existsSync(path.join(root, 'tools/services/shared'))).toBe(false);
    expect(litter(root)).toEqual([]);
  });

  it('a rollback removes every directory the write created for a new base', async () => {
    const root = copyTree('seed-platform');
    const before = snapshotTree(root);
    const deep = 'platform/shared/python/requirements.txt';
    testHooks.beforeVerify = () => appendFileSync(path.join(root, deep), 'intruder==6.6.6\n');
    const r = await consolidate(root, { base: deep, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('every file was restored');
    expect([...snapshotTree(root).keys()]).toEqual([...before.keys()]);
    expect(filesOf(root)).toEqual(contents(before));
  });

  it('a verification that fails because the base reads differently', async () => {
    const root = copyTree('seed-platform');
    const oldTree = filesOf(root);
    testHooks.beforeVerify = () => writeFileSync(path.join(root, BASE), 'fastapi==0.116.0\n');
    const r = await consolidate(root, { base: BASE, write: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/reads differently from the plan \(\d+ missing, 0 unexpected requirement\(s\)\); every file was restored/);
    expect(filesOf(root)).toEqual(oldTree);
    expect(litter(root)).toEqual([]);
  });
});
