import type { Diagnostic } from './diagnostic.js';

/**
 * A language runtime a service says it runs on: a Docker base image, a `.python-version`, a
 * `requires-python`, or `engines.node`. Compared across services by the runtime-drift rule.
 */
export type RuntimeName = 'python' | 'node';

/**
 * Where it is said. Exact versions: `dockerfile`, `python-version`, `pipfile` (`[requires]`),
 * `nvmrc`, `node-version`; ranges: `requires-python` (PEP 621 or Poetry's `python`), `engines`.
 */
export type RuntimeSource = 'dockerfile' | 'python-version' | 'pipfile' | 'requires-python' | 'engines' | 'nvmrc' | 'node-version';

export const RUNTIME_SOURCES: readonly RuntimeSource[] = ['dockerfile', 'engines', 'node-version', 'nvmrc', 'pipfile', 'python-version', 'requires-python'];

export interface RuntimeDeclaration {
  runtime: RuntimeName;
  source: RuntimeSource;
  /** Root-relative POSIX path of the file that says it. */
  path: string;
  line: number;
  /** 1-based; 0 when the value could not be located on its line. */
  column: number;
  /** As written (`python:3.11-slim`, `python:${PY}`, `3.11.4`, `>=3.10`, `^20`). */
  written: string;
  /**
   * The exact version it names, at the precision written (`3`, `3.11`, `3.11.4`, `20`), or null
   * for a range or an alias (`python:latest`, `lts/iron`, `system`, a tag that is no version).
   */
  version: string | null;
  /** A range (`>=3.10` as PEP 440, `^20` as a semver range), or null for an exact version. */
  range: string | null;
  /** The owning service (set when the inventory is assembled); null for files outside any service. */
  service: string | null;
}

/** What a runtime reader returns: declarations in file order (`service` null) and its warnings. */
export interface RuntimeParse {
  runtimes: RuntimeDeclaration[];
  diagnostics: Diagnostic[];
}
