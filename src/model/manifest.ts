import type { Declaration } from './declaration.js';
import type { Diagnostic } from './diagnostic.js';
import type { RuntimeDeclaration } from './runtime.js';

/** Manifest formats beyond requirements files. */
export type FormatKind = 'pyproject' | 'pipfile' | 'setup-cfg' | 'setup-py' | 'conda' | 'package-json' | 'pnpm-workspace';

/** Files that say which runtime a service runs on; they declare no packages. */
export type RuntimeFileKind = 'dockerfile' | 'python-version' | 'nvmrc';

export type ManifestKind = 'requirements' | FormatKind | RuntimeFileKind;

export const MANIFEST_KINDS: readonly ManifestKind[] = [
  'conda', 'dockerfile', 'nvmrc', 'package-json', 'pipfile', 'pnpm-workspace', 'pyproject', 'python-version', 'requirements', 'setup-cfg', 'setup-py',
];

/** Kinds that never make their directory a service: they describe one that other manifests define. */
export const AUXILIARY_KINDS: ReadonlySet<ManifestKind> = new Set(['pnpm-workspace', 'dockerfile', 'python-version', 'nvmrc']);

/** What a format module returns: the same model as a requirements file, with its own kind. */
export type ParsedFormat = ParsedManifest;

/** A `-r` / `-c` line. */
export interface Include {
  line: number;
  kind: 'requirement' | 'constraint';
  /** The target as written (after shlex unquoting). */
  raw: string;
  /** POSIX path relative to the root; null when it is a URL or could not be resolved inside the root. */
  target: string | null;
  /** Set when the target is a URL (never fetched). */
  url: string | null;
}

/** A file-level option line (`--index-url`, `--pre`, ...). */
export interface OptionLine {
  line: number;
  /** Canonical long option name, e.g. `--extra-index-url`. */
  name: string;
  /** The value, or null for flags. */
  value: string | null;
}

export type BlockKind = 'blank' | 'comment' | 'declaration' | 'option' | 'include' | 'invalid';

/**
 * One logical line with its physical lines and terminators: the blocks of a file, in order,
 * cover its decoded text exactly, so a rewrite can keep every byte it does not change.
 */
export interface Block {
  kind: BlockKind;
  line: number;
  endLine: number;
  /** Offsets into the decoded text; `end` includes the last line's terminator. */
  start: number;
  end: number;
}

/** Everything read from one manifest file, independent of how it was reached. */
export interface ParsedManifest {
  path: string;
  kind: ManifestKind;
  encoding: string | null;
  bom: boolean;
  /** Dominant line ending, for rewrites. */
  newline: '\n' | '\r\n' | '\r';
  /** Whether the file ends with a line terminator. */
  finalNewline: boolean;
  /** SHA-256 of the bytes as read (hex), so a rewrite can tell whether the file changed since. */
  sha256: string | null;
  /** The decoded text ("" when it could not be decoded); blocks index into it. */
  text: string;
  /**
   * Empty when the file could not be decoded, and when the reader was told no rewrite will follow
   * (`blocks: false`: check, report and the other read-only commands; only consolidate edits).
   */
  blocks: Block[];
  declarations: Declaration[];
  includes: Include[];
  options: OptionLine[];
  diagnostics: Diagnostic[];
  /** Runtimes the file names (a Dockerfile's FROM, requires-python, engines.node), service unset. */
  runtimes?: RuntimeDeclaration[];
}
