/**
 * PEP 440 version specifiers, faithful to PyPA `packaging` 26.2 (`Specifier`, `SpecifierSet`).
 *
 * Pre-release policy: always explicit. `prereleases = false` never admits a pre-release
 * (packaging's `contains(v, prereleases=False)`); `true` admits one whenever the specifier
 * does (`prereleases=True`). packaging's own default (`None`) changed in 26.0 and is not
 * used. depaudit's callers pass `true` when any specifier in the set mentions a pre-release
 * version or when --pre (or a manifest's allow-prereleases) is given, which is PEP 440's
 * rule and what packaging's contains() does for sets that mention a pre-release.
 */
import { err, ok, type Result } from '../result.js';
import { compatiblePrefix, prefixMatches } from './prefix.js';
import { compareCodePoints, PY_WS_CLASS, pyLower, pyRepr, pyStrip } from './pytext.js';
import {
  comparePublic,
  compareVersions,
  formatVersion,
  isPrerelease,
  parseVersion,
  trimmedRelease,
  type Version,
} from './version.js';

/** A PEP 440 comparison operator. */
export type Operator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

/** One specifier; `version` is the text as written, with surrounding whitespace removed. */
export interface Specifier {
  operator: Operator;
  version: string;
}

const WS = `[${PY_WS_CLASS}]*`;
const RELEASE = 'v?(?:[0-9]+!)?[0-9]+';
// Outside packaging's (?a:...) groups, Python's IGNORECASE also folds U+0130/U+0131 to "i"
// and U+017F to "s"; only the ~= branch spells its suffix words there.
const PRE_WORDS = '(?:alpha|beta|preview|pre|a|b|c|rc)';
const PRE_WORDS_UNICODE = '(?:alpha|beta|prev[i\\u0130\\u0131]ew|pre|a|b|c|rc)';
const suffixes = (pre: string, post: string): string =>
  `(?:[-_.]?${pre}[-_.]?[0-9]*)?` +
  `(?:-[0-9]+|[-_.]?${post}[-_.]?[0-9]*)?` +
  '(?:[-_.]?dev[-_.]?[0-9]*)?';

/**
 * packaging's `Specifier._regex`, anchored (it uses fullmatch). Its `===\s*[^\s;)]*` is
 * written `===(?:\s*[^\s;)]+)?` (the same language): followed by the trailing `\s*`, the
 * original would let two whitespace runs compete and backtrack quadratically.
 */
const SPECIFIER_RE = new RegExp(
  `^${WS}(?:` +
    `===(?:${WS}[^${PY_WS_CLASS};)]+)?` +
    `|(?:==|!=)${WS}${RELEASE}(?:\\.[0-9]+)*` +
    `(?:\\.\\*|${suffixes(PRE_WORDS, '(?:post|rev|r)')}(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?)?` +
    `|~=${WS}${RELEASE}(?:\\.[0-9]+)+${suffixes(PRE_WORDS_UNICODE, '(?:po[s\\u017f]t|rev|r)')}` +
    `|(?:<=|>=|<|>)${WS}${RELEASE}(?:\\.[0-9]+)*${suffixes(PRE_WORDS, '(?:post|rev|r)')}` +
    `)${WS}$`,
  'i',
);

/**
 * Parse one specifier like `packaging.specifiers.Specifier(text)`; the error message is
 * packaging's (`Invalid specifier: '~=1'`).
 */
export function parseSpecifier(text: string): Result<Specifier, string> {
  if (!SPECIFIER_RE.test(text)) return err(`Invalid specifier: ${pyRepr(text)}`);
  const spec = pyStrip(text);
  const opLen = spec.startsWith('===') ? 3 : /^(?:~=|==|!=|<=|>=)/.test(spec) ? 2 : 1;
  return ok({ operator: spec.slice(0, opLen) as Operator, version: pyStrip(spec.slice(opLen)) });
}

/**
 * Parse a comma-separated set like `SpecifierSet(text)`: items are stripped and empty items
 * dropped, so `""`, `","` and a trailing comma are all accepted.
 */
export function parseSpecifierSet(text: string): Result<Specifier[], string> {
  const specs: Specifier[] = [];
  for (const raw of text.split(',')) {
    const item = pyStrip(raw);
    if (!item) continue;
    const parsed = parseSpecifier(item);
    if (!parsed.ok) return parsed;
    specs.push(parsed.value);
  }
  return ok(specs);
}

/** `str(Specifier)`. */
export function formatSpecifier(spec: Specifier): string {
  return `${spec.operator}${spec.version}`;
}

/**
 * packaging's `_canonical_spec`, which decides specifier equality: versions are normalized
 * and (except for `~=`) stripped of trailing zeros; `===` and wildcards stay as written.
 */
export function canonicalSpecifierKey(spec: Specifier): string {
  const { operator, version } = spec;
  if (operator === '===' || version.endsWith('.*')) return `${operator}${version}`;
  const v = parseVersion(version);
  if (!v) return `${operator}${version}`;
  const release = operator === '~=' ? v.release : trimmedRelease(v.release);
  return `${operator}${formatVersion({ ...v, release: release.length ? release : [0] })}`;
}

/** `str(SpecifierSet)`: sorted by string, then de-duplicated by specifier equality. */
export function formatSpecifierSet(specs: Specifier[]): string {
  const sorted = [...specs].sort((a, b) => compareCodePoints(formatSpecifier(a), formatSpecifier(b)));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const spec of sorted) {
    const key = canonicalSpecifierKey(spec);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(formatSpecifier(spec));
  }
  return out.join(',');
}

function withoutLocal(v: Version): Version {
  return v.local ? { ...v, local: null } : v;
}

/**
 * Whether the operator (not the pre-release policy) admits `p`. `null` when the spec version
 * does not parse (only possible for odd `~=` spellings that packaging's regex lets through;
 * packaging fails with an AssertionError there).
 */
// A specifier's version is parsed once, not at every comparison: drift rules compare the same few
// hundred specifiers hundreds of thousands of times. Versions are never mutated, so sharing is safe.
const specVersions = new Map<string, Version | null>();
const SPEC_VERSIONS_KEPT = 50_000;

function specVersionOf(text: string): Version | null {
  let v = specVersions.get(text);
  if (v === undefined) {
    if (specVersions.size >= SPEC_VERSIONS_KEPT) specVersions.clear();
    specVersions.set(text, (v = parseVersion(text)));
  }
  return v;
}

function operatorMatches(op: Exclude<Operator, '==='>, specVersion: string, p: Version): boolean | null {
  if (op === '==' || op === '!=') {
    const eq = equalMatches(specVersion, p);
    return eq === null ? null : op === '==' ? eq : !eq;
  }
  const s = specVersionOf(specVersion);
  if (!s) return null;
  switch (op) {
    case '~=':
      return comparePublic(p, s) >= 0 && prefixMatches(p, compatiblePrefix(specVersion));
    case '<=':
      return comparePublic(p, s) <= 0;
    case '>=':
      return comparePublic(p, s) >= 0;
    case '<':
      // "<V MUST NOT allow a pre-release of V unless V is itself a pre-release".
      if (compareVersions(p, s) >= 0) return false;
      return isPrerelease(s) || !isPrerelease(p) || compareVersions(p, { ...s, dev: 0, local: null }) < 0;
    case '>':
      if (compareVersions(p, s) <= 0) return false;
      // ">V MUST NOT allow a post-release of V unless V is itself a post-release".
      if (s.post === null && p.post !== null && compareVersions({ ...p, post: null, dev: null, local: null }, s) === 0) {
        return false;
      }
      // Nor a local version of V.
      return !(p.local !== null && compareVersions(withoutLocal(p), s) === 0);
  }
}

function equalMatches(specVersion: string, p: Version): boolean | null {
  if (specVersion.endsWith('.*')) return prefixMatches(p, specVersion.slice(0, -2));
  const s = specVersionOf(specVersion);
  if (!s) return null;
  // Without a local label in the spec, the candidate's local label is ignored.
  return compareVersions(s.local ? p : withoutLocal(p), s) === 0;
}

/** The text `===` compares: a string as given, a Version as str(Version). */
function itemText(item: Version | string): string {
  return typeof item === 'string' ? item : formatVersion(item);
}

/**
 * `Specifier(spec).contains(version, prereleases=...)`. A string that is not a valid
 * version can only match `===` (case-insensitive string equality, no normalization).
 */
export function specifierContains(spec: Specifier, version: Version | string, prereleases: boolean): boolean {
  const parsed = typeof version === 'string' ? parseVersion(version) : version;
  if (spec.operator === '===') {
    const same = pyLower(itemText(version)) === pyLower(spec.version);
    return same && (parsed === null || prereleases || !isPrerelease(parsed));
  }
  if (!parsed) return false;
  if (!prereleases && isPrerelease(parsed)) return false;
  return operatorMatches(spec.operator, spec.version, parsed) === true;
}

/**
 * `SpecifierSet(specs).contains(version, prereleases=...)`: every specifier must admit the
 * version. The empty set admits everything, invalid version strings included (packaging
 * does the same), except pre-releases when `prereleases` is false.
 */
export function specifierSetContains(specs: Specifier[], version: Version | string, prereleases: boolean): boolean {
  const parsed = typeof version === 'string' ? parseVersion(version) : version;
  if (parsed === null) {
    return specs.every((s) => s.operator === '===' && pyLower(itemText(version)) === pyLower(s.version));
  }
  if (!prereleases && isPrerelease(parsed)) return false;
  return specs.every((s) => specifierContains(s, s.operator === '===' ? version : parsed, true));
}
