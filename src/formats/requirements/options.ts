/**
 * pip's per-line option parsing: break_args_options, shlex.split, and an optparse parser built
 * from SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ (pip 23.2.1 req_file.py / cmdoptions.py).
 * Error texts are optparse's and pip's, so users can search for them.
 */
import { canonicalizeName } from '../../pep508/names.js';

type Action = 'store' | 'append' | 'flag' | 'hash' | 'config' | 'binary';

interface OptionSpec {
  long: string;
  short?: string;
  dest: keyof LineOptions;
  action: Action;
  choices?: readonly string[];
}

/** Options pip reads from one line of a requirements file. */
export interface LineOptions {
  index_url: string | null;
  extra_index_urls: string[];
  no_index: boolean;
  constraints: string[];
  requirements: string[];
  editables: string[];
  find_links: string[];
  no_binary: string[] | null;
  only_binary: string[] | null;
  prefer_binary: boolean;
  require_hashes: boolean;
  pre: boolean;
  trusted_hosts: string[];
  features_enabled: string[];
  global_options: string[];
  hashes: string[];
  config_settings: Record<string, string | string[]> | null;
  /** Every option occurrence in order, with its canonical long name and value. */
  seen: Array<{ name: string; dest: keyof LineOptions; value: string | null }>;
}

const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];
const FEATURES = ['fast-deps', 'truststore', 'no-binary-enable-wheel-cache'];

const SPECS: OptionSpec[] = [
  { long: '--index-url', short: '-i', dest: 'index_url', action: 'store' },
  { long: '--extra-index-url', dest: 'extra_index_urls', action: 'append' },
  { long: '--no-index', dest: 'no_index', action: 'flag' },
  { long: '--constraint', short: '-c', dest: 'constraints', action: 'append' },
  { long: '--requirement', short: '-r', dest: 'requirements', action: 'append' },
  { long: '--editable', short: '-e', dest: 'editables', action: 'append' },
  { long: '--find-links', short: '-f', dest: 'find_links', action: 'append' },
  { long: '--no-binary', dest: 'no_binary', action: 'binary' },
  { long: '--only-binary', dest: 'only_binary', action: 'binary' },
  { long: '--prefer-binary', dest: 'prefer_binary', action: 'flag' },
  { long: '--require-hashes', dest: 'require_hashes', action: 'flag' },
  { long: '--pre', dest: 'pre', action: 'flag' },
  { long: '--trusted-host', dest: 'trusted_hosts', action: 'append' },
  { long: '--use-feature', dest: 'features_enabled', action: 'append', choices: FEATURES },
  { long: '--global-option', dest: 'global_options', action: 'append' },
  { long: '--hash', dest: 'hashes', action: 'hash' },
  { long: '--config-settings', short: '-C', dest: 'config_settings', action: 'config' },
];
const BY_LONG = new Map(SPECS.map((s) => [s.long, s]));
const BY_SHORT = new Map(SPECS.filter((s) => s.short).map((s) => [s.short!, s]));
const LONG_NAMES = [...BY_LONG.keys()].sort();

/** Destinations that apply to a requirement line; every other option there is ignored by pip. */
export const PER_REQUIREMENT_DESTS: ReadonlySet<keyof LineOptions> = new Set(['hashes', 'config_settings', 'global_options']);

export function emptyOptions(): LineOptions {
  return {
    index_url: null, extra_index_urls: [], no_index: false, constraints: [], requirements: [], editables: [],
    find_links: [], no_binary: null, only_binary: null, prefer_binary: false, require_hashes: false, pre: false,
    trusted_hosts: [], features_enabled: [], global_options: [], hashes: [], config_settings: null, seen: [],
  };
}

/** break_args_options: tokens split on single spaces; the first token starting with '-' begins the options. */
export function breakArgsOptions(line: string): { args: string; options: string; optionsAt: number } {
  const tokens = line.split(' ');
  let i = 0;
  let offset = 0;
  for (; i < tokens.length; i++) {
    if (tokens[i]!.startsWith('-')) break;
    offset += tokens[i]!.length + 1;
  }
  return { args: tokens.slice(0, i).join(' '), options: tokens.slice(i).join(' '), optionsAt: Math.min(offset, line.length) };
}

export class OptionError extends Error {
  constructor(
    message: string,
    /** pip raises CommandError (not an optparse error) for a bad --no-binary value. */
    readonly kind: 'optparse' | 'shlex' | 'command' = 'optparse',
  ) {
    super(message);
  }
}

/** shlex.split(s) in POSIX mode with comments off. */
export function shlexSplit(s: string): string[] {
  const tokens: string[] = [];
  let token = '';
  let inToken = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else token += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\') {
        if (i + 1 >= s.length) throw new OptionError('No escaped character', 'shlex');
        const next = s[i + 1]!;
        // Inside double quotes a backslash only escapes '"' and '\'.
        token += next === '"' || next === '\\' ? next : ch + next;
        i++;
      } else token += ch;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
    } else {
      inToken = true;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\') {
        if (i + 1 >= s.length) throw new OptionError('No escaped character', 'shlex');
        token += s[++i]!;
      } else token += ch;
    }
  }
  if (quote) throw new OptionError('No closing quotation', 'shlex');
  if (inToken) tokens.push(token);
  return tokens;
}

function matchLong(opt: string): OptionSpec {
  const exact = BY_LONG.get(opt);
  if (exact) return exact;
  const candidates = LONG_NAMES.filter((n) => n.startsWith(opt));
  if (candidates.length === 1) return BY_LONG.get(candidates[0]!)!;
  if (candidates.length === 0) throw new OptionError(`no such option: ${opt}`);
  throw new OptionError(`ambiguous option: ${opt} (${candidates.join(', ')}?)`);
}

function apply(spec: OptionSpec, optStr: string, value: string | null, out: LineOptions): void {
  out.seen.push({ name: spec.long, dest: spec.dest, value });
  switch (spec.action) {
    case 'flag':
      (out[spec.dest] as boolean) = true;
      return;
    case 'store':
      (out[spec.dest] as string | null) = value;
      return;
    case 'append':
      if (spec.choices && !spec.choices.includes(value!)) {
        throw new OptionError(
          `option ${optStr}: invalid choice: '${value}' (choose from ${spec.choices.map((c) => `'${c}'`).join(', ')})`,
        );
      }
      (out[spec.dest] as string[]).push(value!);
      return;
    case 'hash': {
      const colon = value!.indexOf(':');
      if (colon < 0) {
        throw new OptionError(`Arguments to ${optStr} must be a hash name followed by a value, like --hash=sha256:abcde...`);
      }
      const algo = value!.slice(0, colon);
      if (!STRONG_HASHES.includes(algo)) {
        throw new OptionError(`Allowed hash algorithms for ${optStr} are ${STRONG_HASHES.join(', ')}.`);
      }
      out.hashes.push(value!);
      return;
    }
    case 'config': {
      const eq = value!.indexOf('=');
      if (eq < 0) throw new OptionError(`Arguments to ${optStr} must be of the form KEY=VAL`);
      const key = value!.slice(0, eq);
      const val = value!.slice(eq + 1);
      const settings = (out.config_settings ??= {});
      const prev = settings[key];
      settings[key] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
      return;
    }
    case 'binary': {
      // FormatControl.handle_mutual_excludes
      if (value!.startsWith('-')) throw new OptionError('--no-binary / --only-binary option requires 1 argument.', 'command');
      const target = new Set((out[spec.dest] as string[] | null) ?? []);
      const otherDest: BinaryDest = spec.dest === 'no_binary' ? 'only_binary' : 'no_binary';
      const other = new Set(out[otherDest] ?? []);
      let items = value!.split(',');
      while (items.includes(':all:')) {
        other.clear();
        target.clear();
        target.add(':all:');
        items = items.slice(items.indexOf(':all:') + 1);
        if (!items.includes(':none:')) {
          setBinary(out, spec.dest, [...target], otherDest, [...other]);
          return;
        }
      }
      for (const name of items) {
        if (name === ':none:') {
          target.clear();
          continue;
        }
        const key = canonicalizeName(name);
        other.delete(key);
        target.add(key);
      }
      setBinary(out, spec.dest, [...target], otherDest, [...other]);
      return;
    }
  }
}

type BinaryDest = 'no_binary' | 'only_binary';
function setBinary(out: LineOptions, dest: keyof LineOptions, target: string[], other: BinaryDest, rest: string[]): void {
  out[dest as BinaryDest] = target;
  out[other] = rest;
}

/**
 * optparse's parse_args over shlex tokens: `--opt=value`, `--opt value`, unique prefixes of long
 * options, attached short values (`-rfile`, and `-r=file` keeps the '='), positional tokens
 * silently dropped, `--` ends the options.
 */
export function parseOptionTokens(tokens: string[]): LineOptions {
  const out = emptyOptions();
  const rargs = [...tokens];
  while (rargs.length > 0) {
    const arg = rargs[0]!;
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      rargs.shift();
      const eq = arg.indexOf('=');
      const opt = eq >= 0 ? arg.slice(0, eq) : arg;
      if (eq >= 0) rargs.unshift(arg.slice(eq + 1));
      const spec = matchLong(opt);
      if (spec.action === 'flag') {
        if (eq >= 0) throw new OptionError(`${spec.long} option does not take a value`);
        apply(spec, spec.long, null, out);
      } else {
        if (rargs.length < 1) throw new OptionError(`${spec.long} option requires 1 argument`);
        apply(spec, spec.long, rargs.shift()!, out);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      rargs.shift();
      // Every supported short option takes a value, so only the first character counts.
      const opt = arg.slice(0, 2);
      const spec = BY_SHORT.get(opt);
      if (!spec) throw new OptionError(`no such option: ${opt}`);
      if (arg.length > 2) rargs.unshift(arg.slice(2));
      if (rargs.length < 1) throw new OptionError(`${opt} option requires 1 argument`);
      apply(spec, opt, rargs.shift()!, out);
    } else {
      rargs.shift(); // positional arguments are ignored by pip
    }
  }
  return out;
}
