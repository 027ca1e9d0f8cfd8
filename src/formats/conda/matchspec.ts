/**
 * conda MatchSpec strings, split the way conda's `match_spec._parse_spec_str` does
 * (python-manifests.md §8): `#` comment, package file URLs, `[key=value]` brackets, `(...)`,
 * `channel::`, name, then version + build (`=1.2=py311_0`, `1.2.* py311_0`) with conda's
 * translation of a leading `=` (`=1.2` is the fuzzy `1.2*`, `==1.2` exact).
 */
import { err, ok, type Result } from '../../result.js';

export interface MatchSpec {
  /** The package name as written. */
  name: string;
  channel: string | null;
  /** conda's version spec after its `=` translation (`1.2*`, `>=1.2,<2`, `1.2`), or null. */
  version: string | null;
  build: string | null;
  /** Set for a package-file spec (`https://…/pkg-1.0-0.tar.bz2`, `./pkg-1.0-0.conda`). */
  url: string | null;
  /** Other bracket keys (`build_number`, `md5`, `subdir`, ...). */
  brackets: Record<string, string>;
}

/** Longer specs are refused: real ones are short, and conda's regexes are quadratic on long ones. */
export const MAX_MATCHSPEC_LENGTH = 10_000;

const BRACKET_ITEM = /([a-zA-Z0-9_-]+?)=(["']?)([^'"]*?)(\2)(?:[, ]|$)/g;

export function parseMatchSpec(original: string): Result<MatchSpec, string> {
  if (original.length > MAX_MATCHSPEC_LENGTH) return err(`longer than ${MAX_MATCHSPEC_LENGTH} characters`);
  let spec = original;
  const hash = spec.indexOf('#');
  if (hash >= 0) spec = spec.slice(0, hash);
  spec = spec.split(' if ', 1)[0]!;
  if (/\.(tar\.bz2|conda)$/.test(spec.trim())) return ok(packageFile(spec.trim()));

  const brackets: Record<string, string> = {};
  const cut = enclosed(spec, '[', ']');
  if (cut !== null) {
    spec = spec.split(cut).join('');
    for (const m of cut.slice(1, -1).matchAll(BRACKET_ITEM)) {
      if (!m[1] || !m[3]) return err('key-value mismatch in brackets');
      brackets[m[1]] = m[3];
    }
  }
  const parens = enclosed(spec, '(', ')');
  if (parens !== null) spec = spec.split(parens).join('');

  const parts = rsplit(spec, ':', 2);
  let channel = parts.length === 3 ? parts[0]! : null;
  spec = parts[parts.length - 1]!;
  if (brackets.channel !== undefined) channel = brackets.channel;

  // `([^ =<>!~]+)?([><!=~ ].+)?` matched at the start.
  const nameEnd = spec.search(/[ =<>!~]/);
  const name = nameEnd < 0 ? spec : spec.slice(0, nameEnd);
  if (name === '') return err(`no package name found in ${JSON.stringify(spec)}`);
  const rest = nameEnd < 0 || spec.length - nameEnd < 2 ? '' : spec.slice(nameEnd).trim();
  let version: string | null = null;
  let build: string | null = null;
  if (rest) {
    if (rest.includes('[')) return err('multiple brackets sections not allowed');
    [version, build] = versionPlusBuild(rest);
    version = translate(version, build);
  }
  if (brackets.version !== undefined) version = brackets.version;
  if (brackets.build !== undefined) build = brackets.build;
  const other = Object.fromEntries(Object.entries(brackets).filter(([k]) => !['version', 'build', 'channel', 'name'].includes(k)));
  return ok({ name, channel, version, build, url: null, brackets: other });
}

/** `=1.2` → `1.2*` (fuzzy), `==1.2` → `1.2` (exact), `=1.2=build` → `1.2`; as conda does. */
function translate(version: string, build: string | null): string {
  if (version === '==' || version === '=' || !version.startsWith('=')) return version;
  const test = version.slice(1);
  if (version.startsWith('==') && build === null) return version.slice(2);
  if (/[=,|]/.test(test)) return version;
  return build === null && !test.endsWith('*') ? `${test}*` : test;
}

/**
 * conda's `_parse_version_plus_build`, the regex
 * `((?:.+?)[^><!,|]?)(?:(?<![=!|,<>~])(?:[ =])([^-=,|<>~]+?))?$`, as a scan: the build is the
 * last part after a space or `=` that does not follow an operator character.
 */
function versionPlusBuild(text: string): [string, string | null] {
  const n = text.length;
  // buildOk[i]: text.slice(i) is a non-empty run without - = , | < > ~
  const buildOk: boolean[] = Array<boolean>(n + 1).fill(false);
  for (let i = n - 1; i >= 0; i--) buildOk[i] = !'-=,|<>~'.includes(text[i]!) && (i === n - 1 || buildOk[i + 1]!);
  for (let k = 1; k <= n; k++) {
    for (const x of [1, 0]) {
      if (x === 1 && (k >= n || '><!,|'.includes(text[k]!))) continue;
      const p = k + x;
      if (p < n - 1 && (text[p] === ' ' || text[p] === '=') && !'=!|,<>~'.includes(text[p - 1]!) && buildOk[p + 1]) {
        return [text.slice(0, p).replace(/ /g, ''), text.slice(p + 1).trim()];
      }
      if (p === n) return [text.replace(/ /g, ''), null];
    }
  }
  return [text.replace(/ /g, ''), null];
}

/** `.*(?:(\[.*\]))`: from the last opener that has a closer after it, to the last closer. */
function enclosed(text: string, open: string, close: string): string | null {
  const end = text.lastIndexOf(close);
  if (end < 0) return null;
  const start = text.lastIndexOf(open, end - 1);
  return start < 0 ? null : text.slice(start, end + 1);
}

/** Python's `text.rsplit(sep, max)`. */
function rsplit(text: string, sep: string, max: number): string[] {
  const parts = text.split(sep);
  return parts.length <= max + 1 ? parts : [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)];
}

/** `…/name-version-build.tar.bz2`: name, version and build from the file name. */
function packageFile(spec: string): MatchSpec {
  const file = spec.slice(spec.lastIndexOf('/') + 1).replace(/\.(tar\.bz2|conda)$/, '');
  const parts = rsplit(file, '-', 2);
  const [name, version, build] = parts.length === 3 ? parts : [file, null, null];
  return { name: name!, channel: null, version: version ?? null, build: build ?? null, url: spec, brackets: {} };
}
