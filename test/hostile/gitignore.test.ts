/**
 * The root .gitignore is read from the scanned repository, so it is hostile input too: patterns
 * that make a backtracking regex explode, invalid character classes, long whitespace runs. The
 * matcher must agree with the regex translation it replaced wherever that one finishes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GitIgnore } from '../../src/discover/gitignore.js';

/** The previous regex-based translation (two bugs fixed, see below), kept as an oracle for small inputs. */
class RegexGitIgnore {
  private readonly rules: Array<{ negate: boolean; dirOnly: boolean; regex: RegExp }> = [];
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
  ignores(path: string, isDir = false): boolean {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) if (this.match(parts.slice(0, i).join('/'), true)) return true;
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

function globToRegex(pattern: string, anchored: boolean): RegExp {
  // Fixed here: the original left '*' and '?' out, so an escaped star became a quantifier (or crashed).
  const escape = (ch: string) => (/[.*?+^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch);
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/';
        const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        if (atStart && atEnd) {
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
        // Fixed here: a negated class matched '/', which git never lets a class match.
        if (body.startsWith('^')) body = `^/${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) re += escape(pattern[++i]!);
    else re += escape(ch);
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}$`);
}

describe('gitignore semantics', () => {
  const g = new GitIgnore(
    ['# comment', 'ignored/', '*.log', '!keep.log', '/root-only.txt', 'a/**/b.txt', 'docs/**', 'build?', '[Tt]mp*', '\\#hash', 'sp\\ ', ''].join('\n'),
  );
  it.each([
    ['ignored/requirements.txt', true],
    ['svc/ignored/requirements.txt', true],
    ['ignored', false], // a file named like the directory rule
    ['x.log', true],
    ['deep/x.log', true],
    ['keep.log', false],
    ['root-only.txt', true],
    ['svc/root-only.txt', false],
    ['a/b.txt', true],
    ['a/x/y/b.txt', true],
    ['z/a/b.txt', false],
    ['docs/requirements.txt', true],
    ['docs', false],
    ['build1/requirements.txt', true],
    ['build12/requirements.txt', false],
    ['Tmpdir/requirements.txt', true],
    ['tmp', true],
    ['#hash', true],
    ['sp ', true],
    ['svc/requirements.txt', false],
  ])('%s → %s', (path, ignored) => {
    expect(g.ignores(path)).toBe(ignored);
  });
});

describe('agrees with the regex translation it replaced', () => {
  const patternPart = fc.constantFrom('a', 'b', 'x', '.', '*', '**', '?', '/', '[ab]', '[!a]', '\\*', '!', '#', ' ', '\\ ', 'requirements', '.txt');
  const pattern = fc.array(patternPart, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
  const segment = fc.array(fc.constantFrom('a', 'b', 'x', '.', '*', 'requirements', '.txt', ' '), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((p) => p.join('/'));

  it('on random patterns and paths', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 4 }), path, fc.boolean(), (lines, p, isDir) => {
        const text = lines.join('\n');
        expect(new GitIgnore(text).ignores(p, isDir)).toBe(new RegexGitIgnore(text).ignores(p, isDir));
      }),
      { seed: 42, numRuns: 2_000 },
    );
  });
});

describe('hostile .gitignore lines stay fast', () => {
  const BUDGET_MS = 2_000;
  it.each([
    ['stars against a long directory name', '*a*a*a*a*a*a*a*a*a*b', `svc/${'a'.repeat(5_000)}/requirements.txt`],
    ['globstars against a deep path', '**/**/**/**/**/**/**/**/x', `${'a/'.repeat(2_000)}requirements.txt`],
    ['a long whitespace run', `${' '.repeat(200_000)}x`, 'svc/requirements.txt'],
    ['many rules', Array.from({ length: 5_000 }, (_, i) => `*${i}*a*b*`).join('\n'), `svc/${'a'.repeat(200)}/requirements.txt`],
  ])('%s', (_label, text, path) => {
    const start = performance.now();
    const ignored = new GitIgnore(text).ignores(path);
    expect(ignored).toBe(false);
    expect(performance.now() - start).toBeLessThan(BUDGET_MS);
  });

  it('an invalid character class and an escaped star neither throw (both crashed the regex translation)', () => {
    const g = new GitIgnore('[z-a]\n[\\]\n\\*x\nreq*\n');
    expect(g.ignores('z')).toBe(false);
    expect(g.ignores('*x')).toBe(true);
    expect(g.ignores('ax')).toBe(false);
    expect(g.ignores('requirements.txt')).toBe(true);
  });
});
