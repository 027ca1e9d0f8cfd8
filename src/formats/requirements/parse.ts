/**
 * One requirements file → ParsedManifest, following pip 23.2.1's req_file.py pipeline:
 * decode → splitlines → join_lines → ignore_comments → expand_env_variables →
 * break_args_options → shlex + optparse → classify. Includes are recorded, not followed: the
 * inventory follows them across files. Never throws; every problem is a Diagnostic.
 */
import { createHash } from 'node:crypto';
import type { Declaration } from '../../model/declaration.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { BlockKind, Include, OptionLine, ParsedManifest } from '../../model/manifest.js';
import { classifyEditable, classifyRequirementMemo, NO_FILES, type ClassifyResult, type PathProbe } from './classify.js';
import { decodeRequirementsBytes } from './decode.js';
import { joinLines, locate, physicalLines, stripComment, type LogicalLine, type PhysicalLine } from './lines.js';
import { breakArgsOptions, OptionError, parseOptionTokens, PER_REQUIREMENT_DESTS, shlexSplit, type LineOptions } from './options.js';
import { resolveUnderRoot } from './links.js';

export interface RequirementsContext {
  /** Root-relative POSIX path of the file. */
  path: string;
  /** Values for `${VAR}` references; pip reads the environment, depaudit only what it is given. */
  env?: ReadonlyMap<string, string>;
  /** Answers pip's local-path questions (is this a directory, does it have a pyproject.toml). */
  probe?: PathProbe;
  /** Directory pip would run in, root-relative (local project paths resolve against it). */
  cwd?: string;
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
  // Lines stream through the pipeline; only the blocks (and what the lines declare) are kept.
  const terminators = new Map<string, number>();
  let last: PhysicalLine | undefined;
  function* counted(): Generator<PhysicalLine> {
    for (const line of physicalLines(text)) {
      if (line.terminator) terminators.set(line.terminator, (terminators.get(line.terminator) ?? 0) + 1);
      last = line;
      yield line;
    }
  }
  for (const joined of joinLines(text, counted())) {
    const logical = stripComment(joined);
    const kind: BlockKind = logical.content ? file.line(logical) : logical.comment !== null ? 'comment' : 'blank';
    const first = joined.lines[0]!;
    const end = joined.lines[joined.lines.length - 1]!;
    manifest.blocks.push({ kind, line: first.number, endLine: end.number, start: first.start, end: end.next });
  }
  return Object.assign(manifest, lineEndings(terminators, last, text));
}

function lineEndings(counts: Map<string, number>, last: PhysicalLine | undefined, text: string): Pick<ParsedManifest, 'newline' | 'finalNewline'> {
  let newline: ParsedManifest['newline'] = '\n';
  let best = 0;
  for (const nl of ['\n', '\r\n', '\r'] as const) {
    if ((counts.get(nl) ?? 0) > best) {
      best = counts.get(nl)!;
      newline = nl;
    }
  }
  return { newline, finalNewline: text.length === 0 || (last !== undefined && last.terminator !== '') };
}

class FileParser {
  private readonly probe: PathProbe;
  private readonly cwd: string;
  private readonly dir: string;

  constructor(
    private readonly text: string,
    private readonly ctx: RequirementsContext,
    private readonly out: ParsedManifest,
  ) {
    this.probe = ctx.probe ?? NO_FILES;
    this.cwd = ctx.cwd ?? '.';
    const slash = ctx.path.lastIndexOf('/');
    this.dir = slash >= 0 ? ctx.path.slice(0, slash) : '.';
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
      this.ignored(opts, where(optionsAt), (dest) => PER_REQUIREMENT_DESTS.has(dest), 'a requirement line');
      return this.declare(logical, classifyRequirementMemo(args, this.probe, this.cwd), opts, unexpanded, where, args);
    }
    if (opts.editables.length > 0) {
      this.ignored(opts, where(optionsAt), (dest) => dest === 'editables', 'an editable line (pip 23.2 ignores per-requirement options there)');
      const value = opts.editables[0]!;
      // shlex may have unquoted the value (`-e "a b"`, `-e a\\b`): then point at the option itself.
      const valueAt = content.indexOf(value);
      return this.declare(logical, classifyEditable(value, this.probe, this.cwd), opts, unexpanded, () => where(valueAt >= 0 ? valueAt : optionsAt), `-e ${value}`, true);
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

  private declare(
    logical: LogicalLine,
    result: ClassifyResult,
    opts: LineOptions,
    unexpanded: string[],
    where: (offset: number) => { line: number; column: number },
    /** pip's args_str (after ${VAR} expansion), or `-e value`. */
    requirement: string,
    editable = false,
  ): BlockKind {
    const lines = logical.joined.lines;
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    if (!result.ok) {
      const at = where(result.error.offset ?? 0);
      this.diag(at, 'error', result.error.code, result.error.message);
      return 'invalid';
    }
    const r = result.value;
    for (const w of r.warnings) this.diag(where(w.column ?? 0), 'warning', w.code, w.message);
    if (unexpanded.length > 0) {
      this.diag({ line: first.number, column: 1 }, 'warning', 'unexpanded-variable', `\${${unexpanded.join('}, ${')}} left as written: pip expands it from the environment at install time (pass --env NAME=VALUE to set it)`);
    }
    const declaration: Declaration = {
      name: r.name,
      rawName: r.rawName,
      line: first.number,
      endLine: last.number,
      span: { start: first.start, end: last.end },
      byteSpan: null,
      text: this.text.slice(first.start, last.end),
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
      constraint: false,
      group: 'main',
      unexpandedVars: unexpanded,
      comment: logical.comment === null ? null : logical.comment.trim(),
    };
    this.out.declarations.push(declaration);
    return 'declaration';
  }

  private diag(at: { line: number; column: number }, severity: Diagnostic['severity'], code: string, message: string): void {
    this.out.diagnostics.push({ path: this.ctx.path, line: at.line, column: at.column, severity, code, message });
  }
}

/** Bytes per code point in the stored encoding, or null where that is not a fixed rule. */
function widthFor(encoding: string): ((cp: number) => number) | null {
  if (encoding === 'utf-8') return (cp) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
  if (encoding.startsWith('utf-16')) return (cp) => (cp < 0x10000 ? 2 : 4);
  if (encoding.startsWith('utf-32')) return () => 4;
  if (['latin-1', 'latin1', 'iso-8859-1', 'ascii'].includes(encoding)) return () => 1;
  return null;
}

/** Fill `byteSpan` for every declaration in one pass over the text (spans are in file order). */
export function assignByteSpans(declarations: Declaration[], text: string, encoding: string, bomLength: number): void {
  const width = widthFor(encoding);
  if (!width) return;
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
