import type { Diagnostics } from './source-text.js';
import { convertPoetryConstraint } from './poetry-constraint.js';
import { formatSpecifierSet, parseSpecifierSet } from '../../pep440/index.js';

/**
 * A constraint on the Python version itself (not a package): `project.requires-python`,
 * Poetry's `python` key, Pipfile `[requires] python_version`. Kept out of the declarations so
 * it is never compared as a dependency; runtime-drift checks read it from here.
 */
export interface PythonConstraint {
  line: number;
  /** Where it was declared, e.g. `project.requires-python`, `tool.poetry.dependencies.python`. */
  source: string;
  /** As written. */
  written: string;
  /** Normalized PEP 440 set; "" when it says nothing (`*`) or cannot be one set (a Poetry union). */
  specifier: string;
}

/** A PEP 440 requires-python (`>=3.9`); null (with an error) when it is not a specifier set. */
export function pep440Python(written: string, source: string, at: { line: number; column: number }, diags: Diagnostics): PythonConstraint | null {
  const set = parseSpecifierSet(written);
  if (!set.ok) {
    diags.add(at, 'error', 'invalid-specifier', `${source}: ${set.error}`);
    return null;
  }
  return { line: at.line, source, written, specifier: formatSpecifierSet(set.value) };
}

/** A Poetry python constraint (`^3.9`, `~2.7 || ^3.4`). */
export function poetryPython(written: string, source: string, at: { line: number; column: number }, diags: Diagnostics): PythonConstraint | null {
  const c = convertPoetryConstraint(written);
  if (!c.ok) {
    diags.add(at, 'error', 'invalid-poetry-constraint', `${source}: ${JSON.stringify(written)}: ${c.error}`);
    return null;
  }
  if (c.alternatives) {
    diags.add(at, 'warning', 'poetry-union', `${source} = ${JSON.stringify(written)} is a union (${c.alternatives.map((a) => a || '*').join(' or ')}), which one PEP 440 set cannot express: compared as any version`);
  }
  return { line: at.line, source, written, specifier: c.specifier };
}
