/**
 * pyproject.toml → ParsedFormat: PEP 621 `[project]`, PEP 735 `[dependency-groups]`,
 * `[build-system] requires`, Poetry `[tool.poetry]` and uv `[tool.uv]` (python-manifests.md §5).
 * Line numbers come from the TOML source. Never throws; every problem is a Diagnostic.
 */
import { sortDiagnostics } from '../../model/diagnostic.js';
import type { ParsedFormat } from '../../model/manifest.js';
import { DeclarationSink } from './declare.js';
import { readDependencyGroups, type DependencyGroup } from './dependency-groups.js';
import { readBuildSystem, readProject } from './pep621.js';
import { readPoetry } from './poetry.js';
import type { PythonConstraint } from './python-constraint.js';
import { Diagnostics, emptyFormat, lineStarts } from './source-text.js';
import { TomlContext } from './toml-context.js';
import { field, isTable, readToml } from './toml-read.js';
import { readUv } from './uv.js';

export type { DependencyGroup, DependencyGroupItem } from './dependency-groups.js';
export { expandDependencyGroup, MAX_GROUP_EXPANSION } from './dependency-groups.js';
export type { PythonConstraint } from './python-constraint.js';

/** What a pyproject.toml declares beyond the common model. */
export type ParsedPyproject = ParsedFormat & {
  kind: 'pyproject';
  /** `project.requires-python` and Poetry's `python` keys, in file order. */
  requiresPython: PythonConstraint[];
  /** PEP 735 groups with their include relations; see `expandDependencyGroup`. */
  dependencyGroups: DependencyGroup[];
  /** `project.dynamic`: fields the build backend computes, which depaudit cannot see. */
  dynamic: string[];
};

export function parsePyproject(text: string, ctx: { path: string }): ParsedPyproject {
  const out: ParsedPyproject = { ...emptyFormat('pyproject', text, ctx.path), kind: 'pyproject', requiresPython: [], dependencyGroups: [], dynamic: [] };
  const diags = new Diagnostics(ctx.path, out.diagnostics);
  const doc = readToml(text, diags);
  if (!doc) return out;
  const c = new TomlContext(text, doc, new DeclarationSink(text, lineStarts(text), diags, out.declarations), out);

  const project = readProject(c, field(doc.data, 'project'));
  out.dynamic = project.dynamic;
  readBuildSystem(c, field(doc.data, 'build-system'));
  const groups = field(doc.data, 'dependency-groups');
  if (groups !== undefined) out.dependencyGroups = readDependencyGroups(c, groups);
  const tool = field(doc.data, 'tool');
  const poetry = field(tool, 'poetry');
  const poetryPython = isTable(poetry) ? readPoetry(c, poetry, project.dynamic.includes('dependencies') ? null : project.names) : [];
  const uv = field(tool, 'uv');
  if (isTable(uv)) readUv(c, uv);

  out.requiresPython = [...project.python, ...poetryPython];
  const poetryDeps = field(poetry, 'dependencies') !== undefined;
  for (const f of ['dependencies', 'optional-dependencies']) {
    if (project.dynamic.includes(f) && !(f === 'dependencies' && poetryDeps)) {
      diags.add(c.at(['project', 'dynamic']), 'warning', 'dynamic-dependencies', `project.${f} is dynamic: the build backend computes it (setup.py, setup.cfg, a plugin), so depaudit cannot list it here`);
    }
  }
  sortByPosition(out);
  sortDiagnostics(out.diagnostics);
  return out;
}

/** Declarations in file order; dependency-group items follow their declarations. */
function sortByPosition(out: ParsedPyproject): void {
  const order = out.declarations.map((d, i) => ({ d, i })).sort((a, b) => a.d.span.start - b.d.span.start || a.i - b.i);
  const newIndex = new Map(order.map((o, n) => [o.i, n]));
  out.declarations = order.map((o) => o.d);
  for (const g of out.dependencyGroups) {
    for (const item of g.items) if (item.kind === 'declaration') item.index = newIndex.get(item.index)!;
  }
}
