/**
 * Pipfile (pipenv, TOML) → ParsedFormat (python-manifests.md §6): `[packages]`, `[dev-packages]`
 * and every other table except source, requires, pipenv and scripts as a category; `"*"`,
 * specifier strings and tables (version, extras, markers, marker-variable keys, git/ref, path,
 * file, editable, index). `[[source]]` gives index options, `[requires]` the Python constraint.
 */
import type { DeclarationRole } from '../../model/declaration.js';
import { sortDiagnostics } from '../../model/diagnostic.js';
import type { ParsedFormat } from '../../model/manifest.js';
import { formatSpecifierSet, parseSpecifierSet, parseVersion } from '../../pep440/index.js';
import { canonicalizeName, isValidName } from '../../pep508/index.js';
import { combineMarkers, DeclarationSink, renderRequirement, type Site } from '../pyproject/declare.js';
import { dependencySource } from '../pyproject/poetry-source.js';
import { pep440Python, type PythonConstraint } from '../pyproject/python-constraint.js';
import { Diagnostics, emptyFormat, lineStarts } from '../pyproject/source-text.js';
import { TomlContext } from '../pyproject/toml-context.js';
import { field, isTable, readToml, type TomlTable } from '../pyproject/toml-read.js';

export type ParsedPipfile = ParsedFormat & {
  kind: 'pipfile';
  /** `[requires] python_version` / `python_full_version`. */
  requiresPython: PythonConstraint[];
};

const NOT_CATEGORIES = new Set(['source', 'requires', 'pipenv', 'scripts']);
const ROLES: Record<string, DeclarationRole> = { packages: 'requirement', 'dev-packages': 'dev' };
/** PEP 508 marker variables usable as Pipfile keys, in `packaging.markers.default_environment()` order. */
const MARKER_KEYS = [
  'implementation_name', 'implementation_version', 'os_name', 'platform_machine', 'platform_release', 'platform_system',
  'platform_version', 'python_full_version', 'platform_python_implementation', 'python_version', 'sys_platform',
];

export function parsePipfile(text: string, ctx: { path: string }): ParsedPipfile {
  const out: ParsedPipfile = { ...emptyFormat('pipfile', text, ctx.path), kind: 'pipfile', requiresPython: [] };
  const diags = new Diagnostics(ctx.path, out.diagnostics);
  const doc = readToml(text, diags);
  if (!doc) return out;
  const c = new TomlContext(text, doc, new DeclarationSink(text, lineStarts(text), diags, out.declarations), out);
  for (const [category, table] of Object.entries(doc.data)) {
    if (NOT_CATEGORIES.has(category)) continue;
    if (!isTable(table)) {
      // `packages = "requests"`: pipenv refuses it; skipping it in silence would hide the packages.
      c.diags.add(c.at([category], true), 'error', 'invalid-value', `${category} must be a table of packages`);
      continue;
    }
    for (const [name, value] of Object.entries(table)) declare(c, category, name, value, c.entrySite([category, name]));
  }
  readSources(c, field(doc.data, 'source'));
  out.requiresPython = readRequires(c, field(doc.data, 'requires'));
  out.declarations.sort((a, b) => a.span.start - b.span.start);
  sortDiagnostics(out.diagnostics);
  return out;
}

function declare(c: TomlContext, category: string, rawName: string, value: unknown, site: Site): void {
  const at = c.sink.at(site.start);
  const bad = (code: string, message: string) => c.diags.add(at, 'error', code, `${rawName}: ${message}`);
  if (!isValidName(rawName)) return bad('invalid-requirement', 'not a valid package name');
  if (typeof value !== 'string' && !isTable(value)) return bad('invalid-value', 'a Pipfile package is "*", a specifier string or a table');
  const table: TomlTable = typeof value === 'string' ? { version: value } : value;
  const version = field(table, 'version') ?? '*';
  const markers = field(table, 'markers') ?? '';
  const extras = field(table, 'extras') ?? [];
  if (typeof version !== 'string' || typeof markers !== 'string') return bad('invalid-value', 'version and markers must be strings');
  if (!Array.isArray(extras) || !extras.every((e): e is string => typeof e === 'string')) return bad('invalid-value', 'extras must be an array of strings');

  const specifier = pipfileSpecifier(version.trim());
  if (!specifier.ok) return bad('invalid-specifier', specifier.error);
  if (specifier.bare) c.diags.add(at, 'warning', 'pipfile-bare-version', `${rawName} = ${JSON.stringify(version)}: a version without an operator; read as ==${version.trim()}`);
  const markerKeys: string[] = [];
  for (const key of MARKER_KEYS) {
    const v = field(table, key);
    if (typeof v === 'string') markerKeys.push(`${key}${v}`);
    else if (v !== undefined) return bad('invalid-value', `${key} must be a string such as "== 'win32'"`);
  }
  const marker = combineMarkers([markers, ...markerKeys]);
  if (!marker.ok) return bad('invalid-marker', marker.error);
  const source = dependencySource(table, c.out.path, 'editable');
  if (typeof source === 'string') return bad('invalid-value', source);
  c.sink.add(
    site,
    {
      name: canonicalizeName(rawName),
      rawName,
      requirement: renderRequirement(rawName, extras, source.reference, specifier.value, marker.marker),
      specifier: source.source === 'index' ? specifier.value : '',
      extras,
      marker: marker.marker,
      url: source.url,
      path: source.path,
      source: source.source,
      editable: source.editable,
      written: version,
    },
    { group: category, role: ROLES[category] ?? 'group', dialect: 'pipfile' },
  );
}

/** `"*"` → "", `">=4.2,<5"` → normalized set, a bare version → `==` (flagged). */
function pipfileSpecifier(version: string): { ok: true; value: string; bare: boolean } | { ok: false; error: string } {
  if (version === '*' || version === '') return { ok: true, value: '', bare: false };
  const bare = parseVersion(version) !== null && /^[v0-9]/i.test(version);
  const set = parseSpecifierSet(bare ? `==${version}` : version);
  return set.ok ? { ok: true, value: formatSpecifierSet(set.value), bare } : { ok: false, error: set.error };
}

/** pipenv passes the first source as --index-url and the rest as --extra-index-url. */
function readSources(c: TomlContext, sources: unknown): void {
  if (sources === undefined) return;
  if (!Array.isArray(sources)) {
    c.diags.add(c.at(['source'], true), 'error', 'invalid-value', 'source must be an array of tables ([[source]])');
    return;
  }
  let first = true;
  sources.forEach((s, i) => {
    const url = field(s, 'url');
    if (typeof url !== 'string') {
      c.diags.add(c.at(['source', i, 'url'], true), 'error', 'invalid-value', `source[${i}].url must be a string`);
      return;
    }
    const line = c.at(['source', i, 'url']).line;
    c.out.options.push({ line, name: first ? '--index-url' : '--extra-index-url', value: url });
    first = false;
    if (field(s, 'verify_ssl') === false) {
      const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/?#]+)/i.exec(url)?.[1];
      if (host) c.out.options.push({ line, name: '--trusted-host', value: host });
    }
  });
}

/** `python_version = "3.11"` means 3.11.x; `python_full_version = "3.11.4"` that release. */
function readRequires(c: TomlContext, requires: unknown): PythonConstraint[] {
  const out: PythonConstraint[] = [];
  for (const key of ['python_version', 'python_full_version']) {
    const v = field(requires, key);
    if (v === undefined) continue;
    if (typeof v !== 'string') {
      c.diags.add(c.at(['requires', key], true), 'error', 'invalid-value', `requires.${key} must be a string such as "3.11"`);
      continue;
    }
    const t = v.trim();
    const spec = key === 'python_version' && !t.endsWith('.*') ? `==${t}.*` : `==${t}`;
    const p = pep440Python(spec, `requires.${key}`, c.at(['requires', key]), c.diags);
    if (p) out.push({ ...p, written: v });
  }
  return out;
}
