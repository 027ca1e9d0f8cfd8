/**
 * Dockerfile → the official python/node base images its FROM lines name, read the way
 * BuildKit reads them: global `ARG`s (those before the first FROM) substituted into the image
 * with their defaults, `--platform` and other flags, `AS name`, and `FROM <earlier stage>`,
 * which is a stage, not an image. Never throws: a FROM BuildKit would reject is a warning.
 */
import type { RuntimeDeclaration, RuntimeParse } from '../../model/runtime.js';
import { DockerfileLines, type Instruction } from './dockerfile-lines.js';
import { officialRuntime, parseImageRef, tagVersion } from './image-ref.js';
import { expandWord, GO_SPACE, splitWords, UNKNOWN } from './shell-words.js';

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const HEREDOC = /^(\d*)<<(-?)([^<]*)$/;
const HEREDOC_COMMANDS = new Set(['run', 'copy', 'add']);

export function parseDockerfileRuntimes(text: string, ctx: { path: string }): RuntimeParse {
  const out: RuntimeParse = { runtimes: [], diagnostics: [] };
  const lines = new DockerfileLines(text, ctx.path, out.diagnostics);
  const globals = new Map<string, string>();
  const stages = new Set<string>();
  let seenFrom = false;
  for (let ins = lines.instruction(); ins; ins = lines.instruction()) {
    const cmdEnd = ins.text.search(GO_SPACE);
    const command = (cmdEnd < 0 ? ins.text : ins.text.slice(0, cmdEnd)).toLowerCase();
    const argsAt = cmdEnd < 0 ? ins.text.length : cmdEnd;
    if (command === 'from') {
      seenFrom = true;
      const stage = readFrom(ins, argsAt, lines, globals, stages, ctx.path);
      if (stage) out.runtimes.push(stage);
    } else if (command === 'arg' && !seenFrom) {
      readArg(ins.text.slice(argsAt), globals, lines.escape, (message) => lines.warn(ins.offsetOf(0), 'arg-too-long', message));
    } else {
      skipHeredocs(ins, command, argsAt, lines);
    }
  }
  return out;
}

/** `ARG A=1 B`: later declarations win; values are expanded with the ARGs before them. */
function readArg(args: string, globals: Map<string, string>, escape: string, warn: (message: string) => void): void {
  for (const { text } of splitWords(args, escape)) {
    const eq = text.indexOf('=');
    if (eq < 0) {
      globals.delete(text);
      continue;
    }
    const value = expandWord(text.slice(eq + 1), globals, escape);
    if (value.ok && !value.value.includes(UNKNOWN)) globals.set(text.slice(0, eq), value.value);
    else globals.delete(text.slice(0, eq));
    if (!value.ok && value.tooLong) warn(`ARG ${text.slice(0, eq)} ${value.error}; read as unset`);
  }
}

function readFrom(
  ins: Instruction,
  argsAt: number,
  lines: DockerfileLines,
  globals: ReadonlyMap<string, string>,
  stages: Set<string>,
  path: string,
): RuntimeDeclaration | null {
  const fromOffset = ins.offsetOf(0);
  const bad = (message: string) => {
    lines.warn(fromOffset, 'invalid-from', message);
    return null;
  };
  const words = splitWords(ins.text.slice(argsAt), lines.escape).map((w) => ({ ...w, start: w.start + argsAt }));
  // Leading `--flag=value` / `--flag value` words are flags; the rest are split on whitespace only.
  let i = 0;
  for (; i < words.length && words[i]!.text.startsWith('--'); i++) {
    const flag = words[i]!.text;
    if (flag === '--') {
      i++;
      break;
    }
    const name = flag.slice(2).split('=')[0]!;
    if (!flag.includes('=')) {
      if (i + 1 >= words.length) return bad(`FROM: missing a value on flag --${name}`);
      i++;
    }
    if (name !== 'platform') return bad(`FROM: unknown flag: --${name}`);
  }
  const restAt = i < words.length ? words[i]!.start : ins.text.length;
  const args = [...ins.text.slice(restAt).matchAll(/[^\t\v\f\r ]+/g)].map((m) => ({ text: m[0], start: restAt + m.index }));
  if (args.length === 0) return bad('FROM requires either one or three arguments');
  let stageName: string | null = null;
  if (args.length === 3 && args[1]!.text.toLowerCase() === 'as') {
    stageName = args[2]!.text.toLowerCase();
    if (!STAGE_NAME.test(stageName)) return bad(`FROM: invalid name for build stage: ${JSON.stringify(args[2]!.text)}, name can't start with a number or contain symbols`);
  } else if (args.length !== 1) return bad('FROM requires either one or three arguments');
  const image = args[0]!;
  try {
    return baseImage(image, ins, lines, globals, stages, path, bad);
  } finally {
    if (stageName) stages.add(stageName);
  }
}

function baseImage(
  image: { text: string; start: number },
  ins: Instruction,
  lines: DockerfileLines,
  globals: ReadonlyMap<string, string>,
  stages: ReadonlySet<string>,
  path: string,
  bad: (message: string) => null,
): RuntimeDeclaration | null {
  if (image.text.includes(UNKNOWN)) return bad(`FROM ${image.text}: invalid reference format`);
  const expanded = expandWord(image.text, globals, lines.escape);
  if (!expanded.ok) return bad(`FROM ${image.text}: ${expanded.error}`);
  const name = expanded.value;
  if (name === '') return bad(`FROM: base name (${image.text}) should not be blank`);
  // An earlier stage's name (stage names are lower-cased), or the empty image.
  if (stages.has(name.toLowerCase()) || name === 'scratch') return null;
  const parsed = parseImageRef(name);
  const at = lines.position(ins.offsetOf(image.start));
  if (!parsed.ok) {
    if (!parsed.unknownName) return bad(`FROM ${image.text}: ${parsed.error}`);
    const missing = [...image.text.matchAll(/\$\{?([\p{L}\p{Nd}_]+)/gu)].map((m) => m[1]!).filter((v) => !globals.has(v));
    const which = missing.length ? ` (${[...new Set(missing)].join(', ')})` : '';
    lines.warn(ins.offsetOf(image.start), 'unresolved-base-image', `FROM ${image.text}: the image depends on a build argument without a default${which}; its runtime is not known`);
    return null;
  }
  const runtime = officialRuntime(parsed.ref);
  if (!runtime) return null;
  return { runtime, source: 'dockerfile', path, ...at, written: image.text, version: tagVersion(runtime, parsed.ref.tag), range: null, service: null };
}

/** RUN/COPY/ADD (and ONBUILD of them) read `<<EOF` bodies: their lines are not instructions. */
function skipHeredocs(ins: Instruction, command: string, argsAt: number, lines: DockerfileLines): void {
  let text = ins.text;
  let cmd = command;
  if (cmd === 'onbuild') {
    text = ins.text.slice(argsAt).trimStart();
    const end = text.search(GO_SPACE);
    cmd = (end < 0 ? text : text.slice(0, end)).toLowerCase();
  }
  if (!HEREDOC_COMMANDS.has(cmd)) return;
  const args = text.slice(text.search(GO_SPACE) + 1).trim();
  if (args.startsWith('[') && isJsonStrings(args)) return;
  for (const word of splitWords(text, '\\')) {
    const m = HEREDOC.exec(word.text);
    if (!m || m[3] === '') continue;
    const name = expandWord(m[3]!, new Map(), '\\');
    if (!name.ok || name.value === '' || GO_SPACE.test(name.value)) continue;
    if (!lines.skipHeredoc(name.value, m[2] === '-')) {
      lines.warn(ins.offsetOf(0), 'unterminated-heredoc', `unterminated heredoc: no line ${JSON.stringify(name.value)} ends it`);
      return;
    }
  }
}

function isJsonStrings(s: string): boolean {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}
