/**
 * A requirements-file declaration as two parts: what the line declares (`Declared`, shared by every
 * copy of the same line across a platform's files) and where this copy stands (its own lines, span
 * and text). On a 5,000-service tree that is 200,000 declarations of six own fields instead of
 * twenty-two: less to allocate, copy through the young generation and keep.
 */
import { plainDeclaration, type Declaration, type Span } from '../../model/declaration.js';

/** What a requirement line declares apart from where it is: all that two copies of a line share. */
export type Declared = Pick<
  Declaration,
  | 'name' | 'rawName' | 'requirement' | 'specifier' | 'extras' | 'marker' | 'url' | 'path' | 'source' | 'editable'
  | 'hashes' | 'configSettings' | 'globalOptions' | 'unexpandedVars' | 'comment'
>;

/**
 * The empty array of every declaration with no extras, hashes or unexpanded ${VAR}s: most have none.
 * Frozen, like every array a Declared holds (see `freezeDeclared`).
 */
const NONE: readonly string[] = Object.freeze([]);

const frozen = (values: readonly string[]): readonly string[] => (values.length === 0 ? NONE : Object.freeze(values.slice()));

/**
 * A Declared whose arrays and settings are frozen copies: every declaration of the line reads them,
 * so a caller that forced a change through the readonly types would throw rather than change the
 * others (or the parser's memo).
 */
export function freezeDeclared(d: Declared): Declared {
  let settings: Declared['configSettings'] = null;
  if (d.configSettings !== null) {
    const copy: Record<string, string | readonly string[]> = {};
    for (const [key, value] of Object.entries(d.configSettings)) copy[key] = typeof value === 'string' ? value : frozen(value);
    settings = Object.freeze(copy);
  }
  return Object.freeze({
    ...d,
    extras: frozen(d.extras),
    hashes: frozen(d.hashes),
    unexpandedVars: frozen(d.unexpandedVars),
    globalOptions: d.globalOptions === null ? null : frozen(d.globalOptions),
    configSettings: settings,
  });
}

/**
 * One declaration of a requirements file: its place as own fields, what it declares read from the
 * shared Declared. Reads like the plain Declaration objects other formats make; `toJSON` gives the
 * same object, key for key, so serializing one is unchanged. Not spreadable (`{...d}` copies only
 * the place): copy with `plainDeclaration`.
 */
export class LineDeclaration implements Declaration {
  readonly #declared: Declared;
  readonly span: Span;
  /** Set after parsing, once the file's encoding is known (assignByteSpans). */
  byteSpan: Span | null = null;

  constructor(declared: Declared, readonly line: number, readonly endLine: number, start: number, end: number, readonly text: string) {
    this.#declared = declared;
    this.span = { start, end };
  }

  /** What the line declares: one frozen object for every copy of the line (a key for caches of what derives from it). */
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
  /** A requirements file's lines are requirements of its main group; a `-c` include marks the use, not the line. */
  get constraint() { return false; }
  get group() { return 'main'; }

  toJSON(): Declaration {
    return plainDeclaration(this);
  }
}
