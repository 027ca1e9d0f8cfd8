/**
 * TOML text → plain data plus source positions, with the hostile-input guards: nesting is
 * measured by the (iterative) locator before smol-toml, which recurses, ever sees the text.
 * Never throws: an unreadable document is one error diagnostic.
 */
import { parse, TomlError } from 'smol-toml';
import { Diagnostics, lineStarts, positionAt } from './source-text.js';
import { locateToml, MAX_TOML_DEPTH, type TomlLocations } from './toml-locate.js';

/** A TOML table as smol-toml returns it (keys such as `__proto__` are own properties). */
export type TomlTable = Record<string, unknown>;

export interface TomlDocument {
  data: TomlTable;
  locations: TomlLocations;
}

/** Reads `text`; null (with an `invalid-toml` error added to `diags`) when it is not TOML. */
export function readToml(text: string, diags: Diagnostics): TomlDocument | null {
  let source = text;
  if (text.startsWith('\uFEFF')) {
    diags.add({ line: 1, column: 1 }, 'error', 'bom', 'the file starts with a byte-order mark, which Python\'s tomllib (pip, build) refuses; read anyway');
    source = ` ${text.slice(1)}`;
  }
  const locations = locateToml(source);
  if (locations.maxDepth > MAX_TOML_DEPTH || locations.maxKeyParts > MAX_TOML_DEPTH) {
    diags.add(null, 'error', 'invalid-toml', `Invalid TOML document: nested deeper than ${MAX_TOML_DEPTH} levels; not read`);
    return null;
  }
  try {
    const data = parse(source, { maxDepth: MAX_TOML_DEPTH }) as TomlTable;
    const t11 = locations.toml11;
    if (t11) {
      diags.add(positionAt(lineStarts(source), t11.offset), 'error', 'invalid-toml', `TOML 1.1 syntax (${t11.what}): Python's tomllib (pip, build) refuses the file; read anyway`);
    }
    return { data, locations };
  } catch (e) {
    if (e instanceof TomlError) {
      diags.add({ line: e.line, column: e.column }, 'error', 'invalid-toml', e.message.split('\n', 1)[0]!);
    } else {
      // A RangeError (recursion) or anything else smol-toml did not anticipate.
      diags.add(null, 'error', 'invalid-toml', `Invalid TOML document: ${e instanceof Error ? e.message : String(e)}`);
    }
    return null;
  }
}

/** The own property `key` of a TOML table, or undefined (never an inherited `__proto__`). */
export function field(table: unknown, key: string): unknown {
  return isTable(table) && Object.hasOwn(table, key) ? table[key] : undefined;
}

export function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
