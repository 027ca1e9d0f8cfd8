/**
 * Discovery through the built CLI: which files are manifests, which service owns each, base files
 * reached only through includes, service-name collisions, and JSON output that is byte-identical
 * across runs and roots given differently, with POSIX paths relative to the root.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { ReportJson } from '../../src/report/schema.js';
import { ensureBuilt, makeTree, reportJson, runCli, type Tree } from '../helpers/tree.js';

const FILES = {
  // A service with every discovery pattern.
  'svc-a/requirements.txt': '-r ../shared/requirements.txt\n-r ../common/base.txt\nrequests==2.31.0\n',
  'svc-a/test-requirements.txt': 'pytest==8.0.0\n',
  'svc-a/dev-requirements.in': 'black==24.1.0\n',
  'svc-a/constraints-dev.txt': 'urllib3<3\n',
  'svc-a/old-requirements.txt': 'legacy-thing==0.1\n',
  // A requirements/ folder belongs to its parent.
  'svc-b/requirements/prod.txt': 'flask==3.0.0\n',
  'svc-b/requirements/dev.in': '-c prod.txt\nflake8==7.0.0\n',
  // Base files: one the globs match, one only an include reaches.
  'shared/requirements.txt': 'certifi==2024.2.2\n',
  'common/base.txt': 'idna==3.6\n',
  // Two services both called "api".
  'a/api/requirements.txt': 'fastapi==0.110.0\n',
  'b/api/requirements.txt': 'fastapi==0.109.0\n',
  // A manifest at the root belongs to a service named after the root directory.
  'requirements.txt': 'tox==4.12.0\n',
  // setup.py is listed (with a warning), never run.
  'svc-a/setup.py': 'from setuptools import setup\n',
  // Not manifests, or in skipped directories.
  'svc-a/requirements.md': 'not==1\n',
  'svc-a/requirements.txt.orig': 'not==1\n',
  'svc-a/notes.yml': 'title: not a conda environment\n',
  'docs/notes.txt': 'not==1\n',
  '.git/requirements.txt': 'not==1\n',
  'venv/lib/requirements.txt': 'not==1\n',
  '.tox/py312/requirements.txt': 'not==1\n',
  'build/requirements.txt': 'not==1\n',
  'dist/requirements.txt': 'not==1\n',
  'lib/site-packages/pkg/requirements.txt': 'not==1\n',
};

/** CLI runs are slow on a loaded machine; these bound hangs, not speed. */
const SLOW = { timeoutMs: 60_000 };
const TEST_TIMEOUT = 120_000;

/** Run the report and insist it succeeded, so a failure shows the CLI's stderr rather than an empty diff. */
function reportText(root: string, cwd?: string): string {
  const run = runCli(['report', root, '--format', 'json'], { ...SLOW, ...(cwd ? { cwd } : {}) });
  expect(run.status, `${run.stderr}${run.timedOut ? ' (timed out)' : ''}`).toBe(0);
  return run.stdout;
}

let tree: Tree;
let json: ReportJson;
let stdout: string;

beforeAll(() => {
  ensureBuilt();
  tree = makeTree(FILES);
  const run = reportJson(tree.root, [], SLOW);
  expect(run.status, run.stderr).toBe(0);
  json = run.json;
  stdout = run.stdout;
}, TEST_TIMEOUT);
afterAll(() => tree.cleanup());

const manifest = (p: string) => json.manifests.find((m) => m.path === p)!;

describe('discovery patterns', () => {
  it('finds exactly the manifests, and the base file only an include reaches', () => {
    expect(json.manifests.map((m) => m.path)).toEqual([
      'a/api/requirements.txt',
      'b/api/requirements.txt',
      'common/base.txt',
      'requirements.txt',
      'shared/requirements.txt',
      'svc-a/constraints-dev.txt',
      'svc-a/dev-requirements.in',
      'svc-a/old-requirements.txt',
      'svc-a/requirements.txt',
      'svc-a/setup.py',
      'svc-a/test-requirements.txt',
      'svc-b/requirements/dev.in',
      'svc-b/requirements/prod.txt',
    ]);
    expect(json.manifests.flatMap((m) => m.declarations.map((d) => d.name))).not.toContain('not');
  });

  it('test-, dev-, constraints- and old- files belong to their directory\'s service', () => {
    for (const p of ['svc-a/requirements.txt', 'svc-a/test-requirements.txt', 'svc-a/dev-requirements.in', 'svc-a/constraints-dev.txt', 'svc-a/old-requirements.txt']) {
      expect(manifest(p), p).toMatchObject({ service: 'svc-a', role: 'service' });
    }
    expect(json.services.find((s) => s.name === 'svc-a')).toEqual({
      name: 'svc-a',
      path: 'svc-a',
      manifests: ['svc-a/constraints-dev.txt', 'svc-a/dev-requirements.in', 'svc-a/old-requirements.txt', 'svc-a/requirements.txt', 'svc-a/setup.py', 'svc-a/test-requirements.txt'],
    });
  });

  it('requirements/*.txt and *.in belong to the parent service', () => {
    expect(json.services.find((s) => s.name === 'svc-b')).toEqual({
      name: 'svc-b',
      path: 'svc-b',
      manifests: ['svc-b/requirements/dev.in', 'svc-b/requirements/prod.txt'],
    });
    expect(manifest('svc-b/requirements/dev.in').includes).toEqual([
      { line: 1, kind: 'constraint', raw: 'prod.txt', target: 'svc-b/requirements/prod.txt', url: null },
    ]);
    expect(manifest('svc-b/requirements/prod.txt')).toMatchObject({ service: 'svc-b', role: 'service', includedAs: ['constraint'] });
  });

  it('a file reached only through -r ../shared/requirements.txt is a base file with no service', () => {
    expect(manifest('shared/requirements.txt')).toMatchObject({ service: null, role: 'base', includedAs: ['requirement'] });
    expect(manifest('common/base.txt')).toMatchObject({ service: null, role: 'base', includedAs: ['requirement'] });
    expect(json.services.map((s) => s.name)).not.toContain('shared');
    expect(json.services.map((s) => s.name)).not.toContain('common');
    expect(manifest('svc-a/requirements.txt').includes).toEqual([
      { line: 1, kind: 'requirement', raw: '../shared/requirements.txt', target: 'shared/requirements.txt', url: null },
      { line: 2, kind: 'requirement', raw: '../common/base.txt', target: 'common/base.txt', url: null },
    ]);
    // The base's packages are inherited by the service that includes it.
    const certifi = json.packages.find((p) => p.name === 'certifi')!;
    expect(certifi.services).toEqual([
      {
        service: 'svc-a',
        declarations: [{ manifest: 'shared/requirements.txt', line: 1, specifier: '==2024.2.2', written: null, marker: null, role: 'requirement', inherited: true, constraint: false }],
      },
    ]);
  });

  it('a manifest at the root belongs to a service named after the root directory', () => {
    expect(json.services.find((s) => s.path === '.')).toEqual({ name: 'repo', path: '.', manifests: ['requirements.txt'] });
    expect(manifest('requirements.txt')).toMatchObject({ service: 'repo', role: 'service' });
  });
});

describe('service names', () => {
  it('two directories named api are told apart by their paths', () => {
    const apis = json.services.filter((s) => s.path.endsWith('/api'));
    expect(apis).toEqual([
      { name: 'a/api', path: 'a/api', manifests: ['a/api/requirements.txt'] },
      { name: 'b/api', path: 'b/api', manifests: ['b/api/requirements.txt'] },
    ]);
    const fastapi = json.packages.find((p) => p.name === 'fastapi')!;
    expect(fastapi.services.map((s) => s.service)).toEqual(['a/api', 'b/api']);
    const conflict = json.findings.find((f) => f.rule === 'version-conflict' && f.package === 'fastapi');
    expect(conflict?.message).toContain('a/api');
    expect(conflict?.message).toContain('b/api');
  });

  it('a directory named like the root does not rename the root service', () => {
    const t = makeTree({ 'requirements.txt': 'a==1\n', 'x/repo/requirements.txt': 'a==2\n', 'z/repo/requirements.txt': 'a==3\n', 'api/requirements.txt': 'a==4\n' });
    try {
      expect(reportJson(t.root, [], SLOW).json.services.map((s) => [s.name, s.path])).toEqual([
        ['api', 'api'],
        ['repo', '.'],
        ['x/repo', 'x/repo'],
        ['z/repo', 'z/repo'],
      ]);
    } finally {
      t.cleanup();
    }
  }, TEST_TIMEOUT);

  it('service names are unique and sorted', () => {
    const names = json.services.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
  });
});

describe('JSON output', () => {
  it('two runs print byte-identical JSON', () => {
    expect(reportText(tree.root)).toBe(stdout);
  });

  it('the same bytes whether the root is given absolute, relative, or as "."', () => {
    expect(reportText('repo', tree.base)).toBe(stdout);
    expect(reportText('.', tree.root)).toBe(stdout);
    expect(reportText(`${tree.root}${path.sep}`)).toBe(stdout);
  }, TEST_TIMEOUT);

  it('the same bytes when the files were created in another order', () => {
    const reversed = makeTree(Object.fromEntries(Object.entries(FILES).reverse()));
    try {
      expect(reportText(reversed.root)).toBe(stdout);
    } finally {
      reversed.cleanup();
    }
  }, TEST_TIMEOUT);

  it('every path is POSIX and relative to the root', () => {
    expect(stdout).not.toContain(tree.base);
    expect(stdout).not.toContain('\\\\');
    const paths = [
      ...json.services.map((s) => s.path),
      ...json.services.flatMap((s) => s.manifests),
      ...json.manifests.map((m) => m.path),
      ...json.manifests.flatMap((m) => m.includes.map((i) => i.target).filter((t): t is string => t !== null)),
      ...json.packages.flatMap((p) => p.services.flatMap((s) => s.declarations.map((d) => d.manifest))),
      ...json.findings.flatMap((f) => f.locations.map((l) => l.path)),
    ];
    expect(paths.length).toBeGreaterThan(20);
    for (const p of paths) {
      expect(p).toMatch(/^(\.|[^/\\.][^\\]*)$/);
      expect(p.split('/')).not.toContain('..');
      expect(p.split('/')).not.toContain('');
    }
    expect(json.root).toBe('.');
  });
});
