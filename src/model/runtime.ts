/**
 * A language runtime a service says it runs on: a Docker base image, a `.python-version`, a
 * `requires-python`, or `engines.node`. Compared across services by the runtime-drift rule.
 */
export type RuntimeName = 'python' | 'node';

export type RuntimeSource = 'dockerfile' | 'python-version' | 'requires-python' | 'engines' | 'nvmrc';

export interface RuntimeDeclaration {
  runtime: RuntimeName;
  source: RuntimeSource;
  /** Root-relative POSIX path of the file that says it. */
  path: string;
  line: number;
  column: number;
  /** As written (`python:3.11-slim`, `3.11.4`, `>=3.10`, `^20`). */
  written: string;
  /** The exact version it names (`3.11`, `3.11.4`), or null for a range or an unresolved tag. */
  version: string | null;
  /** A range (`>=3.10` as PEP 440, `^20` as a semver range), or null for an exact version. */
  range: string | null;
  /** The owning service (set when the inventory is assembled); null for files outside any service. */
  service: string | null;
}
