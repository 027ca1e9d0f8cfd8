import { parseSpecifierSet, formatSpecifierSet, type Specifier } from '../pep440/index.js';
import { err, ok, type Result } from '../result.js';
import type { MarkerAst } from './marker-ast.js';
import { formatMarker } from './marker.js';
import { normalizeExtraValues, parseMarkerExpr } from './marker-grammar.js';
import { ParseFailure, Tokenizer, type Pep508Error } from './tokenizer.js';

/** A parsed PEP 508 dependency specifier (packaging 26.2 `Requirement`). */
export interface Requirement {
  /** Project name as written (canonicalize with `canonicalizeName` for identity). */
  name: string;
  /** Extras as written, in source order, duplicates kept. */
  extras: string[];
  /** Version specifiers (empty for `name @ url` and for no constraint). */
  specifier: Specifier[];
  /** `str(SpecifierSet)`: deduplicated and sorted, "" when there is none. */
  specifierText: string;
  /** The direct reference after `@`, up to the next space or tab; null otherwise. */
  url: string | null;
  marker: MarkerAst | null;
  /** `str(Marker)` of `marker`. */
  markerText: string | null;
}

interface RawRequirement {
  name: string;
  extras: string[];
  url: string | null;
  specifier: string;
  specifierSpan: [number, number];
  marker: MarkerAst | null;
}

/**
 * Parses a PEP 508 requirement exactly as packaging 26.2's `Requirement(text)`
 * does, including its quirks: a URL runs to the next space or tab (so
 * `name@url;marker` has no marker), trailing commas in the version list are
 * allowed, `name==1.0;` (empty marker) is rejected, a trailing "\n" is ignored.
 * Linear time; marker nesting is capped at `MAX_MARKER_DEPTH`.
 */
export function parseRequirement(text: string): Result<Requirement, Pep508Error> {
  let raw: RawRequirement;
  try {
    raw = parseRaw(new Tokenizer(text));
  } catch (e) {
    if (e instanceof ParseFailure) return err(e.toError(text));
    throw e;
  }
  // Like packaging, the specifier set is validated after the grammar succeeded.
  const specifier = raw.specifier === '' ? ok<Specifier[]>([]) : parseSpecifierSet(raw.specifier);
  if (!specifier.ok) {
    const [start, end] = raw.specifierSpan;
    return err(new ParseFailure(specifier.error, start, end, 'specifier').toError(text));
  }
  const marker = raw.marker === null ? null : normalizeExtraValues(raw.marker);
  return ok({
    name: raw.name,
    extras: raw.extras,
    specifier: specifier.value,
    specifierText: specifier.value.length > 0 ? formatSpecifierSet(specifier.value) : '',
    url: raw.url,
    marker,
    markerText: marker === null ? null : formatMarker(marker),
  });
}

/**
 * `str(Requirement)` in packaging 26.2: name, sorted unique extras, specifier,
 * ` @ url`, then `; marker` (with an extra space after a URL).
 */
export function formatRequirement(req: Requirement): string {
  let out = req.name;
  const extras = [...new Set(req.extras)].sort();
  if (extras.length > 0) out += `[${extras.join(',')}]`;
  out += req.specifierText;
  if (req.url !== null) out += ` @ ${req.url}${req.markerText !== null ? ' ' : ''}`;
  if (req.markerText !== null) out += `; ${req.markerText}`;
  return out;
}

/** `requirement = WS? IDENTIFIER WS? extras WS? requirement_details END` */
function parseRaw(t: Tokenizer): RawRequirement {
  t.consume('WS');
  const name = t.expect('IDENTIFIER', 'package name at the start of dependency specifier').text;
  t.consume('WS');
  const extras = parseExtras(t);
  t.consume('WS');
  const details = parseDetails(t);
  t.expect('END', 'end of dependency specifier');
  return { name, extras, ...details };
}

type Details = Pick<RawRequirement, 'url' | 'specifier' | 'specifierSpan' | 'marker'>;

/**
 * `requirement_details = AT WS? URL (WS requirement_marker?)?
 *                      | specifier WS? requirement_marker?`
 */
function parseDetails(t: Tokenizer): Details {
  if (t.check('AT')) {
    t.read();
    t.consume('WS');
    const urlStart = t.position;
    const url = t.expect('URL', 'URL after @').text;
    const done: Details = { url, specifier: '', specifierSpan: [urlStart, urlStart], marker: null };
    if (t.check('END', true)) return done;
    t.expect('WS', 'whitespace after URL');
    if (t.check('END', true)) return done;
    return { ...done, marker: parseRequirementMarker(t, urlStart, 'semicolon (after URL and whitespace)') };
  }
  const specifierStart = t.position;
  const specifier = parseSpecifier(t);
  const specifierSpan: [number, number] = [specifierStart, t.position];
  t.consume('WS');
  const done: Details = { url: null, specifier, specifierSpan, marker: null };
  if (t.check('END', true)) return done;
  const expected =
    specifier !== ''
      ? 'comma (within version specifier), semicolon (after version specifier)'
      : 'semicolon (after name with no version specifier)';
  return { ...done, marker: parseRequirementMarker(t, specifierStart, expected) };
}

/** `requirement_marker = SEMICOLON marker WS?` */
function parseRequirementMarker(t: Tokenizer, spanStart: number, expected: string): MarkerAst {
  if (!t.check('SEMICOLON')) t.fail(`Expected ${expected} or end`, spanStart);
  t.read();
  const marker = parseMarkerExpr(t, 0);
  t.consume('WS');
  return marker;
}

/** `extras = ('[' WS? extras_list? WS? ']')?` */
function parseExtras(t: Tokenizer): string[] {
  if (!t.check('LEFT_BRACKET', true)) return [];
  return t.enclosed('LEFT_BRACKET', 'RIGHT_BRACKET', 'extras', () => {
    t.consume('WS');
    const extras = parseExtrasList(t);
    t.consume('WS');
    return extras;
  });
}

/** `extras_list = IDENTIFIER (WS? ',' WS? IDENTIFIER)*` */
function parseExtrasList(t: Tokenizer): string[] {
  const extras: string[] = [];
  if (!t.check('IDENTIFIER')) return extras;
  extras.push(t.read().text);
  for (;;) {
    t.consume('WS');
    if (t.check('IDENTIFIER', true)) t.fail('Expected comma between extra names');
    if (!t.check('COMMA')) break;
    t.read();
    t.consume('WS');
    extras.push(t.expect('IDENTIFIER', 'extra name after comma').text);
  }
  return extras;
}

/** `specifier = '(' WS? version_many WS? ')' | WS? version_many WS?` */
function parseSpecifier(t: Tokenizer): string {
  return t.enclosed('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'version specifier', () => {
    t.consume('WS');
    const specs = parseVersionMany(t);
    t.consume('WS');
    return specs;
  });
}

/** `version_many = (SPECIFIER (WS? ',' WS? SPECIFIER)*)?`, trailing comma allowed. */
function parseVersionMany(t: Tokenizer): string {
  let specs = '';
  while (t.check('SPECIFIER')) {
    const spanStart = t.position;
    specs += t.read().text;
    if (t.check('VERSION_PREFIX_TRAIL', true)) {
      t.fail('.* suffix can only be used with `==` or `!=` operators', spanStart, t.position + 1);
    }
    if (t.check('VERSION_LOCAL_LABEL_TRAIL', true)) {
      t.fail('Local version label can only be used with `==` or `!=` operators', spanStart);
    }
    t.consume('WS');
    if (!t.check('COMMA')) break;
    specs += t.read().text;
    t.consume('WS');
  }
  return specs;
}
