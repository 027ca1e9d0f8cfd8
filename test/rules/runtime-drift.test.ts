/**
 * runtime-drift over in-memory inventories: runtime files are read with the runtime readers,
 * each belongs to the service named by its first directory (files at the root to none), and
 * the inventory's `runtimes` is set the way the scanner sets it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, resolveRulesWith } from '../../src/analysis/evaluate.js';
import { RULE_OPTIONS } from '../../src/config/rule-options.js';
import type { Finding } from '../../src/analysis/finding.js';
import { configSchema } from '../../src/config/schema.js';
import { parsePackageJson } from '../../src/formats/npm/package-json.js';
import { parsePipfile } from '../../src/formats/pipfile/parse.js';
import { parsePyproject } from '../../src/formats/pyproject/parse.js';
import { parseDockerfileRuntimes } from '../../src/formats/runtime/dockerfile.js';
import { runtimesFromPackageJson, runtimesFromPipfile, runtimesFromPyproject } from '../../src/formats/runtime/from-manifests.js';
import { parseRuntimeVersionFile } from '../../src/formats/runtime/version-file.js';
import type { Inventory } from '../../src/inventory/model.js';
import type { RuntimeDeclaration, RuntimeParse } from '../../src/model/runtime.js';

function read(path: string, text: string): RuntimeParse {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^Dockerfile(\..*)?$|\.Dockerfile$/.test(base)) return parseDockerfileRuntimes(text, { path });
  if (base === 'pyproject.toml') return runtimesFromPyproject(parsePyproject(text, { path }));
  if (base === 'Pipfile') return runtimesFromPipfile(parsePipfile(text, { path }));
  if (base === 'package.json') return runtimesFromPackageJson(parsePackageJson(text, { path }));
  return parseRuntimeVersionFile(text, { path });
}

function inventoryOf(files: Record<string, string>): Inventory {
  const runtimes: RuntimeDeclaration[] = [];
  for (const [path, text] of Object.entries(files)) {
    const r = read(path, text);
    expect(r.diagnostics, path).toEqual([]);
    const service = path.includes('/') ? path.slice(0, path.indexOf('/')) : null;
    runtimes.push(...r.runtimes.map((d) => ({ ...d, service })));
  }
  runtimes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  const services = [...new Set(runtimes.flatMap((r) => (r.service ? [r.service] : [])))].sort();
  return { rootName: 'root', services: services.map((name) => ({ name, path: name, manifests: [] })), manifests: [], runtimes };
}

function findings(files: Record<string, string>, config: Record<string, unknown> = {}): Finding[] {
  const parsed = configSchema.parse({ ...config, rules: { 'runtime-drift': 'error', ...(config.rules as object) } });
  return evaluate(inventoryOf(files), parsed, resolveRulesWith(parsed, RULE_OPTIONS)).filter((f) => f.rule === 'runtime-drift');
}

const messages = (files: Record<string, string>) => findings(files).map((f) => f.message);
const where = (f: Finding) => f.locations.map((l) => `${l.path}:${l.line}`);

describe('exact versions across services', () => {
  it('two Python images: minor drift, every version with its services and locations', () => {
    const [f, ...rest] = findings({
      'api/Dockerfile': 'FROM python:3.11-slim\n',
      'web/Dockerfile': '# web\nFROM python:3.11\n',
      'worker/Dockerfile': 'FROM python:3.10\n',
    });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      rule: 'runtime-drift',
      severity: 'error',
      package: 'python',
      message: 'python runs on 2 different versions: 3.10 (worker), 3.11 (api, web); minor drift',
      data: { runtime: 'python', drift: 'minor', versions: { '3.10': ['worker'], '3.11': ['api', 'web'] }, sources: ['dockerfile'] },
    });
    expect(where(f!)).toEqual(['api/Dockerfile:1', 'web/Dockerfile:2', 'worker/Dockerfile:1']);
    expect(f!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('patch drift between a version file and an ARG default', () => {
    const [f] = findings({
      'api/.python-version': '3.11.4\n',
      'worker/Dockerfile': 'ARG PYTHON_VERSION=3.11.6\nFROM python:${PYTHON_VERSION}-slim-bookworm\n',
    });
    expect(f?.data).toEqual({ runtime: 'python', drift: 'patch', versions: { '3.11.4': ['api'], '3.11.6': ['worker'] }, sources: ['dockerfile', 'python-version'] });
    expect(where(f!)).toEqual(['api/.python-version:1', 'worker/Dockerfile:2']);
  });

  it('a less precise version is listed but agrees: the drift is between the others', () => {
    const [f] = findings({ 'a/Dockerfile': 'FROM python:3\n', 'b/Dockerfile': 'FROM python:3.10\n', 'c/.python-version': '3.11.2\n' });
    expect(f?.message).toBe('python runs on 3 different versions: 3 (a), 3.10 (b), 3.11.2 (c); minor drift');
  });

  it('the largest drift among the pairs that disagree', () => {
    const [f] = findings({ 'a/Dockerfile': 'FROM python:3.11.4\n', 'b/Dockerfile': 'FROM python:3.11.6\n', 'c/Dockerfile': 'FROM python:2.7\n' });
    expect(f?.data).toMatchObject({ drift: 'major' });
  });

  it('a pre-release against its final release', () => {
    const [f] = findings({ 'a/Dockerfile': 'FROM python:3.13.0rc1\n', 'b/Dockerfile': 'FROM python:3.13.0\n' });
    expect(f?.data).toMatchObject({ drift: 'pre', versions: { '3.13.0rc1': ['a'], '3.13.0': ['b'] } });
  });

  it('Node: .nvmrc against an image, major drift; versions compare numerically', () => {
    const [f] = findings({ 'ui/.nvmrc': 'v20.11.1\n', 'admin/Dockerfile': 'FROM node:18-alpine\n', 'docs/.node-version': '9\n' });
    expect(f?.message).toBe('node runs on 3 different versions: 9 (docs), 18 (admin), 20.11.1 (ui); major drift');
    expect(f?.data).toMatchObject({ runtime: 'node', sources: ['dockerfile', 'node-version', 'nvmrc'] });
  });

  it('a drift within one service counts too (an image and the version file beside it)', () => {
    expect(messages({ 'api/Dockerfile': 'FROM python:3.12\n', 'api/.python-version': '3.11\n' })).toEqual([
      'python runs on 2 different versions: 3.11 (api), 3.12 (api); minor drift',
    ]);
  });

  it('messages name at most ten versions and five services; data keeps them all', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`s${String(i).padStart(2, '0')}/Dockerfile`] = `FROM python:3.${i}\n`;
    for (let i = 0; i < 6; i++) files[`t${i}/Dockerfile`] = 'FROM python:3.0\n';
    const [f] = findings(files);
    expect(f?.message).toBe(
      'python runs on 12 different versions: 3.0 (s00, t0, t1, t2, t3 and 2 more), 3.1 (s01), 3.2 (s02), 3.3 (s03), 3.4 (s04), 3.5 (s05), 3.6 (s06), 3.7 (s07), 3.8 (s08), 3.9 (s09), and 2 more versions; minor drift',
    );
    expect(Object.keys(f!.data.versions as object)).toHaveLength(12);
    expect((f!.data.versions as Record<string, string[]>)['3.0']).toEqual(['s00', 't0', 't1', 't2', 't3', 't4', 't5']);
  });
});

describe('what is not drift', () => {
  it.each<[string, Record<string, string>]>([
    ['one service', { 'api/Dockerfile': 'FROM python:3.11\n' }],
    ['the same version, other variants', { 'a/Dockerfile': 'FROM python:3.11-slim-bookworm\n', 'b/Dockerfile': 'FROM python:3.11-alpine\n', 'c/.python-version': '3.11\n' }],
    ['a less precise version', { 'a/Dockerfile': 'FROM python:3\n', 'b/Dockerfile': 'FROM python:3.11\n', 'c/.python-version': '3.11.4\n' }],
    ['3.11 and 3.11.0', { 'a/Dockerfile': 'FROM python:3.11\n', 'b/.python-version': '3.11.0\n' }],
    ['aliases are not compared', { 'a/Dockerfile': 'FROM python:latest\n', 'b/Dockerfile': 'FROM python\n', 'c/.nvmrc': 'lts/iron\n', 'd/Dockerfile': 'FROM node:lts\n', 'e/Dockerfile': 'FROM python:3.9\n' }],
    ['stages and other images', { 'a/Dockerfile': 'FROM python:3.11 AS build\nFROM build\n', 'b/Dockerfile': 'FROM pypy:3.9\nFROM myorg/python:3.8\n', 'c/.python-version': 'pypy3.10-7.3.12\n' }],
    ['files outside every service', { Dockerfile: 'FROM python:3.8\n', 'api/Dockerfile': 'FROM python:3.11\n' }],
    ['python and node are separate runtimes', { 'a/Dockerfile': 'FROM python:3.11\n', 'b/Dockerfile': 'FROM node:20\n' }],
    ['node 20 and 20.11', { 'a/.nvmrc': '20\n', 'b/Dockerfile': 'FROM node:20.11-alpine\n' }],
    ['the same range, spelled differently', {
      'a/pyproject.toml': '[project]\nrequires-python = ">=3.9"\n',
      'b/pyproject.toml': '[project]\nrequires-python = ">= 3.9.0"\n',
      'c/package.json': '{ "engines": { "node": "^20" } }',
      'd/package.json': '{ "engines": { "node": "20.x" } }',
    }],
    ['a range in only one service', { 'a/pyproject.toml': '[project]\nrequires-python = ">=3.9"\n', 'b/Dockerfile': 'FROM python:3.11\n' }],
    ['a version inside its own range, at its precision', {
      'a/Dockerfile': 'FROM python:3.11\n',
      'a/pyproject.toml': '[project]\nrequires-python = ">=3.11.4"\n',
      'b/.nvmrc': '20\n',
      'b/package.json': '{ "engines": { "node": ">=20.10 <21" } }',
    }],
    ['a release candidate is checked as its release, as pip does', { 'a/Dockerfile': 'FROM python:3.13.0rc1\n', 'a/pyproject.toml': '[project]\nrequires-python = ">=3.13"\n' }],
    ['Pipfile python_version inside requires-python', { 'a/Pipfile': '[requires]\npython_version = "3.10"\n', 'a/pyproject.toml': '[project]\nrequires-python = ">=3.10,<3.13"\n' }],
  ])('%s', (_, files) => {
    expect(messages(files)).toEqual([]);
  });

  it('the rule is off', () => {
    expect(findings({ 'a/Dockerfile': 'FROM python:3.10\n', 'b/Dockerfile': 'FROM python:3.11\n' }, { rules: { 'runtime-drift': 'off' } })).toEqual([]);
  });

  it('ignore.packages names the runtime', () => {
    const files = { 'a/Dockerfile': 'FROM python:3.10\n', 'b/Dockerfile': 'FROM python:3.11\n', 'c/.nvmrc': '18\n', 'd/.nvmrc': '20\n' };
    expect(findings(files, { ignore: { packages: ['python'] } }).map((f) => f.package)).toEqual(['node']);
  });
});

describe('ranges across services', () => {
  it('requires-python floors that differ, normalized as PEP 440', () => {
    const [f, ...rest] = findings({
      'api/pyproject.toml': '[project]\nname = "api"\nrequires-python = ">=3.9"\n',
      'web/pyproject.toml': '[project]\nname = "web"\nrequires-python = ">= 3.9"\n',
      'worker/pyproject.toml': '[project]\nname = "worker"\nrequires-python = ">=3.11"\n',
    });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      package: 'python',
      message: 'python is required at 2 different ranges: >=3.11 (worker), >=3.9 (api, web)',
      data: { runtime: 'python', ranges: { '>=3.11': ['worker'], '>=3.9': ['api', 'web'] }, sources: ['requires-python'] },
    });
    expect(where(f!)).toEqual(['api/pyproject.toml:3', 'web/pyproject.toml:3', 'worker/pyproject.toml:3']);
  });

  it("Poetry's caret is compared in its PEP 440 form", () => {
    expect(messages({
      'a/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\n',
      'b/pyproject.toml': '[project]\nrequires-python = ">=3.10,<4.0"\n',
      'c/pyproject.toml': '[project]\nrequires-python = ">=3.10"\n',
    })).toEqual(['python is required at 2 different ranges: >=3.10 (c), ^3.10 (a, b)']);
  });

  it('engines.node ranges that differ, normalized by semver', () => {
    const [f] = findings({
      'a/package.json': '{ "engines": { "node": ">=18" } }',
      'b/package.json': '{ "engines": { "node": "^20" } }',
      'c/package.json': '{ "engines": { "node": "20.x" } }',
    });
    expect(f?.message).toBe('node is required at 2 different ranges: >=18 (a), ^20 (b, c)');
    expect(f?.data).toEqual({ runtime: 'node', ranges: { '>=18': ['a'], '^20': ['b', 'c'] }, sources: ['engines'] });
  });
});

describe("a version the service's own range excludes", () => {
  it('a Dockerfile below requires-python', () => {
    const [f, ...rest] = findings({
      'billing/Dockerfile': 'FROM python:3.8-slim\n',
      'billing/pyproject.toml': '[project]\nname = "billing"\nrequires-python = ">=3.10"\n',
    });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      package: 'python',
      message: 'python in billing: 3.8 (dockerfile) is outside >=3.10 (requires-python)',
      data: { runtime: 'python', service: 'billing', clashes: [{ version: '3.8', source: 'dockerfile', range: '>=3.10', rangeSource: 'requires-python' }] },
    });
    expect(where(f!)).toEqual(['billing/Dockerfile:1', 'billing/pyproject.toml:3']);
  });

  it('.nvmrc below engines.node', () => {
    expect(messages({ 'web/.nvmrc': '18\n', 'web/package.json': '{ "engines": { "node": ">=20" } }' })).toEqual(['node in web: 18 (nvmrc) is outside >=20 (engines)']);
  });

  it('an upper bound too, and every clash of the service in one finding', () => {
    expect(messages({
      'ml/Dockerfile': 'FROM python:3.13\nFROM python:3.13-slim\n',
      'ml/.python-version': '3.9\n',
      'ml/pyproject.toml': '[project]\nrequires-python = ">=3.10,<3.13"\n',
    })).toEqual([
      'python in ml: 3.9 (python-version) is outside >=3.10,<3.13 (requires-python); 3.13 (dockerfile) is outside >=3.10,<3.13 (requires-python)',
      'python runs on 2 different versions: 3.9 (ml), 3.13 (ml); minor drift',
    ]);
  });

  it('a release candidate is checked as its release: 3.13.0rc1 is not <3.13', () => {
    expect(messages({ 'a/Dockerfile': 'FROM python:3.13.0rc1\n', 'a/pyproject.toml': '[project]\nrequires-python = "<3.13"\n' })).toEqual([
      'python in a: 3.13.0rc1 (dockerfile) is outside <3.13 (requires-python)',
    ]);
  });

  it("another service's range does not apply", () => {
    expect(messages({ 'a/Dockerfile': 'FROM python:3.8\n', 'b/pyproject.toml': '[project]\nrequires-python = ">=3.10"\n' })).toEqual([]);
  });
});

describe('fingerprints', () => {
  const fp = (files: Record<string, string>) => findings(files).map((f) => f.fingerprint);

  it('do not move with lines, and change with the versions', () => {
    const base = fp({ 'a/Dockerfile': 'FROM python:3.10\n', 'b/Dockerfile': 'FROM python:3.11\n' });
    expect(fp({ 'a/Dockerfile': '# moved\n\nFROM python:3.10\n', 'b/Dockerfile': 'FROM python:3.11\n' })).toEqual(base);
    expect(fp({ 'a/Dockerfile': 'FROM python:3.9\n', 'b/Dockerfile': 'FROM python:3.11\n' })).not.toEqual(base);
  });

  it('a drift and a clash over the same files differ', () => {
    const fs = findings({
      'a/Dockerfile': 'FROM python:3.8\n',
      'a/pyproject.toml': '[project]\nrequires-python = ">=3.10"\n',
      'b/Dockerfile': 'FROM python:3.11\n',
      'b/pyproject.toml': '[project]\nrequires-python = ">=3.10"\n',
    });
    expect(fs.map((f) => f.message)).toEqual([
      'python in a: 3.8 (dockerfile) is outside >=3.10 (requires-python)',
      'python runs on 2 different versions: 3.8 (a), 3.11 (b); minor drift',
    ]);
    expect(new Set(fs.map((f) => f.fingerprint)).size).toBe(2);
  });
});
