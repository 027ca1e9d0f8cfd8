/** jsonChunks writes, chunk by chunk, exactly the UTF-8 of JSON.stringify(value, null, 2) + "\n". */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonChunks, withFindings } from '../../src/report/inventory-json.js';
import path from 'node:path';
import { audit } from '../../src/pipeline.js';
import { FIXTURES, goldenReport } from './golden-helpers.js';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { corpusDir } from '../helpers/corpus.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Each chunk must decode on its own: a chunk never ends inside a character. */
function written(value: Record<string, unknown>): { text: string; chunks: number } {
  const chunks = [...jsonChunks(value)];
  return { text: chunks.map((c) => decoder.decode(c)).join(''), chunks: chunks.length };
}

describe('jsonChunks', () => {
  it.each(FIXTURES)('the %s report, byte for byte', async (fixture) => {
    const report = (await goldenReport(fixture)) as unknown as Record<string, unknown>;
    expect(written(report).text).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('any JSON object (empty arrays and objects, nested arrays, strings with newlines and quotes)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        expect(written(value).text).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });

  it('writes a large array in chunks of at most 1 MiB, never as one string', () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ i, text: 'x'.repeat(100) })) };
    const sizes = [...jsonChunks(big)].map((c) => c.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1 << 20);
    expect(written(big).text).toBe(`${JSON.stringify(big, null, 2)}\n`);
  });

  it('never splits a character between chunks, and writes a piece larger than a chunk whole', () => {
    // ~4 MB of mostly 3-byte characters crosses several chunk ends at uneven offsets; one item
    // in the middle is larger than a chunk.
    const items = Array.from({ length: 10_000 }, (_, i) => ({ i, text: ['€', '€', 'é', '😀'][i % 4]!.repeat(90 + (i % 37)) }));
    items.splice(5_000, 0, { i: -1, text: '€'.repeat(400_000) });
    const value = { items };
    expect(written(value).text).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});

describe('jsonChunks on a report from the pipeline', () => {
  it.each(FIXTURES)('%s: manifests and packages written item by item, without building the lists, as JSON.stringify writes them', async (fixture) => {
    const { report } = await audit(path.join(repoRoot, 'fixtures', fixture), { maxFileSize: 5 * 1024 * 1024 });
    const value = report as unknown as Record<string, unknown>;
    const lazyLists = () => ['manifests', 'packages'].filter((k) => typeof Object.getOwnPropertyDescriptor(value, k)?.get === 'function');
    expect(lazyLists()).toEqual(['manifests', 'packages']);
    const text = written(value).text;
    expect(lazyLists()).toEqual(['manifests', 'packages']);
    expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`); // JSON.stringify reads (builds) the lists
    expect(lazyLists()).toEqual([]);
  });

  it('a copy with other findings (check --baseline) is written item by item too, with its own findings', async () => {
    const { report } = await audit(path.join(repoRoot, 'fixtures', 'seed-platform'), { maxFileSize: 5 * 1024 * 1024 });
    const fresh = report.findings.slice(1);
    const shown = withFindings(report, fresh) as unknown as Record<string, unknown>;
    const lazyLists = (o: object) => ['manifests', 'packages'].filter((k) => typeof Object.getOwnPropertyDescriptor(o, k)?.get === 'function');
    const text = written(shown).text;
    expect(lazyLists(report)).toEqual(['manifests', 'packages']);
    expect(JSON.parse(text).findings).toEqual(JSON.parse(JSON.stringify(fresh)));
    expect(text).toBe(`${JSON.stringify(shown, null, 2)}\n`);
  });
});

/**
 * A tree with each kind of declaration the manifest and package writers render from the model
 * (not through the objects JSON.stringify sees): lines repeated across files, a base reached only
 * through -c (one of its lines two services' requirement, read before it), non-ASCII text, CRLF, continuations and hashes, a file whose encoding gives no byte
 * spans (cp1252), conda's pip section and pyproject declarations (plain objects).
 */
function trickyTree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'depaudit-json-'));
  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  };
  write('shared/requirements.txt', 'requests>=2.31  # "http" café\nnumpy==1.26.4 \\\n    --hash=sha256:aa --hash=sha256:bb\n');
  write('tools/constraints.txt', 'urllib3<3\nrequests<3 ; python_version >= "3.9"\n');
  write('svc-a/requirements.txt', '-r ../shared/requirements.txt\r\n-c ../tools/constraints.txt\r\nrequests>=2.31  # "http" café\r\nflask[async]==3.0.0\r\nurllib3<3\r\n');
  write('svc-b/requirements.txt', '-r ../shared/requirements.txt\nflask==2.3.0\nrequests>=2.31  # "http" café\nurllib3<3\n');
  write('svc-c/requirements.txt', Buffer.from('# -*- coding: cp1252 -*-\nflask==3.0.0  # \u00e9t\u00e9\n', 'latin1'));
  write('svc-d/environment.yml', 'name: d\ndependencies:\n  - python=3.11\n  - pip:\n    - flask==3.0.0\n    - "requests>=2.31 ; python_version >= \'3.9\'"\n');
  write('svc-e/pyproject.toml', '[project]\nname = "e"\nversion = "1"\ndependencies = ["flask>=2", "requests[socks]>=2.31"]\n');
  return dir;
}

describe('jsonChunks writes manifests and packages from the model as JSON.stringify writes their objects', () => {
  const corpus = readdirSync(corpusDir).filter((n) => statSync(path.join(corpusDir, n)).isDirectory());

  it.each(corpus)('corpus %s', async (tree) => {
    const { report } = await audit(path.join(corpusDir, tree), { maxFileSize: 5 * 1024 * 1024 });
    const value = report as unknown as Record<string, unknown>;
    const text = written(value).text;
    expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('a tree with every kind of declaration', async () => {
    const dir = trickyTree();
    try {
      const { report } = await audit(dir, { maxFileSize: 5 * 1024 * 1024 });
      const value = report as unknown as Record<string, unknown>;
      const text = written(value).text;
      const parsed = JSON.parse(text) as { manifests: Array<{ path: string; declarations: Array<{ span: unknown; constraint: boolean }> }> };
      // The cases are there: a manifest without byte spans, a constraints-only base.
      const byPath = new Map(parsed.manifests.map((m) => [m.path, m]));
      expect(byPath.get('svc-c/requirements.txt')!.declarations[0]!.span).toBeNull();
      expect(byPath.get('tools/constraints.txt')!.declarations.every((d) => d.constraint)).toBe(true);
      expect([...byPath.keys()]).toEqual(expect.arrayContaining(['svc-d/environment.yml', 'svc-e/pyproject.toml']));
      expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
