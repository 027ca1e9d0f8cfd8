/**
 * Files that name a runtime: Dockerfiles as BuildKit reads them (parser directives, global
 * ARGs with defaults and `${VAR:-x}` forms, FROM with flags, stages and `AS`, continuations with
 * either escape character, heredocs, comments) and version-manager files (.python-version,
 * .nvmrc, .node-version).
 */
import fc, { type Arbitrary } from 'fast-check';
import { inputMix, joinLines, maybe, mostly } from './common.js';
import { version } from './pep.js';

const imageName = mostly(
  fc.constantFrom('python', 'node', 'docker.io/library/python', 'library/node', 'pypy', 'ubuntu', 'ghcr.io/org/python', 'localhost:5000/python', 'scratch', 'build', 'Python'),
  fc.constantFrom('', '${BASE}', '$BASE', 'python@sha256:0123', 'a//b', '-x'),
  8,
);
const tag = fc.oneof(
  fc.constantFrom('3.11', '3.11-slim', '3.12.1-alpine3.19', '3', '20', '20-bookworm', 'lts', 'latest', '3.13.0rc1', '2.7', 'slim'),
  version,
  fc.constantFrom('${PY}', '${PY:-3.12}-slim', '$PY', '${PY:+3}', '${PY?err}', '${NODE%%.*}', '${'),
);
const image = fc.tuple(imageName, maybe(tag.map((t) => `:${t}`), '', 85), maybe(fc.constant('@sha256:' + '0'.repeat(64)), '', 10)).map((p) => p.join(''));
const flag = fc.constantFrom('--platform=$BUILDPLATFORM ', '--platform linux/amd64 ', '--platform=linux/arm64 ', '--other=x ', '-- ', '--platform');

const instruction = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('FROM ', 'from ', 'FROM  ', 'FROM\t'), maybe(flag, '', 15), image, maybe(fc.constantFrom(' AS build', ' as builder', ' AS 1bad', ' AS', ' AS a b'), '', 30)).map((p) => p.join('')) },
  { weight: 3, arbitrary: fc.constantFrom('ARG PY=3.10', 'ARG PY', 'ARG BASE=python:3.9', 'ARG NODE=20.1 PY=3.8', 'ARG PY="3.12"', "ARG PY='3 .1'", 'ARG BASE') },
  { weight: 2, arbitrary: fc.constantFrom('RUN pip install -r requirements.txt', 'COPY . /app', 'ENV PY=3.7', 'ONBUILD RUN <<EOF', 'RUN ["sh", "-c", "x"]', 'WORKDIR /app') },
  { weight: 1, arbitrary: fc.constantFrom('RUN <<EOF\nFROM python:2.7\nEOF', 'RUN <<-EOT\n\tFROM node:10\n\tEOT', 'COPY <<EOF /x\nunterminated', "RUN <<'EOF' cat\nx\nEOF") },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '', '   ', '# syntax=docker/dockerfile:1', '# escape=`', '# escape=\\', '# check=skip=all', '# escape=x') },
);

/** An instruction, sometimes broken over lines with the escape character. */
const physical = fc.tuple(instruction, maybe(fc.double({ min: 0, max: 1, noNaN: true }), null, 15), fc.constantFrom('\\\n', '`\n', '\\\n  # inside\n', '\\ \r\n')).map(([ins, cut, cont]) => {
  if (cut === null) return ins;
  const at = Math.floor(cut * (ins.length + 1));
  return ins.slice(0, at) + cont + ins.slice(at);
});

export const DOCKER_FRAGMENTS = [
  'FROM ', 'ARG ', 'RUN ', ' AS ', 'python', 'node', ':3.11', '-slim', '${PY', '${PY:-3.12}', '}', '$', '\\', '\\\n', '`', '# escape=`\n', '<<EOF', 'EOF',
  '\n', '\r\n', '\r', ' ', '\t', '\ufeff', '@sha256:', '--platform=', '=', '"', "'", '#', '[', ']', '\u0085', '\u00a0',
];

/** A Dockerfile. */
export const dockerfileText: Arbitrary<string> = inputMix(
  fc.tuple(maybe(fc.constant('\ufeff'), '', 5), joinLines(fc.array(physical, { maxLength: 10 }))).map(([bom, t]) => bom + t),
  DOCKER_FRAGMENTS,
);

const versionLine = fc.oneof(
  fc.constantFrom('3.11', '3.11.4', '3.13t', '3.14-dev', 'python-3.12', '3.10.4/envs/api', 'pypy3.10-7.3.12', 'system', '..', 'v20.11.1', '20', 'lts/iron', 'lts/*', 'node', '>=18', '^20', 'npm=10', 'x'),
  version,
);
const versionFileLine = fc.tuple(fc.constantFrom('', ' ', '\t'), versionLine, maybe(fc.constantFrom(' # main', ' 3.9', '\t#', ' extra'), '', 25)).map((p) => p.join(''));

/** A .python-version, .nvmrc or .node-version. */
export const versionFileText: Arbitrary<string> = inputMix(
  fc.tuple(maybe(fc.constant('\ufeff'), '', 5), joinLines(fc.array(fc.oneof(versionFileLine, fc.constantFrom('', '# comment', '   ')), { maxLength: 4 }))).map(([bom, t]) => bom + t),
  ['3.11', 'v20', 'lts/', '#', '=', '>=', '\n', '\r\n', '\r', ' ', '\t', '\ufeff', '.', '/envs/', 'python-', 'pypy'],
);
