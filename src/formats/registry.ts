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
import type { RuntimeParse } from '../model/runtime.js';
import { isCondaEnvironmentName } from './conda/names.js';
import { emptyPackageInfo } from './npm/package-info.js';

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
  /** False: leave out the line blocks (one per line) that only a rewrite reads. */
  blocks?: boolean;
}

type TextParser = (text: string, path: string, ctx: ParseContext) => ParsedManifest;
type OtherKind = Exclude<ManifestKind, 'requirements'>;

/**
 * Each format's parser (with what it says of runtimes), imported only when a file of its kind is
 * found: a tree of requirements files never loads the TOML, YAML and semver code (start-up time).
 */
const LOADERS: Record<OtherKind, () => Promise<TextParser>> = {
  pyproject: async () => {
    const [{ parsePyproject }, { runtimesFromPyproject }] = await Promise.all([import('./pyproject/parse.js'), import('./runtime/from-manifests.js')]);
    return (text, path) => withRuntimes(parsePyproject(text, { path }), runtimesFromPyproject);
  },
  pipfile: async () => {
    const [{ parsePipfile }, { runtimesFromPipfile }] = await Promise.all([import('./pipfile/parse.js'), import('./runtime/from-manifests.js')]);
    return (text, path) => withRuntimes(parsePipfile(text, { path }), runtimesFromPipfile);
  },
  'setup-cfg': async () => {
    const { parseSetupCfg } = await import('./setup-cfg/parse.js');
    return (text, path) => parseSetupCfg(text, { path });
  },
  'setup-py': async () => {
    const { parseSetupPy } = await import('./setup-py/parse.js');
    return (text, path) => parseSetupPy(text, { path });
  },
  conda: async () => {
    const { parseConda } = await import('./conda/parse.js');
    return (text, path, ctx) => parseConda(text, { path, probe: ctx.probe, ...(ctx.env ? { env: ctx.env } : {}) });
  },
  'package-json': async () => {
    const [{ parsePackageJson }, { runtimesFromPackageJson }] = await Promise.all([import('./npm/package-json.js'), import('./runtime/from-manifests.js')]);
    return (text, path, ctx) => withRuntimes(parsePackageJson(text, { path, ...(ctx.blocks === false ? { blocks: false } : {}) }), runtimesFromPackageJson);
  },
  'pnpm-workspace': async () => {
    const { parsePnpmWorkspace } = await import('./npm/pnpm-workspace.js');
    return (text, path) => parsePnpmWorkspace(text, { path });
  },
  dockerfile: async () => {
    const { parseDockerfileRuntimes } = await import('./runtime/dockerfile.js');
    return (text, path) => runtimeFile('dockerfile', path, text, parseDockerfileRuntimes(text, { path }));
  },
  'python-version': async () => {
    const { parseRuntimeVersionFile } = await import('./runtime/version-file.js');
    return (text, path) => runtimeFile('python-version', path, text, parseRuntimeVersionFile(text, { path }));
  },
  nvmrc: async () => {
    const { parseRuntimeVersionFile } = await import('./runtime/version-file.js');
    return (text, path) => runtimeFile('nvmrc', path, text, parseRuntimeVersionFile(text, { path }));
  },
};

const loaded = new Map<OtherKind, TextParser>();

/** Load the parsers of these kinds (call before parseManifestBytes; loading twice is free). */
export async function loadParsers(kinds: Iterable<ManifestKind>): Promise<void> {
  const wanted = [...new Set(kinds)].filter((k): k is OtherKind => k !== 'requirements' && !loaded.has(k));
  await Promise.all(wanted.map(async (k) => loaded.set(k, await LOADERS[k]())));
}

/** Bytes of one manifest → the common model, with the file's hash and declarations' byte spans. */
export function parseManifestBytes(kind: ManifestKind, path: string, bytes: Uint8Array, ctx: ParseContext): ParsedManifest {
  if (kind === 'requirements') return parseRequirementsBytes(bytes, { path, probe: ctx.probe, ...(ctx.env ? { env: ctx.env } : {}), ...(ctx.blocks === false ? { blocks: false } : {}) });
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
  const parse = loaded.get(kind);
  if (!parse) throw new Error(`the ${kind} parser is not loaded (loadParsers first)`);
  const parsed = parse(text, path, ctx);
  // package.json computes its own byte spans as it reads; the others get theirs in one pass here.
  if (parsed.declarations.some((d) => d.byteSpan === null)) assignByteSpans(parsed.declarations, text, 'utf-8', 0);
  parsed.sha256 = sha256;
  return parsed;
}

/** A manifest with the runtime it names besides its packages (requires-python, Pipfile [requires], engines.node). */
function withRuntimes<M extends ParsedManifest>(m: M, read: (m: M) => RuntimeParse): ParsedManifest {
  const runtimes = read(m);
  m.runtimes = runtimes.runtimes;
  m.diagnostics.push(...runtimes.diagnostics);
  return m;
}

/**
 * The fields a kind adds to the common model, empty: a file of that kind that could not be read
 * (undecodable, too large, a FIFO) still carries them, so npm analysis and consolidate can rely on
 * `package`, `packages` and `catalogs` (an unreadable package.json used to crash them).
 */
export function emptyKindFields(kind: ManifestKind): Record<string, unknown> {
  switch (kind) {
    case 'package-json': return { package: emptyPackageInfo() };
    case 'pnpm-workspace': return { packages: [], catalogs: new Map() };
    case 'pyproject': return { requiresPython: [], dependencyGroups: [], dynamic: [] };
    case 'pipfile':
    case 'setup-cfg': return { requiresPython: [] };
    default: return {};
  }
}

/** A runtime file as a manifest without declarations: what it names goes to `runtimes`. */
function runtimeFile(kind: RuntimeFileKind, path: string, text: string, read: RuntimeParse): ParsedManifest {
  const out = emptyFormat(kind, text, path);
  out.diagnostics.push(...read.diagnostics);
  out.runtimes = read.runtimes;
  return out;
}
