/**
 * A .gitignore matcher (the root file only): comments, blank lines, `!` negation, trailing `/`
 * for directories, leading or inner `/` anchoring, `*`, `?`, `[...]` and `**`. Later rules win.
 */
interface Rule {
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
}

function globToRegex(pattern: string, anchored: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/';
        const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches zero or more directories; a trailing `**` matches everything inside.
          re += i + 2 === pattern.length ? '.*' : '(?:[^/]*/)*?';
          i += i + 2 === pattern.length ? 1 : 2;
          continue;
        }
      }
      re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      re += escape(pattern[++i]!);
    } else re += escape(ch);
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}$`);
}

function escape(ch: string): string {
  return /[.+^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

export class GitIgnore {
  private readonly rules: Rule[] = [];

  constructor(text: string) {
    for (let raw of text.split(/\r?\n/)) {
      if (!raw || raw.startsWith('#')) continue;
      raw = raw.replace(/(?<!\\)\s+$/, '');
      if (!raw) continue;
      let negate = false;
      if (raw.startsWith('!')) {
        negate = true;
        raw = raw.slice(1);
      } else if (raw.startsWith('\\!') || raw.startsWith('\\#')) raw = raw.slice(1);
      let dirOnly = false;
      if (raw.endsWith('/')) {
        dirOnly = true;
        raw = raw.slice(0, -1);
      }
      const anchored = raw.includes('/');
      if (raw.startsWith('/')) raw = raw.slice(1);
      if (!raw) continue;
      this.rules.push({ negate, dirOnly, regex: globToRegex(raw, anchored) });
    }
  }

  /** Whether a root-relative POSIX path (a file, or a directory when `isDir`) is ignored. */
  ignores(path: string, isDir = false): boolean {
    // A file inside an ignored directory stays ignored (git never descends into it).
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (this.match(parts.slice(0, i).join('/'), true)) return true;
    }
    return this.match(path, isDir);
  }

  private match(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(path)) ignored = !rule.negate;
    }
    return ignored;
  }
}
