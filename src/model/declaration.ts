/** How a requirement names what to install; the last three are npm protocols (`workspace:`, `catalog:`, `npm:`). */
export type SourceKind = 'index' | 'url' | 'vcs' | 'path' | 'wheel' | 'workspace' | 'catalog' | 'alias';

export const SOURCE_KINDS: readonly SourceKind[] = ['index', 'url', 'vcs', 'path', 'wheel', 'workspace', 'catalog', 'alias'];

/** The npm side of SourceKind. */
export type NpmSourceKind = SourceKind;

/** Package namespaces that are never compared with each other (`requests` on npm is not `requests` on PyPI). */
export type Ecosystem = 'pypi' | 'conda' | 'npm';

export const ECOSYSTEMS: readonly Ecosystem[] = ['conda', 'npm', 'pypi'];

/** What a declaration is for, beyond "install this". */
export type DeclarationRole = 'requirement' | 'constraint' | 'override' | 'build' | 'dev' | 'optional' | 'group' | 'peer';

export const DECLARATION_ROLES: readonly DeclarationRole[] = ['build', 'constraint', 'dev', 'group', 'optional', 'override', 'peer', 'requirement'];

/** The grammar the text was written in. */
export type Dialect = 'pip-line' | 'pep508' | 'poetry' | 'pipfile' | 'conda' | 'npm';

export const DIALECTS: readonly Dialect[] = ['conda', 'npm', 'pep508', 'pip-line', 'pipfile', 'poetry'];

/**
 * A [start, end) range of offsets. Never changed once made: where byte and character offsets
 * agree (ASCII text without a BOM) a declaration's span and byteSpan are one object.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One dependency declaration, as written and as pip reads it. */
export interface Declaration {
  /** PEP 503 canonical name; null for unnamed URL/path requirements. */
  name: string | null;
  /** The name exactly as written. */
  rawName: string | null;
  /** First and last physical line (1-based) of the logical line. */
  line: number;
  endLine: number;
  /** Offsets into the decoded text: [start of first line, end of last line (before its terminator)). */
  span: Span;
  /** The same span as byte offsets into the file as stored (BOM included), for byte-level tools. */
  byteSpan: Span | null;
  /** The source text of the whole logical line(s), comments and continuations included. */
  text: string;
  /** The requirement part pip parses (after joining, comment stripping and ${VAR} expansion). */
  requirement: string;
  /** Normalized PEP 440 specifier set (`str(SpecifierSet)`), "" when any version. */
  specifier: string;
  /** Extras as written. */
  extras: readonly string[];
  /** Normalized PEP 508 marker, or null. */
  marker: string | null;
  /** Direct reference: URL as pip sees it (paths relative to the root as `file:` URLs are kept as written). */
  url: string | null;
  /** Root-relative POSIX path of a local project directory or archive. */
  path: string | null;
  source: SourceKind;
  editable: boolean;
  /** `algo:digest` in file order. */
  hashes: readonly string[];
  /** Per-requirement `--config-settings` (`-C`). */
  configSettings: Readonly<Record<string, string | readonly string[]>> | null;
  /** Per-requirement `--global-option` values (deprecated in pip). */
  globalOptions: readonly string[] | null;
  /** True when this line came through `-c` (a constraint narrows versions but installs nothing). */
  constraint: boolean;
  /** Manifest group: `main` for requirements files; extra/group names for other formats. */
  group: string;
  /** `${VAR}` references on the line that were left unexpanded. */
  unexpandedVars: readonly string[];
  /** A trailing `# comment` on the logical line, without the `#`. */
  comment: string | null;
  /** Absent means `pypi` (requirements files). */
  ecosystem?: Ecosystem;
  /** Absent means `requirement` (or `constraint` when `constraint` is set). */
  role?: DeclarationRole;
  /** Absent means `pip-line`. */
  dialect?: Dialect;
  /** The constraint exactly as written when it was converted (Poetry `^1.2`, conda `=1.11`), for display. */
  written?: string;
}

/** The role with its defaults filled in (requirements files leave it implicit). */
export function roleOf(d: Declaration): DeclarationRole {
  return d.role ?? (d.constraint ? 'constraint' : 'requirement');
}

export function ecosystemOf(d: Declaration): Ecosystem {
  return d.ecosystem ?? 'pypi';
}

/** Any declaration as a plain object with the model's fields in the model's order (the optional ones only when set). */
export function plainDeclaration(d: Declaration): Declaration {
  const plain: Declaration = {
    name: d.name,
    rawName: d.rawName,
    line: d.line,
    endLine: d.endLine,
    span: d.span,
    byteSpan: d.byteSpan,
    text: d.text,
    requirement: d.requirement,
    specifier: d.specifier,
    extras: d.extras,
    marker: d.marker,
    url: d.url,
    path: d.path,
    source: d.source,
    editable: d.editable,
    hashes: d.hashes,
    configSettings: d.configSettings,
    globalOptions: d.globalOptions,
    constraint: d.constraint,
    group: d.group,
    unexpandedVars: d.unexpandedVars,
    comment: d.comment,
  };
  if (d.ecosystem !== undefined) plain.ecosystem = d.ecosystem;
  if (d.role !== undefined) plain.role = d.role;
  if (d.dialect !== undefined) plain.dialect = d.dialect;
  if (d.written !== undefined) plain.written = d.written;
  return plain;
}

/** What a line declares apart from where it stands: all that two copies of the line share. */
export type Declared = Pick<
  Declaration,
  | 'name' | 'rawName' | 'requirement' | 'specifier' | 'extras' | 'marker' | 'url' | 'path' | 'source' | 'editable'
  | 'hashes' | 'configSettings' | 'globalOptions' | 'unexpandedVars' | 'comment'
>;

/**
 * A declaration as its place (own fields) over what it declares (a Declared that every copy of the
 * same line shares, frozen by its maker). On a 5,000-service tree that is 200,000 declarations of
 * six own fields instead of twenty-two: less to allocate, copy through the young generation and
 * keep. As made, a requirement of the main group (a requirements-file line); a format that says
 * more extends it. Reads like a plain Declaration; `toJSON` gives the plain object key for key,
 * so serializing one is unchanged. Not spreadable (`{...d}` copies only the place): copy with
 * `plainDeclaration`.
 */
export class PlacedDeclaration implements Declaration {
  readonly #declared: Declared;
  readonly span: Span;
  /** Set by the parser once it knows the file's encoding (it may learn that after the lines). */
  byteSpan: Span | null = null;

  constructor(declared: Declared, readonly line: number, readonly endLine: number, start: number, end: number, readonly text: string) {
    this.#declared = declared;
    this.span = { start, end };
  }

  /** What the line declares: one object for every copy of the line (a key for caches of what derives from it). */
  get declared(): Declared { return this.#declared; }
  get name() { return this.#declared.name; }
  get rawName() { return this.#declared.rawName; }
  get requirement() { return this.#declared.requirement; }
  get specifier() { return this.#declared.specifier; }
  get extras() { return this.#declared.extras; }
  get marker() { return this.#declared.marker; }
  get url() { return this.#declared.url; }
  get path() { return this.#declared.path; }
  get source() { return this.#declared.source; }
  get editable() { return this.#declared.editable; }
  get hashes() { return this.#declared.hashes; }
  get configSettings() { return this.#declared.configSettings; }
  get globalOptions() { return this.#declared.globalOptions; }
  get unexpandedVars() { return this.#declared.unexpandedVars; }
  get comment() { return this.#declared.comment; }
  // Constants here, and no getters for the optional fields: reading one that is absent is a plain
  // prototype miss (a getter reading an absent field of the Declared cost 0.15 s on 5,000 services).
  get constraint(): boolean { return false; }
  get group(): string { return 'main'; }

  toJSON(): Declaration {
    return plainDeclaration(this);
  }
}
