/**
 * Small hand-made platforms, one per planning rule, each the reproduction of a bug found while
 * testing consolidate: what moves, what stays with the reason, what the plan lists.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemps, consolidate, effectiveRequirements, load, tempDir } from './helpers.js';

afterAll(cleanupTemps);

const BASE = 'shared/requirements.txt';
const HASH_A = `--hash=sha256:${'a'.repeat(64)}`;
const HASH_B = `--hash=sha256:${'b'.repeat(64)}`;

function tree(files: Record<string, string>): string {
  const root = path.join(tempDir(), 'platform');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

interface PlanJson {
  services: Array<{ name: string; manifest: string; changes: Array<{ package: string; kind: string; from: string | null; to: string }> }>;
  base_packages: string[];
  kept: Array<{ package: string; reason: string }>;
  skipped: Array<{ service: string; manifest: string | null; reason: string }>;
  files: string[];
}

async function plan(root: string, opts: Parameters<typeof consolidate>[1] = {}): Promise<PlanJson> {
  const r = await consolidate(root, { base: BASE, format: 'json', ...opts });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as PlanJson;
}

const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');

describe('a package the base already has', () => {
  it('stays in a service whose line has other extras or markers than the base line', async () => {
    const root = tree({
      [BASE]: 'foo==1.0\n',
      'a/requirements.txt': '-r ../shared/requirements.txt\nfoo[bar]==1.0\n',
      'b/requirements.txt': '-r ../shared/requirements.txt\nfoo==1.0; python_version < "3.8"\n',
      'c/requirements.txt': '-r ../shared/requirements.txt\nfoo==1.0\n',
    });
    // One service at a time (together, their lines differ among themselves and all stay).
    const a = await plan(root, { services: ['a'] });
    expect(a.kept).toEqual([{ package: 'foo', reason: 'a declares foo[bar]==1.0, but the base has foo==1.0: markers, extras, hashes or source differ' }]);
    expect(a.files).toEqual([]);
    const b = await plan(root, { services: ['b'] });
    expect(b.kept).toEqual([{ package: 'foo', reason: 'b declares foo==1.0; python_version < "3.8", but the base has foo==1.0: markers, extras, hashes or source differ' }]);
    const c = await plan(root, { services: ['c'] });
    expect(c.services[0]!.changes).toEqual([{ package: 'foo', kind: 'moved', from: '==1.0', to: '==1.0' }]);
    expect(c.files).toEqual(['c/requirements.txt']);
  });

  it('a service that already includes the base is told what the base gains', async () => {
    const root = tree({
      [BASE]: 'six==1.16\n',
      'a/requirements.txt': '-r ../shared/requirements.txt\nflask==3.0\n',
      'b/requirements.txt': 'flask==3.0\nrequests==2.31\n',
      'c/requirements.txt': 'requests==2.31\n',
    });
    const p = await plan(root, { minServices: 2 });
    const a = p.services.find((s) => s.name === 'a')!;
    expect(a.changes).toEqual([
      { package: 'flask', kind: 'moved', from: '==3.0', to: '==3.0' },
      { package: 'requests', kind: 'added', from: null, to: '==2.31' },
    ]);
    // c includes the base for the first time: it gains six (already there) and flask (new).
    expect(p.services.find((s) => s.name === 'c')!.changes.filter((c) => c.kind === 'added').map((c) => c.package)).toEqual(['flask', 'six']);
  });

  it('names the line a service keeps when the base brings its own for the same package', async () => {
    const root = tree({
      [BASE]: 'foo>=1.0\n',
      'a/requirements.txt': '-r ../shared/requirements.txt\n',
      'b/requirements.txt': 'foo==1.0; sys_platform == "win32"\n',
    });
    const p = await plan(root);
    expect(p.services.find((s) => s.name === 'b')!.changes).toEqual([{ package: 'foo', kind: 'added', from: '==1.0', to: '>=1.0' }]);
  });
});

describe('comments', () => {
  it("a moved line's comment goes to the base, also when another service's line is the one kept", async () => {
    const root = tree({
      'a/requirements.txt': 'pydantic==2.11.7  # v2 everywhere\n',
      'b/requirements.txt': 'pydantic==2.11.7\n',
      'c/requirements.txt': 'pydantic==1.10.13  # still on v1\n',
    });
    expect((await consolidate(root, { base: BASE, write: true })).code).toBe(0);
    expect(read(root, BASE)).toContain('# c had pydantic==1.10.13: still on v1\npydantic==2.11.7  # v2 everywhere\n');
  });
});

describe('continuation lines', () => {
  it('a moved line that ends its file with a backslash does not swallow the next base line', async () => {
    const root = tree({
      'a/requirements.txt': 'zed==2\naaa==1.0 \\',
      'b/requirements.txt': 'aaa==1.0\nzed==2\n',
    });
    const w = await consolidate(root, { base: BASE, write: true });
    expect(w.code, w.stderr).toBe(0);
    const inv = await load(root);
    expect(effectiveRequirements(inv, BASE)).toEqual(['aaa==1.0', 'zed==2']);
    expect(effectiveRequirements(inv, 'a/requirements.txt')).toEqual(['aaa==1.0', 'zed==2']);
  });

  it('an existing base ending in a backslash is closed before new lines are appended', async () => {
    const root = tree({
      [BASE]: 'six==1.16 \\',
      'a/requirements.txt': '-r ../shared/requirements.txt\nflask==3.0\n',
      'b/requirements.txt': 'flask==3.0\n',
    });
    const w = await consolidate(root, { base: BASE, write: true });
    expect(w.code, w.stderr).toBe(0);
    expect(read(root, BASE).startsWith('six==1.16 \\\n\nflask==3.0')).toBe(true);
    expect(effectiveRequirements(await load(root), 'b/requirements.txt')).toEqual(['flask==3.0', 'six==1.16']);
  });
});

describe('hashes', () => {
  it('a service that pins with --hash is left alone without --allow-hash-mode, with the reason', async () => {
    const root = tree({
      'a/requirements.txt': `foo==1.0 ${HASH_A}\n`,
      'b/requirements.txt': 'foo==1.0\nbar==1\n',
      'c/requirements.txt': 'foo==1.0\nbar==1\n',
    });
    const p = await plan(root);
    expect(p.services.map((s) => s.name)).toEqual(['b', 'c']);
    expect(p.skipped).toContainEqual({ service: 'a', manifest: 'a/requirements.txt', reason: expect.stringMatching(/hash-checking mode.*--allow-hash-mode/) });
  });

  it('with --allow-hash-mode, one version pinned with different hashes stays; different versions move', async () => {
    const root = tree({
      'a/requirements.txt': `foo==1.0 ${HASH_A}\nbar==2.0 ${HASH_A}\n`,
      'b/requirements.txt': `foo==1.0 ${HASH_B}\nbar==2.1 ${HASH_B}\n`,
      'c/requirements.txt': `bar==2.1 ${HASH_B}\n`,
    });
    const p = await plan(root, { allowHashMode: true });
    expect(p.kept).toEqual([{ package: 'foo', reason: expect.stringMatching(/^hashes for ==1.0 differ/) }]);
    expect(p.base_packages).toEqual(['bar']);
    expect(p.services.find((s) => s.name === 'a')!.changes).toContainEqual({ package: 'bar', kind: 'version', from: '==2.0', to: '==2.1', direction: 'up' });
  });
});

describe('what is not rewritten', () => {
  it('a compiled file picked as the only manifest (uv pip compile) is skipped', async () => {
    const header = '# This file was autogenerated by uv via the following command:\n#    uv pip compile --output-file=uv-requirements.txt uv-requirements.in\n';
    const root = tree({
      'a/uv-requirements.txt': `${header}uv==0.11.7\n`,
      'b/uv-requirements.txt': `${header}uv==0.11.7\n`,
    });
    const p = await plan(root);
    expect(p.services).toEqual([]);
    expect(p.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/a\/uv-requirements.txt is compiled/), expect.stringMatching(/b\/uv-requirements.txt is compiled/)]);
  });

  it('pyproject.toml, Pipfile and environment.yml are named as not rewritten', async () => {
    const root = tree({
      'a/requirements.txt': 'flask==3.0\n',
      'a/pyproject.toml': '[project]\nname = "a"\ndependencies = ["flask==3.0"]\n',
      'b/requirements.txt': 'flask==3.0\n',
      'b/Pipfile': '[packages]\nflask = "==3.0"\n',
      'b/environment.yml': 'dependencies:\n  - pip\n',
    });
    const p = await plan(root);
    expect(p.skipped).toEqual([
      { service: 'a', manifest: 'a/pyproject.toml', reason: 'pyproject.toml has no include mechanism for a shared requirements file; not rewritten' },
      { service: 'b', manifest: 'b/Pipfile', reason: 'Pipfile has no include mechanism for a shared requirements file; not rewritten' },
      { service: 'b', manifest: 'b/environment.yml', reason: 'environment.yml has no include mechanism for a shared requirements file; not rewritten' },
    ]);
    expect(p.files).toEqual(['a/requirements.txt', 'b/requirements.txt', BASE]);
    const text = (await consolidate(root, { base: BASE })).stdout;
    expect(text).toContain('Not rewritten\n  a (a/pyproject.toml): pyproject.toml has no include mechanism');
  });
});
