import { PY_SPACE_CLASS } from './chars.js';

/*
 * packaging 26's SPECIFIER token: `Specifier._specifier_regex_str`, compiled with
 * re.VERBOSE | re.IGNORECASE. Transcribed branch by branch; the order of the
 * alternatives matters (the first one that matches wins, as in Python).
 *
 * Case folding: the pattern is compiled without the `u` flag, so `i` folds ASCII
 * letters only, like the `(?a:...)` groups in packaging. The `~=` branch has no
 * `(?a:...)`, and there Python's IGNORECASE also matches U+0130/U+0131 for `i` and
 * U+017F for `s`; those are spelled out explicitly.
 */
const S = `[${PY_SPACE_CLASS}]*`;
const RELEASE = '(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*';
const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST = '(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?';
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?';
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const PRE_UNICODE = '(?:[-_.]?(?:alpha|beta|prev[i\\u0130\\u0131]ew|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST_UNICODE = '(?:(?:-[0-9]+)|(?:[-_.]?(?:po[s\\u017f]t|rev|r)[-_.]?[0-9]*))?';

const BRANCHES = [
  // === takes an arbitrary string up to whitespace, ';' or ')'.
  `===${S}[^${PY_SPACE_CLASS};)]*`,
  // == and != allow a trailing .* or a local label.
  `(?:==|!=)${S}v?${RELEASE}(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})?`,
  // ~= needs at least two release segments.
  `~=${S}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${PRE_UNICODE}${POST_UNICODE}${DEV}`,
  `(?:<=|>=|<|>)${S}v?${RELEASE}${PRE}${POST}${DEV}`,
];

/** Sticky matcher for one SPECIFIER token (e.g. `>= 1.0`). */
export const SPECIFIER_RE = new RegExp(`(?:${BRANCHES.join('|')})`, 'yi');
