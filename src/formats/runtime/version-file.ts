/**
 * Version-manager files: pyenv's `.python-version`, nvm's `.nvmrc` and `.node-version` (nodenv,
 * fnm, asdf). The first version a file names is the one `python` / `node` runs, so it is the
 * service's runtime; later lines (extra interpreters for tox, say) are not. Aliases (`system`,
 * `lts/iron`, `node`) keep what was written with a null version. Never throws.
 */
import { formatVersion, parseVersion } from '../../pep440/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { RuntimeDeclaration, RuntimeName, RuntimeParse, RuntimeSource } from '../../model/runtime.js';

interface Token {
  text: string;
  line: number;
  column: number;
}

/** pyenv-version-file-read: the first word of each line; blank lines, `#` words and `..` skipped. */
function pyenvWords(text: string): Token[] {
  const out: Token[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((content, n) => {
    // pyenv reads with IFS = space, tab, newline and CR.
    const m = /[^ \t\r]+/.exec(content);
    if (!m || m[0].startsWith('#') || m[0] === '..') return;
    out.push({ text: m[0], line: n + 1, column: m.index + 1 });
  });
  return out;
}

/** pyenv builds that are not CPython; a service on one of them declares no CPython version. */
const NOT_CPYTHON = /^(?:activepython|anaconda|cinder|graalpy|graalpython|ironpython|jython|mambaforge|micropython|miniconda|miniforge|nogil|pypy|pyston|stackless)/i;
/** `3.11`, `3.11.4`, `3.13.0rc1`, free-threaded `3.13t`, branch builds `3.14-dev`. */
const CPYTHON = /^(\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?)t?(?:-dev)?$/;

export function parsePythonVersionFile(text: string, ctx: { path: string }): RuntimeParse {
  const out: RuntimeParse = { runtimes: [], diagnostics: [] };
  const first = pyenvWords(text)[0];
  if (!first || NOT_CPYTHON.test(first.text)) return out;
  // pyenv accepts `python-3.12` and a virtualenv under a version, `3.10.4/envs/api`.
  const name = first.text.replace(/^python-/, '').replace(/\/envs\/.*$/, '');
  const m = CPYTHON.exec(name);
  const v = m ? parseVersion(m[1]!) : null;
  out.runtimes.push(declaration('python', 'python-version', ctx.path, first, v ? formatVersion(v) : null));
  return out;
}

const NODE_VERSION = /^v?(\d+(?:\.\d+){0,2})$/;

function nodeRuntime(token: Token, source: RuntimeSource, path: string, diagnostics: Diagnostic[]): RuntimeDeclaration | null {
  if (/^[~^<>=]/.test(token.text)) {
    diagnostics.push({ path, line: token.line, column: token.column, severity: 'warning', code: 'invalid-version-file', message: `${token.text}: version managers read a version or an alias here, not a range` });
    return null;
  }
  return declaration('node', source, path, token, NODE_VERSION.exec(token.text)?.[1] ?? null);
}

/**
 * `.nvmrc` as nvm reads it (its `nvmrc` validator): `#` starts a comment anywhere, `key=value`
 * lines are options, and exactly one bare line is the version.
 */
export function parseNvmrc(text: string, ctx: { path: string }): RuntimeParse {
  const out: RuntimeParse = { runtimes: [], diagnostics: [] };
  const bare: Token[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((content, n) => {
    const value = content.replace(/#.*$/, '');
    const trimmed = value.trim();
    // `>=18` is a range written where the version goes (reported below), not a `key=value` option.
    if (trimmed === '' || (trimmed.includes('=') && !/^[~^<>=]/.test(trimmed))) return;
    bare.push({ text: trimmed, line: n + 1, column: value.indexOf(trimmed) + 1 });
  });
  if (bare.length !== 1) {
    out.diagnostics.push({
      path: ctx.path, line: bare[1]?.line ?? 0, column: bare[1]?.column ?? 0, severity: 'warning', code: 'invalid-version-file',
      message: bare.length === 0 ? '.nvmrc names no version' : `.nvmrc names ${bare.length} versions; nvm expects one${bare[0] ? ` (read: ${bare[0].text})` : ''}`,
    });
  }
  const r = bare[0] && nodeRuntime(bare[0], 'nvmrc', ctx.path, out.diagnostics);
  if (r) out.runtimes.push(r);
  return out;
}

/** `.node-version`: the first word of the first line that has one (nodenv); `#` lines skipped. */
export function parseNodeVersionFile(text: string, ctx: { path: string }): RuntimeParse {
  const out: RuntimeParse = { runtimes: [], diagnostics: [] };
  const first = pyenvWords(text)[0];
  const r = first && nodeRuntime(first, 'node-version', ctx.path, out.diagnostics);
  if (r) out.runtimes.push(r);
  return out;
}

/** By base name: `.python-version`, `.nvmrc`, `.node-version`; anything else declares nothing. */
export function parseRuntimeVersionFile(text: string, ctx: { path: string }): RuntimeParse {
  const base = ctx.path.slice(ctx.path.lastIndexOf('/') + 1);
  if (base === '.python-version') return parsePythonVersionFile(text, ctx);
  if (base === '.nvmrc') return parseNvmrc(text, ctx);
  if (base === '.node-version') return parseNodeVersionFile(text, ctx);
  return { runtimes: [], diagnostics: [] };
}

function declaration(runtime: RuntimeName, source: RuntimeSource, path: string, token: Token, version: string | null): RuntimeDeclaration {
  return { runtime, source, path, line: token.line, column: token.column, written: token.text, version, range: null, service: null };
}
