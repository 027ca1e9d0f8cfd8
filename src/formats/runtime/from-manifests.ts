/**
 * Runtimes that manifests state beside their dependencies: pyproject's `requires-python` (and
 * Poetry's `python`), Pipfile's `[requires] python_version`, package.json's `engines.node`.
 * The format parsers have already read them; this only turns them into RuntimeDeclarations.
 */
import semver from 'semver';
import type { RuntimeDeclaration, RuntimeParse } from '../../model/runtime.js';
import { formatVersion, parseVersion } from '../../pep440/index.js';
import type { PackageJsonManifest } from '../npm/package-json.js';
import { MAX_RANGE_LENGTH } from '../npm/spec.js';
import type { ParsedPipfile } from '../pipfile/parse.js';
import type { ParsedPyproject } from '../pyproject/parse.js';
import { lineStarts } from '../positions.js';

/** 1-based column of `value` on `line`, or 0 when it is not there as written (an escaped TOML string). */
function columnOf(text: string, line: number, value: string): number {
  const starts = lineStarts(text);
  const start = starts[line - 1];
  if (start === undefined || value === '') return 0;
  const end = starts[line] ?? text.length;
  const at = text.slice(start, end).indexOf(value);
  return at < 0 ? 0 : at + 1;
}

/**
 * `requires-python` as a range (the PEP 440 form Poetry's `^3.9` converts to); a constraint
 * that says nothing (`*`, or a Poetry union one set cannot express) is left out.
 */
export function runtimesFromPyproject(pyproject: Pick<ParsedPyproject, 'path' | 'text' | 'requiresPython'>): RuntimeParse {
  const runtimes: RuntimeDeclaration[] = [];
  for (const c of pyproject.requiresPython) {
    if (c.specifier === '') continue;
    runtimes.push({
      runtime: 'python', source: 'requires-python', path: pyproject.path, line: c.line, column: columnOf(pyproject.text, c.line, c.written),
      written: c.written, version: null, range: c.specifier, service: null,
    });
  }
  return { runtimes, diagnostics: [] };
}

/** pipenv creates the environment with exactly this Python, so it is an exact version (`3.11` means some 3.11.x). */
export function runtimesFromPipfile(pipfile: Pick<ParsedPipfile, 'path' | 'text' | 'requiresPython'>): RuntimeParse {
  const runtimes: RuntimeDeclaration[] = [];
  for (const c of pipfile.requiresPython) {
    const v = parseVersion(c.written.trim().replace(/\.\*$/, ''));
    runtimes.push({
      runtime: 'python', source: 'pipfile', path: pipfile.path, line: c.line, column: columnOf(pipfile.text, c.line, c.written),
      written: c.written, version: v ? formatVersion(v) : null, range: null, service: null,
    });
  }
  return { runtimes, diagnostics: [] };
}

/** `engines.node` as a semver range; `*` and `""` (any version) are left out, an invalid range is a warning. */
export function runtimesFromPackageJson(pkg: Pick<PackageJsonManifest, 'path' | 'package'>): RuntimeParse {
  const out: RuntimeParse = { runtimes: [], diagnostics: [] };
  const node = pkg.package.engines.node;
  if (!node) return out;
  if (node.value.length > MAX_RANGE_LENGTH) {
    out.diagnostics.push({
      path: pkg.path, line: node.line, column: node.column, severity: 'warning', code: 'invalid-engines-range',
      message: `engines.node is ${node.value.length} characters long, over ${MAX_RANGE_LENGTH}; not read as a semver range, not compared`,
    });
    return out;
  }
  const range = semver.validRange(node.value);
  if (range === null) {
    out.diagnostics.push({
      path: pkg.path, line: node.line, column: node.column, severity: 'warning', code: 'invalid-engines-range',
      message: `engines.node ${JSON.stringify(node.value)} is not a semver range; not compared`,
    });
    return out;
  }
  if (range === '*') return out;
  out.runtimes.push({
    // The column of the text written, inside the JSON string's quote (as for TOML values).
    runtime: 'node', source: 'engines', path: pkg.path, line: node.line, column: node.column + 1,
    written: node.value, version: null, range: node.value.trim(), service: null,
  });
  return out;
}
