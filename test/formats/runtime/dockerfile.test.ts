/**
 * Dockerfile FROM lines → runtimes, read as BuildKit reads them (directives, continuations,
 * comments, heredocs, global ARG defaults, stages, flags, image references).
 */
import { describe, expect, it } from 'vitest';
import { parseDockerfileRuntimes } from '../../../src/formats/runtime/dockerfile.js';

const parse = (text: string) => parseDockerfileRuntimes(text, { path: 'svc/Dockerfile' });
/** runtime version (line:column) written, per declaration. */
const brief = (text: string) => parse(text).runtimes.map((r) => `${r.runtime} ${r.version ?? '-'} ${r.line}:${r.column} ${r.written}`);
const codes = (text: string) => parse(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);

describe('image references and tags', () => {
  it.each([
    ['python:3.11-slim', 'python 3.11'],
    ['python:3.10', 'python 3.10'],
    ['python:3', 'python 3'],
    ['python:3-alpine', 'python 3'],
    ['python:3.11.4-slim-bookworm', 'python 3.11.4'],
    ['python:3.13.0rc1-bookworm', 'python 3.13.0rc1'],
    ['python:latest', 'python -'],
    ['python', 'python -'],
    ['python:slim', 'python -'],
    ['python:alpine3.19', 'python -'],
    ['library/python:3.12', 'python 3.12'],
    ['docker.io/library/python:3.9', 'python 3.9'],
    ['docker.io/python:3.9', 'python 3.9'],
    ['index.docker.io/library/python:3.9', 'python 3.9'],
    ['public.ecr.aws/docker/library/python:3.9-slim', 'python 3.9'],
    ['mirror.gcr.io/library/node:22', 'node 22'],
    ['python:3.11@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'python 3.11'],
    ['python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'python -'],
    ['node:20-alpine', 'node 20'],
    ['node:20.11.1-bookworm-slim', 'node 20.11.1'],
    ['node:lts', 'node -'],
    ['node:lts-alpine', 'node -'],
    ['node:iron', 'node -'],
    ['node', 'node -'],
  ])('FROM %s → %s', (image, expected) => {
    const [r, ...rest] = parse(`FROM ${image}\n`).runtimes;
    expect(rest).toEqual([]);
    expect(`${r?.runtime} ${r?.version ?? '-'}`).toBe(expected);
    expect(r).toMatchObject({ source: 'dockerfile', path: 'svc/Dockerfile', written: image, range: null, service: null, line: 1, column: 6 });
  });

  it.each(['pypy:3.10', 'myorg/python:3.11', 'ghcr.io/acme/python:3.11', 'docker.io/acme/node:20', 'localhost:5000/python:3.11', 'python-base:3.11', 'nodejs:20', 'quay.io/library/python:3.11', 'ubuntu:22.04'])(
    'FROM %s is not an official python/node image',
    (image) => {
      expect(parse(`FROM ${image}\n`)).toEqual({ runtimes: [], diagnostics: [] });
    },
  );

  it('instructions are case-insensitive, AS too', () => {
    expect(brief('from python:3.11 as Build\nFrOm build\n')).toEqual(['python 3.11 1:6 python:3.11']);
  });
});

describe('stages', () => {
  it('FROM <earlier stage> names no image; scratch neither', () => {
    const text = 'FROM python:3.11-slim AS builder\nRUN pip wheel .\nFROM builder AS test\nFROM scratch\nFROM node:20 AS assets\nFROM test\n';
    expect(brief(text)).toEqual(['python 3.11 1:6 python:3.11-slim', 'node 20 5:6 node:20']);
  });

  it('a stage named like an image shadows it only after it is defined', () => {
    expect(brief('FROM python:3.12 AS python\nFROM python\n')).toEqual(['python 3.12 1:6 python:3.12']);
    // `node` names the image here: the stage called node comes later.
    expect(brief('FROM node\nFROM python:3.12 AS node\n')).toEqual(['node - 1:6 node', 'python 3.12 2:6 python:3.12']);
  });

  it('every stage of a multi-stage build counts', () => {
    expect(brief('FROM python:3.11 AS build\nFROM python:3.11-slim\n')).toEqual(['python 3.11 1:6 python:3.11', 'python 3.11 2:6 python:3.11-slim']);
  });
});

describe('flags', () => {
  it('--platform=… and --platform … come before the image', () => {
    expect(brief('FROM --platform=$BUILDPLATFORM python:3.11 AS build\n')).toEqual(['python 3.11 1:32 python:3.11']);
    expect(brief('FROM --platform linux/amd64 node:20\n')).toEqual(['node 20 1:29 node:20']);
    expect(brief('FROM --platform="linux/arm64" python:3.9\n')).toEqual(['python 3.9 1:31 python:3.9']);
  });

  it('an unknown flag is a malformed FROM', () => {
    expect(parse('FROM --foo=bar python:3.11\n').runtimes).toEqual([]);
    expect(codes('FROM --foo=bar python:3.11\n')).toEqual(['1:1 warning invalid-from']);
  });
});

describe('ARG before FROM', () => {
  it('${VAR}, $VAR and defaults substitute; the version comes from the value, written stays', () => {
    const text = 'ARG PY=3.10\nARG NODE_MAJOR=18\nFROM python:${PY}-slim\nFROM python:$PY\nFROM node:${NODE_MAJOR}-alpine\n';
    expect(brief(text)).toEqual(['python 3.10 3:6 python:${PY}-slim', 'python 3.10 4:6 python:$PY', 'node 18 5:6 node:${NODE_MAJOR}-alpine']);
  });

  it('${VAR:-default} and ${VAR-default} when VAR has no default', () => {
    const text = 'ARG PY\nFROM python:${PY:-3.12}\nFROM python:${PY-3.9}\nFROM python:${UNDECLARED:-3.8}\n';
    expect(brief(text).map((b) => b.split(' ')[1])).toEqual(['3.12', '3.9', '3.8']);
  });

  it(':- also replaces an empty value; - does not', () => {
    expect(brief('ARG PY=\nFROM python:${PY:-3.12}\n').map((b) => b.split(' ')[1])).toEqual(['3.12']);
    expect(brief('ARG PY=\nFROM python:3${PY-.9}\n').map((b) => b.split(' ')[1])).toEqual(['3']);
  });

  it('${VAR:+alt} and ${VAR+alt}', () => {
    expect(brief('ARG SLIM=1\nFROM python:3.11${SLIM:+-slim}\n')).toEqual(['python 3.11 2:6 python:3.11${SLIM:+-slim}']);
    expect(brief('FROM python:3.11${SLIM:+-slim}\n')).toEqual(['python 3.11 1:6 python:3.11${SLIM:+-slim}']);
  });

  it('several ARGs on one line, quoted values, later ones win, values expand earlier ones', () => {
    const text = 'ARG MAJOR=3 MINOR="10"\nARG MINOR=11\nARG PY=${MAJOR}.${MINOR}\nFROM python:${PY}\n';
    expect(brief(text).map((b) => b.split(' ')[1])).toEqual(['3.11']);
  });

  it('a whole image from an ARG default', () => {
    expect(brief('ARG BASE=docker.io/library/python:3.12-slim\nFROM $BASE AS base\n')).toEqual(['python 3.12 2:6 $BASE']);
  });

  it('ARGs after the first FROM do not reach later FROMs', () => {
    expect(brief('FROM python:3.11 AS a\nARG PY=3.9\nFROM python:${PY:-3.12}\n').map((b) => b.split(' ')[1])).toEqual(['3.11', '3.12']);
  });

  it('a tag that needs an ARG without a default has no version; no warning, the image is known', () => {
    const r = parse('ARG PYTHON_VERSION\nFROM python:${PYTHON_VERSION}-slim\n');
    expect(r.runtimes.map((x) => [x.version, x.written])).toEqual([[null, 'python:${PYTHON_VERSION}-slim']]);
    expect(r.diagnostics).toEqual([]);
  });

  it('an image name that needs an ARG without a default is a warning naming the ARG', () => {
    const r = parse('ARG BASE_IMAGE\nFROM ${BASE_IMAGE} AS base\n');
    expect(r.runtimes).toEqual([]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ path: 'svc/Dockerfile', line: 2, column: 6, severity: 'warning', code: 'unresolved-base-image', message: expect.stringContaining('(BASE_IMAGE)') }),
    ]);
  });

  it('an escaped $ is literal', () => {
    expect(codes('FROM python:\\$PY\n')).toEqual(['1:1 warning invalid-from']);
  });
});

describe('lines', () => {
  it('continuations join lines; comment and blank lines inside them drop out', () => {
    const text = 'FROM \\\n  # the base\n\n    python:3.9 \\\n  AS base\nRUN true\n';
    expect(brief(text)).toEqual(['python 3.9 4:5 python:3.9']);
  });

  it('an escaped escape at the end is not a continuation', () => {
    // `RUN echo \\` ends the instruction, so the next line is an instruction of its own.
    expect(brief('RUN echo \\\\\nFROM python:3.10\n')).toEqual(['python 3.10 2:6 python:3.10']);
  });

  it('# escape=` makes the backtick the continuation character, and \\ an ordinary one', () => {
    const text = '# escape=`\n\nFROM `\n  python:3.11-windowsservercore\nRUN dir c:\\\nFROM node:20\n';
    expect(brief(text)).toEqual(['python 3.11 4:3 python:3.11-windowsservercore', 'node 20 6:6 node:20']);
  });

  it('directives count only at the top: after a comment, # escape is a comment', () => {
    const text = '# a comment\n# escape=`\nFROM \\\n python:3.11\n';
    expect(brief(text)).toEqual(['python 3.11 4:2 python:3.11']);
  });

  it('directive spelling: case, spaces, syntax first', () => {
    expect(brief('# syntax=docker/dockerfile:1\n#  ESCAPE = `\nFROM `\n node:18\n')).toEqual(['node 18 4:2 node:18']);
  });

  it('a bad escape value and a repeated directive are warnings; the default escape stays', () => {
    expect(codes('# escape=x\nFROM python:3\n')).toEqual(['1:1 warning invalid-directive']);
    expect(codes('# escape=`\n# escape=\\\nFROM python:3\n')).toEqual(['2:1 warning invalid-directive']);
    expect(brief('# escape=x\nFROM \\\n python:3\n')).toEqual(['python 3 3:2 python:3']);
  });

  it('comments and indented instructions', () => {
    expect(brief('  # FROM python:2.7\n\t FROM python:3.12\n#FROM node:12\n')).toEqual(['python 3.12 2:8 python:3.12']);
  });

  it('CRLF line endings and a BOM', () => {
    expect(brief('\uFEFFFROM python:3.11 AS a\r\nFROM node:20\r\n')).toEqual(['python 3.11 1:6 python:3.11', 'node 20 2:6 node:20']);
  });

  it('heredoc bodies are not instructions', () => {
    const text = [
      'FROM python:3.11',
      'RUN <<EOF',
      'FROM python:2.7',
      'EOF',
      'COPY <<-"CONF" /etc/app.conf',
      '\tFROM node:10',
      '\tCONF',
      'RUN python - <<\'PY\' && cat <<EOT',
      'FROM python:2.6',
      'PY',
      'FROM node:8',
      'EOT',
      'FROM node:20',
    ].join('\n');
    expect(brief(text)).toEqual(['python 3.11 1:6 python:3.11', 'node 20 13:6 node:20']);
  });

  it('JSON-form RUN and a here-string open no heredoc', () => {
    expect(brief('FROM python:3.11\nRUN ["sh", "-c", "cat <<EOF"]\nFROM node:20\nRUN cat <<<EOF\nFROM node:22\n').map((b) => b.split(' ')[1])).toEqual(['3.11', '20', '22']);
  });

  it('an unterminated heredoc is a warning and ends the file', () => {
    const r = parse('FROM python:3.11\nRUN <<EOF\nFROM python:2.7\n');
    expect(r.runtimes.map((x) => x.version)).toEqual(['3.11']);
    expect(r.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['2 unterminated-heredoc']);
  });
});

describe('malformed FROM: a warning, never a throw', () => {
  it.each([
    ['FROM\n', 'no image'],
    ['FROM python:3.11 builder\n', 'two arguments'],
    ['FROM python:3.11 AS\n', 'AS without a name'],
    ['FROM python:3.11 AS 1st\n', 'a stage name starting with a digit'],
    ['FROM python:3.11 AS a b\n', 'four arguments'],
    ['FROM Python:3.11\n', 'upper case'],
    ['FROM python:3.11:slim\n', 'two tags'],
    ['FROM python:-3.11\n', 'a tag starting with -'],
    ['FROM python@sha256:123\n', 'a short digest'],
    ['FROM python:${PY\n', 'an unterminated ${'],
    ["FROM 'python:3.11\n", 'an unterminated quote'],
    ['FROM ${X:-}\n', 'a blank base name'],
    ['FROM --platform\n', 'a flag without its value'],
  ])('%j (%s)', (text) => {
    const r = parse(text);
    expect(r.runtimes).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(['1:1 warning invalid-from']);
  });

  it('a warning carries the path and a message naming the problem', () => {
    expect(parse('FROM Python:3.11\n').diagnostics[0]).toEqual({
      path: 'svc/Dockerfile', line: 1, column: 1, severity: 'warning', code: 'invalid-from', message: 'FROM Python:3.11: invalid reference format: repository name must be lowercase',
    });
  });

  it('an empty file, or one without FROM, declares nothing', () => {
    expect(parse('')).toEqual({ runtimes: [], diagnostics: [] });
    expect(parse('# just a comment\nRUN echo hi\n')).toEqual({ runtimes: [], diagnostics: [] });
  });
});

describe('ARG chains that expand exponentially', () => {
  it('40 ARGs that each double the one before stop at the expansion cap with one warning (was: Invalid string length)', () => {
    let text = 'ARG A40=3.11\n';
    for (let i = 39; i >= 0; i--) text += `ARG A${i}=\${A${i + 1}}$A${i + 1}\n`;
    const start = performance.now();
    const r = parse(`${text}FROM python:$A0\n`);
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(r.runtimes.map((x) => [x.version, x.written])).toEqual([[null, 'python:$A0']]);
    // A30 is 4 x 2^10 = 4,096 characters; A29 would be 8,192.
    expect(r.diagnostics.map((d) => `${d.line} ${d.code} ${d.message}`)).toEqual(['12 arg-too-long ARG A29 expands to more than 4096 characters; read as unset']);
  });

  it('a long value that stays under the cap is kept', () => {
    expect(brief(`ARG PAD=${'x'.repeat(2000)}\nARG PY=3.12\nARG V=\${PAD:+$PY}\nFROM python:$V\n`).map((b) => b.split(' ')[1])).toEqual(['3.12']);
  });
});
