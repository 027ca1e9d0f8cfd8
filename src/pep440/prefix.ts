/**
 * The string-based prefix matching behind `==X.*`, `!=X.*` and `~=`, ported from packaging
 * 26.2 (`_version_split`, `_is_not_suffix`, `_left_pad`, `Specifier._compare_compatible`).
 * It works on spellings, not on the version order, which is why `~=` has odd corners
 * (`~=1.4.5.c1` means `>=1.4.5rc1, ==1.4.5.*`, and `~=v1.4.5` matches nothing).
 */
import { formatVersion, parseVersion, type Version } from './version.js';

// packaging's _prefix_regex: case-sensitive, applied to one dot-separated item.
const PREFIX_ITEM_RE = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/;

/** `_version_split`: epoch first ("0" when absent), then dot items, splitting "5rc1" into "5", "rc1". */
export function versionSplit(version: string): string[] {
  const bang = version.lastIndexOf('!');
  const epoch = bang >= 0 ? version.slice(0, bang) : '';
  const rest = bang >= 0 ? version.slice(bang + 1) : version;
  const out = [epoch || '0'];
  for (const item of rest.split('.')) {
    const m = PREFIX_ITEM_RE.exec(item);
    if (m) out.push(m[1] ?? '', m[2] ?? '');
    else out.push(item);
  }
  return out;
}

function isDigits(s: string): boolean {
  // Python's str.isdigit() on these ASCII-ish pieces; an empty string is not a digit string.
  return /^[0-9]+$/.test(s);
}

function numericPrefixLen(split: readonly string[]): number {
  let n = 0;
  while (n < split.length && isDigits(split[n] ?? '')) n++;
  return n;
}

/** `canonicalize_version(text, strip_trailing_zero=False)`: str(Version) or the text itself. */
function canonicalize(text: string): string {
  const v = parseVersion(text);
  return v ? formatVersion(v) : text;
}

/**
 * `Specifier._compare_equal` for a wildcard spec (`prefix` is the text before `.*`):
 * the prospective public version, zero-padded to the prefix's numeric length, must start
 * with the prefix's components.
 */
export function prefixMatches(prospective: Version, prefix: string): boolean {
  const spec = versionSplit(canonicalize(prefix));
  const specNumeric = numericPrefixLen(spec);
  const split = versionSplit(formatVersion({ ...prospective, local: null }));
  const numeric = numericPrefixLen(split);
  const padded =
    specNumeric > numeric
      ? [...split.slice(0, numeric), ...Array<string>(specNumeric - numeric).fill('0'), ...split.slice(numeric)]
      : split;
  if (padded.length < spec.length) return false;
  return spec.every((part, i) => padded[i] === part);
}

const SUFFIX_PREFIXES = ['dev', 'a', 'b', 'rc', 'post'];

/**
 * The prefix `~=V` turns into `==prefix.*`: V's items (as written, case-sensitive) up to the
 * first one that starts with dev/a/b/rc/post, minus the last, joined as `epoch!x.y`.
 */
export function compatiblePrefix(specVersion: string): string {
  const kept: string[] = [];
  for (const item of versionSplit(specVersion)) {
    if (SUFFIX_PREFIXES.some((p) => item.startsWith(p))) break;
    kept.push(item);
  }
  // The spec regex guarantees an epoch plus two release items, so at least two are kept.
  const [epoch, ...rest] = kept.slice(0, -1);
  return `${epoch ?? '0'}!${rest.join('.')}`;
}
