/**
 * What a requirement line names, the way pip's constructors.py reads it (parse_req_from_line,
 * parse_editable), with packaging 26 as the PEP 508 / PEP 440 reference. Local-path checks go
 * through an injected probe so this stays free of I/O.
 */
import type { Specifier } from '../../pep440/index.js';
import { formatMarker, parseMarker } from '../../pep508/marker.js';
import { canonicalizeName } from '../../pep508/names.js';
import { parseRequirement, type Requirement } from '../../pep508/requirement.js';
import type { SourceKind } from '../../model/declaration.js';
import {
  VCS_NAMES, VCS_SCHEMES, PEP508_NAME, eggFragment, isArchiveFile, isUrl, isVcsUrl, isWheelUrl, linkFilename,
  looksLikePath, parseWheelFilename, resolveUnderRoot, stripExtras, urlScheme,
} from './links.js';
import { isPySpace } from './lines.js';

/** File-system questions pip asks about local paths, relative to the directory pip runs in. */
export interface PathProbe {
  isDirectory(rootRelative: string): boolean;
  isFile(rootRelative: string): boolean;
}

export const NO_FILES: PathProbe = { isDirectory: () => false, isFile: () => false };

export interface ClassifiedRequirement {
  rawName: string | null;
  name: string | null;
  extras: string[];
  specifier: string;
  specifiers: Specifier[];
  marker: string | null;
  url: string | null;
  /** Root-relative POSIX path for local directories and archives. */
  path: string | null;
  source: SourceKind;
  editable: boolean;
  warnings: Array<{ code: string; message: string; column?: number }>;
}

export interface ClassifyError {
  code: string;
  message: string;
  /** 0-based offset into the requirement text, when known. */
  offset?: number;
}

export type ClassifyResult = { ok: true; value: ClassifiedRequirement } | { ok: false; error: ClassifyError };

const fail = (code: string, message: string, offset?: number): ClassifyResult => ({
  ok: false,
  error: offset === undefined ? { code, message } : { code, message, offset },
});

const OPERATORS = ['==', '!=', '<=', '>=', '~=', '<', '>', '==='];

/** pip's _parse_req_string, judged by packaging 26 plus the stricter checks of pip's packaging 21.3. */
function parseReqString(text: string, offset: number): ClassifyResult | { parsed: ReturnType<typeof parseRequirement> & { ok: true } } {
  const parsed = parseRequirement(text);
  if (!parsed.ok) {
    let hint = '';
    if (text.includes('/')) hint = ' It looks like a path.';
    else if (text.includes('=') && !OPERATORS.some((op) => text.includes(op))) hint = ' Hint: = is not a valid operator. Did you mean == ?';
    return fail('invalid-requirement', `Invalid requirement: ${JSON.stringify(text)}: ${parsed.error.message}.${hint}`, offset + Math.max(0, parsed.error.column - 1));
  }
  return { parsed };
}

function base(partial: Partial<ClassifiedRequirement>): ClassifiedRequirement {
  return {
    rawName: null, name: null, extras: [], specifier: '', specifiers: [], marker: null, url: null, path: null,
    source: 'index', editable: false, warnings: [], ...partial,
  };
}

function fromPep508(parsed: Requirement) {
  return {
    rawName: parsed.name,
    name: canonicalizeName(parsed.name),
    extras: parsed.extras,
    specifiers: parsed.specifier,
    specifier: parsed.specifierText,
  };
}

/** A requirement line (not `-e`). `text` is pip's args_str; `cwd` is root-relative. */
export function classifyRequirement(text: string, probe: PathProbe, cwd = '.'): ClassifyResult {
  const url = isUrl(text);
  const sep = url ? '; ' : ';';
  let name = text;
  let marker: string | null = null;
  const warnings: ClassifiedRequirement['warnings'] = [];
  const cut = text.indexOf(sep);
  if (cut >= 0) {
    name = text.slice(0, cut);
    const markerText = text.slice(cut + sep.length).trim();
    if (!markerText) {
      warnings.push({ code: 'empty-marker', message: 'nothing follows ";": pip drops the empty marker, but PEP 508 tools (packaging >= 22, uv) reject the line' });
    } else {
      const m = parseMarker(markerText);
      if (!m.ok) {
        const at = cut + sep.length + (text.slice(cut + sep.length).length - text.slice(cut + sep.length).trimStart().length);
        return fail('invalid-marker', `Invalid marker: ${JSON.stringify(markerText)}: ${m.error.message}`, at + Math.max(0, m.error.column - 1));
      }
      marker = formatMarker(m.value);
    }
  }
  const nameAt = name.length - name.trimStart().length;
  name = name.trim();

  let linkUrl: string | null = null;
  let localPath: string | null = null;
  let pathExtras: string | null = null;
  if (isUrl(name)) {
    linkUrl = name;
  } else {
    // pip normalizes the whole text as a path first (so `x @ ../lib` can land on `lib`), then
    // strips trailing [extras] from that path.
    const resolved = resolveUnderRoot(cwd, name);
    const stripped = resolved === null ? { path: null, extras: null } : stripExtras(resolved);
    pathExtras = stripped.extras;
    const p = stripped.path;
    if (looksLikePath(name) && p !== null && probe.isDirectory(p)) {
      if (!probe.isFile(`${p}/pyproject.toml`) && !probe.isFile(`${p}/setup.py`)) {
        return fail('not-installable', `Directory ${JSON.stringify(name)} is not installable. Neither 'setup.py' nor 'pyproject.toml' found.`, nameAt);
      }
      localPath = p;
    } else if (isArchiveFile(p ?? stripExtras(name).path)) {
      const at = name.indexOf('@');
      if (p !== null && probe.isFile(p)) localPath = p;
      else if (!(at >= 0 && !looksLikePath(name.slice(0, at)))) {
        warnings.push({ code: 'missing-file', message: `Requirement ${JSON.stringify(name)} looks like a filename, but the file does not exist` });
        localPath = p ?? stripExtras(name).path;
      }
    }
  }

  if (linkUrl !== null || localPath !== null) {
    const isWheel = linkUrl !== null ? isWheelUrl(linkUrl) : localPath!.endsWith('.whl');
    let reqString: string | null;
    const source: SourceKind = linkUrl !== null ? (isVcsUrl(linkUrl) ? 'vcs' : isWheel ? 'wheel' : urlScheme(linkUrl) === 'file' ? 'path' : 'url') : isWheel ? 'wheel' : 'path';
    if (isWheel) {
      const file = linkUrl !== null ? linkFilename(linkUrl) : localPath!.slice(localPath!.lastIndexOf('/') + 1);
      const wheel = parseWheelFilename(file);
      if (!wheel) return fail('invalid-wheel-filename', `${file} is not a valid wheel filename.`, nameAt);
      reqString = `${wheel.name}==${wheel.version}`;
    } else {
      reqString = linkUrl !== null ? eggFragment(linkUrl) : null;
      if (reqString !== null && !PEP508_NAME.test(reqString)) {
        warnings.push({ code: 'egg-fragment', message: `#egg=${reqString} is not a bare PEP 508 name; pip 25 rejects it. Use "name @ url" instead.` });
      }
    }
    const extras = pathExtras ? parseExtrasSuffix(pathExtras) : [];
    const common = { url: linkUrl, path: localPath, source, marker, warnings, extras };
    if (reqString === null) return { ok: true, value: base(common) };
    const r = parseReqString(reqString, nameAt);
    if (!('parsed' in r)) return r;
    const p = r.parsed.value;
    return { ok: true, value: base({ ...common, ...fromPep508(p), extras: pathExtras ? extras : p.extras, marker: marker ?? p.markerText }) };
  }

  const r = parseReqString(name, nameAt);
  if (!('parsed' in r)) return r;
  const p = r.parsed.value;
  if (p.url !== null && !pipAcceptsDirectUrl(p.url)) {
    return fail('invalid-url', `Invalid requirement: ${JSON.stringify(name)}: ${JSON.stringify(p.url)} is not an absolute URL (pip < 24.1 rejects it; write file:///... or use -e for a local path)`, nameAt + Math.max(0, name.indexOf(p.url)));
  }
  if (p.url !== null && cut > 0 && !isPySpace(text[cut - 1]!)) {
    // `name @ url;marker`: pip splits at ';' first, PEP 508 would read the marker as part of the URL.
    warnings.push({ code: 'marker-in-url', message: 'pip reads the text after ";" as a marker, but PEP 508 tools read it as part of the URL: put a space before ";"' });
  }
  const source: SourceKind = p.url === null ? 'index' : isVcsUrl(p.url) ? 'vcs' : isWheelUrl(p.url) ? 'wheel' : urlScheme(p.url) === 'file' ? 'path' : 'url';
  // Most lines end here: one literal, not base()'s spreads, which were a measurable share of a run.
  return {
    ok: true,
    value: {
      rawName: p.name, name: canonicalizeName(p.name), extras: p.extras, specifier: p.specifierText, specifiers: p.specifier,
      marker: marker ?? p.markerText, url: p.url, path: null, source, editable: false, warnings,
    },
  };
}

/** `[a, b]` → ['a', 'b'] (extras given after a local path). */
function parseExtrasSuffix(suffix: string): string[] {
  return suffix
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An `-e` / `--editable` value (parse_editable + parse_req_from_editable). */
export function classifyEditable(value: string, probe: PathProbe, cwd = '.'): ClassifyResult {
  const { path: noExtras, extras } = stripExtras(value);
  const resolved = resolveUnderRoot(cwd, noExtras);
  if (resolved !== null && probe.isDirectory(resolved)) {
    return { ok: true, value: base({ path: resolved, source: 'path', editable: true, extras: extras ? parseExtrasSuffix(extras) : [] }) };
  }
  if (noExtras.toLowerCase().startsWith('file:')) {
    const egg = eggFragment(noExtras);
    const named = egg ? nameOnly(egg) : null;
    if (named && !named.ok) return named;
    return {
      ok: true,
      value: base({
        ...(named?.ok ? named.value : {}),
        url: noExtras,
        source: 'path',
        editable: true,
        extras: extras ? parseExtrasSuffix(extras) : [],
      }),
    };
  }
  let url = value;
  for (const vcs of VCS_NAMES) {
    if (url.toLowerCase().startsWith(`${vcs}:`)) {
      url = `${vcs}+${url}`;
      break;
    }
  }
  if (!isVcsUrl(url)) {
    return fail(
      'invalid-editable',
      `${value} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')}).`,
    );
  }
  const egg = eggFragment(url);
  if (!egg) {
    return fail('missing-egg', `Could not detect requirement name for '${value}', please specify one with #egg=your_package_name`);
  }
  const named = nameOnly(egg);
  if (!named.ok) return named;
  return { ok: true, value: base({ ...named.value, url, source: 'vcs', editable: true }) };
}

function nameOnly(text: string): { ok: true; value: Partial<ClassifiedRequirement> } | { ok: false; error: ClassifyError } {
  const parsed = parseRequirement(text);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid-requirement', message: `Invalid requirement: '${text}'` } };
  const p = parsed.value;
  return { ok: true, value: fromPep508(p) };
}

/**
 * The URL check of pip 23.2's packaging 21.3 Requirement: a direct reference needs a scheme and a
 * host, or a file: URL that survives urlparse/urlunparse unchanged (file:///path, file://host/path).
 */
export function pipAcceptsDirectUrl(url: string): boolean {
  const scheme = urlScheme(url);
  if (!scheme) return false;
  const rest = url.slice(scheme.length + 1);
  if (scheme === 'file') return rest.startsWith('//') && !/[?#]$/.test(rest);
  if (!rest.startsWith('//')) return false;
  const netloc = rest.slice(2).split(/[/?#]/, 1)[0]!;
  return netloc.length > 0;
}

/**
 * classifyRequirement, memoized for lines that never asked the file system: a platform repeats
 * the same requirement lines across hundreds of services. Lines that look like paths (the probe
 * was consulted) are classified afresh each time, since the answer depends on the tree.
 */
const MEMO_LIMIT = 100_000;
const memo = new Map<string, ClassifyResult>();

export function classifyRequirementMemo(text: string, probe: PathProbe, cwd = '.'): ClassifyResult {
  const key = `${cwd}\0${text}`;
  const hit = memo.get(key);
  if (hit) return copyResult(hit);
  let asked = false;
  const watching: PathProbe = {
    isDirectory: (p) => ((asked = true), probe.isDirectory(p)),
    isFile: (p) => ((asked = true), probe.isFile(p)),
  };
  const result = classifyRequirement(text, watching, cwd);
  if (!asked) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, result);
    return copyResult(result);
  }
  return result;
}

/** Callers own the arrays they get back. */
function copyResult(r: ClassifyResult): ClassifyResult {
  if (!r.ok) return { ok: false, error: { ...r.error } };
  const v = r.value;
  return {
    ok: true,
    value: {
      rawName: v.rawName, name: v.name, extras: v.extras.slice(), specifier: v.specifier, specifiers: v.specifiers, marker: v.marker,
      url: v.url, path: v.path, source: v.source, editable: v.editable, warnings: v.warnings.map((w) => ({ ...w })),
    },
  };
}
