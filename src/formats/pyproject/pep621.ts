/**
 * PEP 621 `[project]` (dependencies, optional-dependencies, requires-python, dynamic) and
 * `[build-system] requires`, all PEP 508 strings read as packaging 26.2 reads them.
 */
import { canonicalizeName } from '../../pep508/index.js';
import { pep440Python, type PythonConstraint } from './python-constraint.js';
import { dotted, type TomlContext } from './toml-context.js';
import { field, isTable, type TomlTable } from './toml-read.js';

export interface ProjectRead {
  python: PythonConstraint[];
  /** Canonical names of a static `dependencies` array (null when there is none). */
  names: Set<string> | null;
  /** Fields named in `dynamic` (computed by the build backend). */
  dynamic: string[];
}

export function readProject(c: TomlContext, project: unknown): ProjectRead {
  const read: ProjectRead = { python: [], names: null, dynamic: [] };
  if (project === undefined) return read;
  const base = ['project'];
  if (!isTable(project)) {
    c.diags.add(c.at(base, true), 'error', 'invalid-value', '[project] must be a table');
    return read;
  }
  const dynamic = field(project, 'dynamic');
  if (Array.isArray(dynamic)) read.dynamic = dynamic.filter((d): d is string => typeof d === 'string');

  const deps = field(project, 'dependencies');
  if (deps !== undefined) {
    const before = c.out.declarations.length;
    c.pep508List([...base, 'dependencies'], deps, { group: 'main', role: 'requirement', dialect: 'pep508' });
    read.names = new Set(c.out.declarations.slice(before).map((d) => d.name ?? ''));
    if (read.dynamic.includes('dependencies')) {
      c.diags.add(c.at([...base, 'dependencies'], true), 'error', 'invalid-value', 'dependencies is listed in project.dynamic and given statically; PEP 621 forbids both');
    }
  }
  const optional = field(project, 'optional-dependencies');
  if (optional !== undefined) readOptional(c, optional);

  const python = field(project, 'requires-python');
  if (typeof python === 'string') {
    const p = pep440Python(python, 'project.requires-python', c.at([...base, 'requires-python']), c.diags);
    if (p) read.python.push(p);
  } else if (python !== undefined) {
    c.diags.add(c.at([...base, 'requires-python'], true), 'error', 'invalid-value', 'project.requires-python must be a string');
  }
  return read;
}

/** Each extra is a group (its PEP 685-normalized name), role `optional`. */
function readOptional(c: TomlContext, optional: unknown): void {
  const path = ['project', 'optional-dependencies'];
  if (!isTable(optional)) {
    c.diags.add(c.at(path, true), 'error', 'invalid-value', `${dotted(path)} must be a table`);
    return;
  }
  for (const [extra, list] of Object.entries(optional)) {
    c.pep508List([...path, extra], list, { group: canonicalizeName(extra), role: 'optional', dialect: 'pep508' });
  }
}

/** `[build-system] requires`: group and role `build`. */
export function readBuildSystem(c: TomlContext, build: unknown): void {
  if (build === undefined) return;
  if (!isTable(build)) {
    c.diags.add(c.at(['build-system'], true), 'error', 'invalid-value', '[build-system] must be a table');
    return;
  }
  const requires = field(build as TomlTable, 'requires');
  if (requires !== undefined) c.pep508List(['build-system', 'requires'], requires, { group: 'build', role: 'build', dialect: 'pep508' });
}
