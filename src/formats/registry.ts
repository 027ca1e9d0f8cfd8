/**
 * Which format a discovered file is, and the one function that turns its bytes into the common
 * model. Discovery globs every name below; this module decides, by name alone (and for YAML by a
 * look at the text), what each match is. Pure: bytes in, ParsedManifest out.
 */
import { createHash } from 'node:crypto';
import type { ManifestKind, ParsedManifest, RuntimeFileKind } from '../model/manifest.js';
import { emptyFormat } from './pyproject/source-text.js';
import type { PathProbe } from './requirements/classify.js';
import { decodeUtf8Bytes } from './requirements/decode.js';
import { assignByteSpans, parseRequirementsBytes } from './requirements/parse.js';
import { parsePyproject, type ParsedPyproject } from './pyproject/parse.js';
import { parsePipfile, type ParsedPipfile } from './pipfile/parse.js';
import { parseDockerfileRuntimes } from './runtime/dockerfile.js';
import { parseRuntimeVersionFile } from './runtime/version-file.js';
import { runtimesFromPackageJson, runtimesFromPipfile, runtimesFromPyproject } from './runtime/from-manifests.js';
import type { RuntimeParse } from '../model/runtime.js';
import { parseSetupCfg } from './setup-cfg/parse.js';
import { parseSetupPy } from './setup-py/parse.js';
import { isCondaEnvironmentName, parseConda } from './conda/parse.js';
import { parsePackageJson, type PackageJsonManifest } from './npm/package-json.js';
import { parsePnpmWorkspace } from './npm/pnpm-workspace.js';

/** Glob patterns for every manifest and runtime file (requirements patterns come from the caller). */
export const FORMAT_PATTERNS = [
  '**/pyproject.toml',
  '**/Pipfile',
  '**/setup.cfg',
  '**/setup.py',
  '**/package.json',
  '**/pnpm-workspace.yaml',
  '**/*.yml',
  '**/*.yaml',
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/.python-version',
  '**/.nvmrc',
  '**/.node-version',
];

/** YAML files that are never conda environments even though they may hold `dependencies:`. */
const NOT_CONDA = new Set(['pnpm-lock.yaml', '.pre-commit-config.yaml', 'pubspec.yaml', 'chart.yaml']);

/** What a globbed path is, by its name (case-insensitively, as the glob matched it); null: not a manifest. */
export function classifyPath(path: string): ManifestKind | 'conda-candidate' | null {
  const lower = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  switch (lower) {
    case 'pyproject.toml': return 'pyproject';
    case 'pipfile': return 'pipfile';
    case 'setup.cfg': return 'setup-cfg';
    case 'setup.py': return 'setup-py';
    case 'package.json': return 'package-json';
    case 'pnpm-workspace.yaml': return 'pnpm-workspace';
    case '.python-version': return 'python-version';
    case '.nvmrc':
    case '.node-version': return 'nvmrc';
  }
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return NOT_CONDA.has(lower) ? null : 'conda-candidate';
  // Everything else the globs matched is a requirements file.
  return 'requirements';
}

/**
 * A YAML file is read as a conda environment when its name says so, or when it has a top-level
 * `dependencies:` key (how conda itself and the corpus recognise them); other YAML is not a manifest.
 */
export function isCondaEnvironment(path: string, bytes: Uint8Array): boolean {
  if (isCondaEnvironmentName(path.slice(path.lastIndexOf('/') + 1))) return true;
  const head = Buffer.from(bytes).toString('latin1');
  return /^dependencies[ \t]*:/m.test(head);
}

export interface ParseContext {
  probe: PathProbe;
  env?: ReadonlyMap<string, string>;
}

/** Bytes of one manifest → the common model, with the file's hash and declarations' byte spans. */
export function parseManifestBytes(kind: ManifestKind, path: string, bytes: Uint8Array, ctx: ParseContext): ParsedManifest {
  if (kind === 'requirements') return parseRequirementsBytes(bytes, { path, probe: ctx.probe, ...(ctx.env ? { env: ctx.env } : {}) });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeUtf8Bytes(bytes);
  if (!decoded.ok) {
    return {
      path, kind, encoding: null, bom: false, newline: '\n', finalNewline: true, sha256, text: '',
      blocks: [], declarations: [], includes: [], options: [],
      diagnostics: [{ path, line: decoded.error.line, column: decoded.error.column, severity: 'error', code: 'undecodable', message: decoded.error.message }],
      ...emptyKindFields(kind),
    };
  }
  const text = decoded.value.text;
  const parsed = parseText(kind, path, text, ctx);
  assignByteSpans(parsed.declarations, text, 'utf-8', 0);
  parsed.sha256 = sha256;
  const runtimes = runtimesOf(parsed);
  if (runtimes) {
    parsed.runtimes = runtimes.runtimes;
    parsed.diagnostics.push(...runtimes.diagnostics);
  }
  return parsed;
}

/**
 * The fields a kind adds to the common model, empty: a file of that kind that could not be read
 * (undecodable, too large, a FIFO) still carries them, so npm analysis and consolidate can rely on
 * `package`, `packages` and `catalogs` (an unreadable package.json used to crash them).
 */
export function emptyKindFields(kind: ManifestKind): Record<string, unknown> {
  switch (kind) {
    case 'package-json': return { package: { name: null, version: null, private: false, workspaces: null, engines: { node: null }, packageManager: null, catalogs: new Map() } };
    case 'pnpm-workspace': return { packages: [], catalogs: new Map() };
    case 'pyproject': return { requiresPython: [], dependencyGroups: [], dynamic: [] };
    case 'pipfile':
    case 'setup-cfg': return { requiresPython: [] };
    default: return {};
  }
}

/** The runtime a manifest names besides its packages: requires-python, Pipfile [requires], engines.node. */
function runtimesOf(m: ParsedManifest): RuntimeParse | null {
  if (m.kind === 'pyproject') return runtimesFromPyproject(m as ParsedPyproject);
  if (m.kind === 'pipfile') return runtimesFromPipfile(m as ParsedPipfile);
  if (m.kind === 'package-json') return runtimesFromPackageJson(m as PackageJsonManifest);
  return null;
}

function parseText(kind: Exclude<ManifestKind, 'requirements'>, path: string, text: string, ctx: ParseContext): ParsedManifest {
  switch (kind) {
    case 'pyproject': return parsePyproject(text, { path });
    case 'pipfile': return parsePipfile(text, { path });
    case 'setup-cfg': return parseSetupCfg(text, { path });
    case 'setup-py': return parseSetupPy(text, { path });
    case 'conda': return parseConda(text, { path, probe: ctx.probe, ...(ctx.env ? { env: ctx.env } : {}) });
    case 'package-json': return parsePackageJson(text, { path });
    case 'pnpm-workspace': return parsePnpmWorkspace(text, { path });
    case 'dockerfile':
    case 'python-version':
    case 'nvmrc': return parseRuntimeText(kind, path, text);
  }
}

/** A runtime file as a manifest without declarations: what it names goes to `runtimes`. */
function parseRuntimeText(kind: RuntimeFileKind, path: string, text: string): ParsedManifest {
  const out = emptyFormat(kind, text, path);
  const read = kind === 'dockerfile' ? parseDockerfileRuntimes(text, { path }) : parseRuntimeVersionFile(text, { path });
  out.diagnostics.push(...read.diagnostics);
  out.runtimes = read.runtimes;
  return out;
}
