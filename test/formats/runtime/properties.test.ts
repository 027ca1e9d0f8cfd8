/**
 * fast-check properties of the runtime readers: none throws on arbitrary input, every position
 * lies within the text, a declaration's position is where its written text starts, and every
 * exact version found is one the rule's version scheme reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuntimeParse } from '../../../src/model/runtime.js';
import { parseDockerfileRuntimes } from '../../../src/formats/runtime/dockerfile.js';
import { parseNodeVersionFile, parseNvmrc, parsePythonVersionFile } from '../../../src/formats/runtime/version-file.js';
import { RUNTIME_VERSIONS } from '../../../src/formats/runtime/versions.js';

const OPTS = { seed: 4242, numRuns: 500 };

const DOCKER_FRAGMENTS = [
  'FROM ', 'from ', 'ARG ', 'RUN ', 'COPY ', 'ONBUILD ', 'python', 'node', 'pypy', ':3.11', ':3', ':20', '-slim', '-alpine', ':latest', ':lts',
  '${PY', '${PY:-3.12}', '$PY', '}', ':-', ':+', '-', '+', '?', '#', '%', '/', '$', ' AS ', ' as ', 'build', 'builder', 'scratch', '--platform=', '--platform ',
  '--', '\\', '\\\n', '`', '`\n', '# escape=`\n', '# escape=\\\n', '# syntax=x\n', '\n', '\r\n', '\r', ' ', '\t', '<<EOF', '<<-EOF', "<<'EOF'", 'EOF', '\tEOF',
  '"', "'", '@sha256:', '0123456789abcdef0123456789abcdef', '\uFEFF', '=', 'PY=3.10', '3.10', '.', 'docker.io/library/', 'localhost:5000/', 'Python',
  '[', ']', '["sh"]', 'é', '😀', '\u0085', '\u0000',
];
const VERSION_FRAGMENTS = ['3.11', '3.11.4', '3.12t', '3.13.0rc1', 'v20', '20.11.1', 'lts/iron', 'lts/*', 'node', 'system', 'pypy3.10', 'python-', '/envs/x', '..', '#', '=', '>=', '^', '~', '\n', '\r\n', '\r', ' ', '\t', '\uFEFF', 'x'];

/** Whole lines that declare something, so generated files often reach the declaration paths. */
const DOCKER_LINES = [
  'FROM python:3.11-slim AS build', 'FROM build', 'ARG PY=3.10', 'ARG PY', 'FROM python:${PY}', 'FROM python:${PY:-3.12}-alpine', 'FROM node:20 \\', '  AS assets',
  'FROM \\', '    docker.io/library/python:3.9', '  # inside', '', 'RUN <<EOF', 'FROM python:2.7', 'EOF', '# escape=`', 'FROM `', 'node:22', '\tFROM node:lts',
  'FROM --platform=$BUILDPLATFORM python:3.13.0rc1 AS x', 'FROM ${BASE}', 'FROM', 'FROM Python:3',
];
const VERSION_LINES = ['3.11', ' 3.12.1 # main', 'v20.11.1', '18', 'lts/iron', 'pypy3.10-7.3.12', 'system', '# c', '', 'npm=10', '>=18'];

const textOf = (fragments: string[], lines: string[]) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
    fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((p) => p.join('')),
    fc
      .tuple(fc.array(fc.tuple(fc.constantFrom(...lines), fc.constantFrom('\n', '\r\n'), fc.constantFrom('', '', '', ...fragments)), { maxLength: 12 }), fc.boolean())
      .map(([ls, bom]) => (bom ? '\uFEFF' : '') + ls.map(([l, nl, noise]) => l + noise + nl).join('')),
  );

/** Lines split at LF only, as Docker and the version managers split them. */
function checkPositions(text: string, r: RuntimeParse, path: string): void {
  const lines = text.split('\n');
  const withoutBom = (line: number) => (line === 1 ? lines[0]!.replace(/^\uFEFF/, '') : lines[line - 1]!);
  for (const p of [...r.runtimes, ...r.diagnostics]) {
    expect(p.path).toBe(path);
    expect(p.line).toBeGreaterThanOrEqual(0);
    expect(p.line).toBeLessThanOrEqual(lines.length);
    expect(p.column).toBeGreaterThanOrEqual(0);
    if (p.line > 0) expect(p.column).toBeLessThanOrEqual(withoutBom(p.line).length + 1);
  }
  for (const d of r.runtimes) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    // A continuation can split the written text across lines, but it starts where the position says.
    expect(withoutBom(d.line)[d.column - 1]).toBe(d.written[0]);
    expect(d.service).toBeNull();
    if (d.version !== null) expect(RUNTIME_VERSIONS[d.runtime].key(d.version)).not.toBeNull();
  }
}

const READERS: Array<[string, string, (text: string, ctx: { path: string }) => RuntimeParse, string[], string[]]> = [
  ['Dockerfile', 'a/Dockerfile', parseDockerfileRuntimes, DOCKER_FRAGMENTS, DOCKER_LINES],
  ['.python-version', 'a/.python-version', parsePythonVersionFile, VERSION_FRAGMENTS, VERSION_LINES],
  ['.nvmrc', 'a/.nvmrc', parseNvmrc, VERSION_FRAGMENTS, VERSION_LINES],
  ['.node-version', 'a/.node-version', parseNodeVersionFile, VERSION_FRAGMENTS, VERSION_LINES],
];

describe('runtime readers never throw and positions lie within the text', () => {
  it.each(READERS)('%s', (_name, path, read, fragments, lines) => {
    let declared = 0;
    fc.assert(
      fc.property(textOf(fragments, lines), (text) => {
        const r = read(text, { path });
        declared += r.runtimes.length;
        checkPositions(text, r, path);
      }),
      OPTS,
    );
    // The generator reaches the declaration paths, so the position checks above are exercised.
    expect(declared).toBeGreaterThan(OPTS.numRuns / 10);
  });
});
