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
      if (prev === undefined) settings[key] = val;
      else if (Array.isArray(prev)) prev.push(val);
      else settings[key] = [prev, val];
      return;
    }
    case 'binary': {
      // FormatControl.handle_mutual_excludes, over Sets kept for the whole line (copying them per
      // option, or slicing the value per ':all:', is quadratic on a long line).
      if (value!.startsWith('-')) throw new OptionError('--no-binary / --only-binary option requires 1 argument.', 'command');
      const sets = binarySets(out);
      const target = sets[spec.dest as BinaryDest];
      const other = sets[spec.dest === 'no_binary' ? 'only_binary' : 'no_binary'];
      const items = value!.split(',');
      const lastNone = items.lastIndexOf(':none:');
      let start = 0;
      for (let all = items.indexOf(':all:'); all >= 0; all = items.indexOf(':all:', start)) {
        other.clear();
        target.clear();
        target.add(':all:');
        start = all + 1;
        if (lastNone < start) return;
      }
      for (let i = start; i < items.length; i++) {
        const name = items[i]!;
        if (name === ':none:') {
          target.clear();
          continue;
        }
        const key = canonicalizeName(name);
        other.delete(key);
        target.add(key);
      }
      return;
    }
  }
}

type BinaryDest = 'no_binary' | 'only_binary';
const BINARY_SETS = new WeakMap<LineOptions, Record<BinaryDest, Set<string>>>();

/** The live sets behind `no_binary`/`only_binary`; the arrays are written once, at the end of the line. */
function binarySets(out: LineOptions): Record<BinaryDest, Set<string>> {
  let sets = BINARY_SETS.get(out);
  if (!sets) {
    sets = { no_binary: new Set(out.no_binary ?? []), only_binary: new Set(out.only_binary ?? []) };
    BINARY_SETS.set(out, sets);
  }
  return sets;
}

/**
 * optparse's parse_args over shlex tokens: `--opt=value`, `--opt value`, unique prefixes of long
 * options, attached short values (`-rfile`, and `-r=file` keeps the '='), positional tokens
 * silently dropped, `--` ends the options.
 */
export function parseOptionTokens(tokens: string[]): LineOptions {
  const out = emptyOptions();
  // An index, not rargs.shift()/unshift(): those are linear, which makes a long line quadratic.
  let i = 0;
  const value = (opt: string): string => {
    if (i >= tokens.length) throw new OptionError(`${opt} option requires 1 argument`);
    return tokens[i++]!;
  };
  while (i < tokens.length) {
    const arg = tokens[i++]!;
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const spec = matchLong(eq >= 0 ? arg.slice(0, eq) : arg);
      if (spec.action === 'flag') {
        if (eq >= 0) throw new OptionError(`${spec.long} option does not take a value`);
        apply(spec, spec.long, null, out);
      } else {
        apply(spec, spec.long, eq >= 0 ? arg.slice(eq + 1) : value(spec.long), out);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      // Every supported short option takes a value, so only the first character counts.
      const opt = arg.slice(0, 2);
      const spec = BY_SHORT.get(opt);
      if (!spec) throw new OptionError(`no such option: ${opt}`);
      apply(spec, opt, arg.length > 2 ? arg.slice(2) : value(opt), out);
    }
    // Anything else is a positional argument, which pip ignores.
  }
  const sets = BINARY_SETS.get(out);
  if (sets) {
    out.no_binary = [...sets.no_binary];
    out.only_binary = [...sets.only_binary];
  }
  return out;
}
