/**
 * Poetry's `[tool.poetry]` dependency tables (python-manifests.md §5.3): the main group, legacy
 * `dev-dependencies`, `group.<g>.dependencies`, their string / table / multiple-constraint forms,
 * and `[[tool.poetry.source]]` as index options.
 */
import type { DeclarationRole } from '../../model/declaration.js';
import type { OptionLine } from '../../model/manifest.js';
import { canonicalizeName, isValidName } from '../../pep508/index.js';
import { combineMarkers, renderRequirement, type Site } from './declare.js';
import { dependencySource, type DependencySource } from './poetry-source.js';
import { convertPoetryConstraint } from './poetry-constraint.js';
import { platformMarker, pythonMarker } from './poetry-markers.js';
import { poetryPython, type PythonConstraint } from './python-constraint.js';
import { dotted, type TomlContext } from './toml-context.js';
import { field, isTable, type TomlTable } from './toml-read.js';

interface Section {
  path: string[];
  group: string;
  role: DeclarationRole;
}

/**
 * Reads `[tool.poetry]`. `projectNames` holds the canonical names of a static
 * `[project] dependencies`: Poetry 2 then only uses the main table to enrich those entries.
 */
export function readPoetry(c: TomlContext, poetry: TomlTable, projectNames: ReadonlySet<string> | null): PythonConstraint[] {
  const base = ['tool', 'poetry'];
  const sections: Section[] = [];
  if (field(poetry, 'dependencies') !== undefined) sections.push({ path: [...base, 'dependencies'], group: 'main', role: 'requirement' });
  if (field(poetry, 'dev-dependencies') !== undefined) sections.push({ path: [...base, 'dev-dependencies'], group: 'dev', role: 'dev' });
  const groups = field(poetry, 'group');
  if (isTable(groups)) {
    for (const [g, table] of Object.entries(groups)) {
      if (field(table, 'dependencies') !== undefined) sections.push({ path: [...base, 'group', g, 'dependencies'], group: g, role: 'group' });
    }
  }
  const python: PythonConstraint[] = [];
  for (const s of sections) {
    const table = s.path.slice(2).reduce<unknown>((t, k) => field(t, k), poetry);
    if (!isTable(table)) {
      c.diags.add(c.at(s.path, true), 'error', 'invalid-value', `[${dotted(s.path)}] must be a table`);
      continue;
    }
    for (const [key, value] of Object.entries(table)) {
      const path = [...s.path, key];
      if (key.toLowerCase() === 'python') {
        if (typeof value === 'string') {
          const p = poetryPython(value, dotted(path), c.at(path, true), c.diags);
          if (p) python.push(p);
        } else c.diags.add(c.at(path, true), 'error', 'invalid-value', `${dotted(path)} must be a string`);
        continue;
      }
      if (s.group === 'main' && projectNames !== null) {
        if (projectNames.has(canonicalizeName(key))) continue;
        c.diags.add(c.at(path, true), 'warning', 'poetry-not-in-project', `${key} is in [tool.poetry.dependencies] but not in [project] dependencies: Poetry 2 only uses this table to enrich [project] entries`);
      }
      if (Array.isArray(value)) {
        value.forEach((v, i) => declare(c, key, v, c.site([...path, i]), s));
      } else declare(c, key, value, c.entrySite(path), s);
    }
  }
  readSources(c, field(poetry, 'source'));
  return python;
}

/** One Poetry dependency: `"^1.2"` or a table (version, extras, markers, python, platform, git, path, url, ...). */
function declare(c: TomlContext, rawName: string, value: unknown, site: Site, s: Section): void {
  const at = c.sink.at(site.start);
  if (!isValidName(rawName)) {
    c.diags.add(at, 'error', 'invalid-requirement', `${JSON.stringify(rawName)} is not a valid package name`);
    return;
  }
  const table: TomlTable = typeof value === 'string' ? { version: value } : isTable(value) ? value : {};
  if (typeof value !== 'string' && !isTable(value)) {
    c.diags.add(at, 'error', 'invalid-value', `${rawName}: a Poetry dependency is a version string, a table or an array of tables`);
    return;
  }
  const bad = (code: string, message: string) => c.diags.add(at, 'error', code, `${rawName}: ${message}`);
  const str = (key: string): string | undefined | null => {
    const v = field(table, key);
    if (v === undefined || typeof v === 'string') return v;
    bad('invalid-value', `${key} must be a string`);
    return null;
  };
  const [version, python, platform, markers] = [str('version'), str('python'), str('platform'), str('markers')];
  if (version === null || python === null || platform === null || markers === null) return;

  let specifier = '';
  if (version !== undefined) {
    const conv = convertPoetryConstraint(version);
    if (!conv.ok) return bad('invalid-poetry-constraint', `${JSON.stringify(version)}: ${conv.error}`);
    if (conv.alternatives) {
      c.diags.add(at, 'warning', 'poetry-union', `${rawName} = ${JSON.stringify(version)} is a union (${conv.alternatives.map((a) => a || '*').join(' or ')}), which one PEP 440 set cannot express: compared as any version`);
    }
    specifier = conv.specifier;
  }
  const pyMarker = python === undefined ? { ok: true as const, marker: null } : pythonMarker(python);
  const platMarker = platform === undefined ? { ok: true as const, marker: null } : platformMarker(platform);
  if (!pyMarker.ok) return bad('invalid-poetry-constraint', `python = ${JSON.stringify(python)}: ${pyMarker.error}`);
  if (!platMarker.ok) return bad('invalid-marker', platMarker.error);
  const marker = combineMarkers([pyMarker.marker ?? '', platMarker.marker ?? '', markers ?? '']);
  if (!marker.ok) return bad('invalid-marker', marker.error);

  const extras = field(table, 'extras');
  if (extras !== undefined && !(Array.isArray(extras) && extras.every((e) => typeof e === 'string'))) {
    return bad('invalid-value', 'extras must be an array of strings');
  }
  const source: DependencySource | string = dependencySource(table, c.out.path, 'develop');
  if (typeof source === 'string') return bad('invalid-value', source);
  const extraList = (extras ?? []) as string[];
  const optional = s.group === 'main' && field(table, 'optional') === true;
  c.sink.add(
    site,
    {
      name: canonicalizeName(rawName),
      rawName,
      requirement: renderRequirement(rawName, extraList, source.reference, specifier, marker.marker),
      specifier: source.source === 'index' ? specifier : '',
      extras: extraList,
      marker: marker.marker,
      url: source.url,
      path: source.path,
      source: source.source,
      editable: source.editable,
      ...(version !== undefined ? { written: version } : {}),
    },
    { group: s.group, role: optional ? 'optional' : s.role, dialect: 'poetry' },
  );
}

/** `[[tool.poetry.source]]`: the default (or first primary) source replaces PyPI, the others add to it. */
function readSources(c: TomlContext, sources: unknown): void {
  if (!Array.isArray(sources)) return;
  const entries = sources.flatMap((s, i) => {
    const url = field(s, 'url');
    if (typeof url !== 'string') return [];
    const legacyDefault = field(s, 'default') === true;
    const legacySecondary = field(s, 'secondary') === true;
    const priority = field(s, 'priority') ?? (legacyDefault ? 'default' : legacySecondary ? 'secondary' : 'primary');
    return [{ url, priority, line: c.at(['tool', 'poetry', 'source', i, 'url']).line }];
  });
  const main = entries.find((e) => e.priority === 'default') ?? entries.find((e) => e.priority === 'primary');
  for (const e of entries) {
    const option: OptionLine = { line: e.line, name: e === main ? '--index-url' : '--extra-index-url', value: e.url };
    c.out.options.push(option);
  }
}
