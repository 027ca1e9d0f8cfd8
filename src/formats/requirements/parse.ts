/**
 * One requirements file → ParsedManifest, following pip 23.2.1's req_file.py pipeline:
 * decode → splitlines → join_lines → ignore_comments → expand_env_variables →
 * break_args_options → shlex + optparse → classify. Includes are recorded, not followed: the
 * inventory follows them across files. Never throws; every problem is a Diagnostic.
 */
import { createHash } from 'node:crypto';
import { PlacedDeclaration, type Declaration, type Declared } from '../../model/declaration.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { BlockKind, Include, OptionLine, ParsedManifest } from '../../model/manifest.js';
import { classifyEditable, classifyRequirementMemo, NO_FILES, type ClassifyResult, type PathProbe } from './classify.js';
import { decodeRequirementsBytes } from './decode.js';
import { isCommentLine, lineEnd, LineJoiner, locate, stripComment, terminatorAt, type JoinedLine, type LogicalLine } from './lines.js';
import { breakArgsOptions, OptionError, parseOptionTokens, PER_REQUIREMENT_DESTS, shlexSplit, type LineOptions } from './options.js';
import { resolveUnderRoot } from './links.js';
import { freezeDeclared } from './declared.js';

export interface RequirementsContext {
  /** Root-relative POSIX path of the file. */
  path: string;
  /** Values for `${VAR}` references; pip reads the environment, depaudit only what it is given. */
  env?: ReadonlyMap<string, string>;
  /** Answers pip's local-path questions (is this a directory, does it have a pyproject.toml). */
  probe?: PathProbe;
  /** Directory pip would run in, root-relative (local project paths resolve against it). */
  cwd?: string;
  /** False: no line blocks (nothing will rewrite the file). */
  blocks?: boolean;
}

const ENV_VAR = /\$\{([A-Z0-9_]+)\}/g;
const SCHEME_RE = /^(http|https|file):/i;

export function parseRequirementsBytes(bytes: Uint8Array, ctx: RequirementsContext): ParsedManifest {
  const decoded = decodeRequirementsBytes(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (!decoded.ok) {
    return {
      ...emptyManifest(ctx.path),
      sha256,
      diagnostics: [{ path: ctx.path, line: decoded.error.line, column: decoded.error.column, severity: 'error', code: 'undecodable', message: decoded.error.message }],
    };
  }
  const { text, encoding, bomLength } = decoded.value;
  const parsed = parseRequirementsText(text, ctx);
  assignByteSpans(parsed.declarations, text, encoding, bomLength);
  return { ...parsed, sha256, encoding, bom: bomLength > 0 };
}

function emptyManifest(path: string): ParsedManifest {
  return { path, kind: 'requirements', encoding: null, bom: false, newline: '\n', finalNewline: true, sha256: null, text: '', blocks: [], declarations: [], includes: [], options: [], diagnostics: [] };
}

export function parseRequirementsText(text: string, ctx: RequirementsContext): ParsedManifest {
  const manifest: ParsedManifest = { ...emptyManifest(ctx.path), text, encoding: 'utf-8' };
  const file = new FileParser(text, ctx, manifest);
  const joiner = new LineJoiner(text);
  // Lines stream through the pipeline; only the blocks (and what the lines declare) are kept.
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  let lastTerminator = '';
  for (let start = 0, number = 1; start < text.length; number++) {
    const end = lineEnd(text, start);
    const terminator = terminatorAt(text, end) ?? '';
    const next = end + terminator.length;
    if (terminator === '\n') lf++;
    else if (terminator === '\r\n') crlf++;
    else if (terminator === '\r') cr++;
    lastTerminator = terminator;
    // The usual line: not continued and not continuing one, so its text is the logical line as is.
    const alone = !joiner.open && (end === start || text.charCodeAt(end - 1) !== 0x5c);
    if (!(alone && file.repeated(text.slice(start, end), number, number, start, end, next))) {
      const joined = joiner.push({ number, start, end, next, terminator });
      if (joined) file.logical(joined);
    }
    start = next;
  }
  const rest = joiner.finish();
  if (rest) file.logical(rest);
  manifest.newline = dominantNewline(lf, crlf, cr);
  manifest.finalNewline = text.length === 0 || lastTerminator !== '';
  return manifest;
}

/** The most used of \n, \r\n, \r (the first of them on a tie; \n in a file without any). */
function dominantNewline(lf: number, crlf: number, cr: number): ParsedManifest['newline'] {
  let newline: ParsedManifest['newline'] = '\n';
  let best = lf;
  if (crlf > best) {
    best = crlf;
    newline = '\r\n';
  }
  if (cr > best) newline = '\r';
  return newline;
}

/**
 * Requirement lines already read, by their joined text, per cwd: a platform repeats the same lines
 * across hundreds of services. Only lines whose reading used no ${VAR}, asked the file system
 * nothing and raised no diagnostic are kept: those read the same in every file, wherever they
 * stand. Kept for the process, so bounded: in entries, and in the size of the files they came
 * from (an entry's strings may be substrings that keep their whole file alive); cleared when
 * either bound is reached.
 */
const REPEATS_LIMIT = 100_000;
const REPEATS_TEXT_LIMIT = 32 * 1024 * 1024;
const repeats = new Map<string, Map<string, Declared>>();
let repeatsSize = 0;
let repeatsTextSize = 0;

function repeatsFor(cwd: string): Map<string, Declared> {
  let byText = repeats.get(cwd);
  if (!byText) {
    byText = new Map();
    repeats.set(cwd, byText);
  }
  return byText;
}

class FileParser {
  /** ctx.probe, counting its calls: a line that asked it is not memoized. */
  private readonly probe: PathProbe;
  private probeCalls = 0;
  private readonly cwd: string;
  private readonly dir: string;
  private repeats: Map<string, Declared>;
  /** Whether this file's text is counted in repeatsTextSize. */
  private textCounted = false;
  private readonly keepBlocks: boolean;

  constructor(
    private readonly text: string,
    private readonly ctx: RequirementsContext,
    private readonly out: ParsedManifest,
  ) {
    const probe = ctx.probe ?? NO_FILES;
    this.probe = {
      isDirectory: (p) => (this.probeCalls++, probe.isDirectory(p)),
      isFile: (p) => (this.probeCalls++, probe.isFile(p)),
    };
    this.cwd = ctx.cwd ?? '.';
    const slash = ctx.path.lastIndexOf('/');
    this.dir = slash >= 0 ? ctx.path.slice(0, slash) : '.';
    this.repeats = repeatsFor(this.cwd);
    this.keepBlocks = ctx.blocks !== false;
  }

  /**
   * Declare a logical line from the memo when the same text was read before (`text` is its joined
   * text, lines first..last at start..end, next line at `next`). False when it was not.
   */
  repeated(text: string, first: number, last: number, start: number, end: number, next: number): boolean {
    const seen = this.repeats.get(text);
    // A comment line's joined text gains a ' ' prefix, so its own text is never the key (and it declares nothing).
    if (seen === undefined || isCommentLine(text)) return false;
    // One physical line joined to its own length is its source text as is (a continued one lost its '\').
    const source = first === last && text.length === end - start ? text : this.text.slice(start, end);
    this.out.declarations.push(new PlacedDeclaration(seen, first, last, start, end, source));
    if (this.keepBlocks) this.out.blocks.push({ kind: 'declaration', line: first, endLine: last, start, end: next });
    return true;
  }

  /** One logical line from the joiner: its block, and what it declares. */
  logical(joined: JoinedLine): void {
    const first = joined.lines[0]!;
    const last = joined.lines[joined.lines.length - 1]!;
    if (this.repeated(joined.text, first.number, last.number, first.start, last.end, last.next)) return;
    const logical = stripComment(joined);
    const kind: BlockKind = logical.content ? this.line(logical) : logical.comment !== null ? 'comment' : 'blank';
    if (this.keepBlocks) this.out.blocks.push({ kind, line: first.number, endLine: last.number, start: first.start, end: last.next });
  }

  private remember(text: string, declared: Declared): void {
    if (repeatsSize >= REPEATS_LIMIT || (!this.textCounted && repeatsTextSize + this.text.length > REPEATS_TEXT_LIMIT)) {
      repeats.clear();
      repeatsSize = 0;
      repeatsTextSize = 0;
      this.repeats = repeatsFor(this.cwd);
      this.textCounted = false;
    }
    if (!this.textCounted) {
      repeatsTextSize += this.text.length;
      this.textCounted = true;
    }
    this.repeats.set(text, declared);
    repeatsSize++;
  }

  line(logical: LogicalLine): BlockKind {
    const { content, unexpanded, expanded } = this.expand(logical.content);
    const first = logical.joined.lines[0]!;
    const where = (offset: number) =>
      expanded ? { line: first.number, column: 1 } : locate(logical.joined, logical.contentAt + offset);
    const { args, options, optionsAt } = breakArgsOptions(content);

    let opts: LineOptions;
    try {
      opts = parseOptionTokens(shlexSplit(options));
    } catch (e) {
      const error = e instanceof OptionError ? e : new OptionError(String(e));
      const message =
        error.kind === 'shlex' ? `Could not split options: ${options} (${error.message})` : error.message;
      this.diag(where(optionsAt), 'error', error.kind === 'shlex' ? 'invalid-quoting' : 'invalid-option', message);
      return 'invalid';
    }

    if (args) {
      const diagnostics = this.out.diagnostics.length;
      const probeCalls = this.probeCalls;
      this.ignored(opts, where(optionsAt), (dest) => PER_REQUIREMENT_DESTS.has(dest), 'a requirement line');
      const declared = this.declare(logical, classifyRequirementMemo(args, this.probe, this.cwd), opts, unexpanded, where, args);
      if (declared === null) return 'invalid';
      // No ${VAR}, no file-system question, nothing reported: the line reads the same anywhere.
      if (!expanded && unexpanded.length === 0 && this.probeCalls === probeCalls && this.out.diagnostics.length === diagnostics) {
        this.remember(logical.joined.text, declared);
      }
      return 'declaration';
    }
    if (opts.editables.length > 0) {
      this.ignored(opts, where(optionsAt), (dest) => dest === 'editables', 'an editable line (pip 23.2 ignores per-requirement options there)');
      const value = opts.editables[0]!;
      // shlex may have unquoted the value (`-e "a b"`, `-e a\\b`): then point at the option itself.
      const valueAt = content.indexOf(value);
      const declared = this.declare(logical, classifyEditable(value, this.probe, this.cwd), opts, unexpanded, () => where(valueAt >= 0 ? valueAt : optionsAt), `-e ${value}`, true);
      return declared === null ? 'invalid' : 'declaration';
    }
    if (opts.requirements.length > 0 || opts.constraints.length > 0) {
      const isReq = opts.requirements.length > 0;
      this.include(first.number, isReq ? 'requirement' : 'constraint', (isReq ? opts.requirements : opts.constraints)[0]!, where(optionsAt));
      if (opts.seen.length > 1) {
        this.diag(where(optionsAt), 'warning', 'ignored-option', 'pip reads only the first -r/-c on a line and ignores every other option on it');
      }
      return 'include';
    }
    if (opts.hashes.length > 0) {
      this.diag(where(optionsAt), 'warning', 'hash-without-requirement', `line ${first.number} has --hash but no requirement, and will be ignored (a missing "\\" on the line above?)`);
    }
    for (const o of opts.seen) {
      if (PER_REQUIREMENT_DESTS.has(o.dest)) continue;
      this.out.options.push({ line: first.number, name: o.name, value: o.value } satisfies OptionLine);
    }
    return 'option';
  }

  private expand(content: string): { content: string; unexpanded: string[]; expanded: boolean } {
    if (!content.includes('${')) return { content, unexpanded: [], expanded: false };
    const unexpanded: string[] = [];
    let expanded = false;
    const env = this.ctx.env;
    const out = content.replace(ENV_VAR, (whole, name: string) => {
      const value = env?.get(name);
      if (!value) {
        if (!unexpanded.includes(name)) unexpanded.push(name);
        return whole;
      }
      expanded = true;
      return value;
    });
    return { content: out, unexpanded, expanded };
  }

  private ignored(opts: LineOptions, at: { line: number; column: number }, allowed: (dest: keyof LineOptions) => boolean, what: string): void {
    const dropped = opts.seen.filter((o) => !allowed(o.dest)).map((o) => o.name);
    if (dropped.length > 0) {
      this.diag(at, 'warning', 'ignored-option', `pip ignores ${[...new Set(dropped)].join(', ')} on ${what}`);
    }
  }

  private include(line: number, kind: Include['kind'], raw: string, at: { line: number; column: number }): void {
    const inc: Include = { line, kind, raw, target: null, url: null };
    if (SCHEME_RE.test(raw)) {
      inc.url = raw;
      this.diag(at, 'warning', 'url-include', `${kind === 'requirement' ? '-r' : '-c'} ${raw}: URL includes are not fetched; its requirements are not audited`);
    } else if (raw.startsWith('/')) {
      this.diag(at, 'error', 'include-outside-root', `${raw}: absolute include paths are not read (outside the scanned root)`);
    } else {
      inc.target = resolveUnderRoot(this.dir, raw);
    }
    this.out.includes.push(inc);
  }

  /** Record the declaration of a requirement or editable line; what it declares, or null when it is invalid. */
  private declare(
    logical: LogicalLine,
    result: ClassifyResult,
    opts: LineOptions,
    unexpanded: string[],
    where: (offset: number) => { line: number; column: number },
    /** pip's args_str (after ${VAR} expansion), or `-e value`. */
    requirement: string,
    editable = false,
  ): Declared | null {
    const lines = logical.joined.lines;
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    if (!result.ok) {
      const at = where(result.error.offset ?? 0);
      this.diag(at, 'error', result.error.code, result.error.message);
      return null;
    }
    const r = result.value;
    for (const w of r.warnings) this.diag(where(w.column ?? 0), 'warning', w.code, w.message);
    if (unexpanded.length > 0) {
      this.diag({ line: first.number, column: 1 }, 'warning', 'unexpanded-variable', `\${${unexpanded.join('}, ${')}} left as written: pip expands it from the environment at install time (pass --env NAME=VALUE to set it)`);
    }
    const declared: Declared = freezeDeclared({
      name: r.name,
      rawName: r.rawName,
      requirement,
      specifier: r.specifier,
      extras: r.extras,
      marker: r.marker,
      url: r.url,
      path: r.path,
      source: r.source,
      editable: r.editable,
      hashes: editable ? [] : opts.hashes,
      configSettings: editable ? null : opts.config_settings,
      globalOptions: editable || opts.global_options.length === 0 ? null : opts.global_options,
      unexpandedVars: unexpanded,
      comment: logical.comment === null ? null : logical.comment.trim(),
    });
    this.out.declarations.push(new PlacedDeclaration(declared, first.number, last.number, first.start, last.end, this.text.slice(first.start, last.end)));
    return declared;
  }

  private diag(at: { line: number; column: number }, severity: Diagnostic['severity'], code: string, message: string): void {
    this.out.diagnostics.push({ path: this.ctx.path, line: at.line, column: at.column, severity, code, message });
  }
}

/** Bytes per code point in the stored encoding, or null where that is not a fixed rule. */
function widthFor(encoding: string): ((cp: number) => number) | null {
  if (encoding === 'utf-8') return utf8Width;
  if (encoding.startsWith('utf-16')) return (cp) => (cp < 0x10000 ? 2 : 4);
  if (encoding.startsWith('utf-32')) return () => 4;
  if (['latin-1', 'latin1', 'iso-8859-1', 'ascii'].includes(encoding)) return oneByte;
  return null;
}

const utf8Width = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
const oneByte = () => 1;

/** Fill `byteSpan` for every declaration in one pass over the text (spans are in file order). */
export function assignByteSpans(declarations: Declaration[], text: string, encoding: string, bomLength: number): void {
  const width = widthFor(encoding);
  if (!width) return;
  if ((width === utf8Width || width === oneByte) && Buffer.byteLength(text, 'utf8') === text.length) {
    // ASCII text (the usual case) is one byte per character: a byte offset is the offset plus the BOM.
    const at = (offset: number) => bomLength + Math.max(0, Math.min(offset, text.length));
    for (const d of declarations) {
      const { start, end } = d.span;
      // Without a BOM the offsets are the same numbers: one object serves as both.
      d.byteSpan = bomLength === 0 && end <= text.length && start >= 0 ? d.span : { start: at(start), end: at(end) };
    }
    return;
  }
  const wanted = declarations.flatMap((d) => [d.span.start, d.span.end]).sort((a, b) => a - b);
  const at = new Map<number, number>();
  let bytes = bomLength;
  let i = 0;
  for (const offset of wanted) {
    for (; i < offset && i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      bytes += width(cp);
      if (cp > 0xffff) i++;
    }
    at.set(offset, bytes);
  }
  for (const d of declarations) d.byteSpan = { start: at.get(d.span.start)!, end: at.get(d.span.end)! };
}
