/**
 * A Dockerfile's physical lines → instructions, as BuildKit's parser joins them: parser
 * directives at the top (`# escape=\``), comment lines, continuations with the escape
 * character (comment and blank lines inside a continuation are dropped), and heredoc bodies.
 * Each instruction keeps a map back to offsets in the text, for positions.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import { lineStarts, positionAt } from '../positions.js';
import { GO_SPACE } from './shell-words.js';

export interface Instruction {
  /** The logical line: leading whitespace and escape-newlines removed. */
  text: string;
  /** 1-based line where it starts. */
  line: number;
  /** Text offset of `text[i]`. */
  offsetOf(i: number): number;
}

interface PhysicalLine {
  start: number;
  /** Without the newline and any CRs before it. */
  content: string;
}

const DIRECTIVE = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

const leadingSpace = (s: string): number => {
  let i = 0;
  while (i < s.length && GO_SPACE.test(s[i]!)) i++;
  return i;
};

export class DockerfileLines {
  readonly starts: number[];
  escape = '\\';
  private continuation = /([^\\])\\[ \t]*$|^\\[ \t]*$/;
  private readonly lines: PhysicalLine[] = [];
  private next = 0;
  private directivesDone = false;
  private readonly seen = new Set<string>();

  constructor(
    readonly text: string,
    private readonly path: string,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.starts = lineStarts(text);
    this.starts.forEach((start, n) => {
      const end = this.starts[n + 1] ?? text.length;
      // A BOM is dropped from the first line, as BuildKit does.
      const from = n === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
      this.lines.push({ start: from, content: text.slice(from, end).replace(/[\r\n]+$/, '') });
    });
  }

  /** 1-based line and column of a text offset; the BOM does not count as a column. */
  position(offset: number): { line: number; column: number } {
    const p = positionAt(this.starts, offset);
    return p.line === 1 && this.text.charCodeAt(0) === 0xfeff ? { line: 1, column: Math.max(1, p.column - 1) } : p;
  }

  warn(offset: number, code: string, message: string): void {
    this.diagnostics.push({ path: this.path, ...this.position(offset), severity: 'warning', code, message });
  }

  /** The next instruction, or null at the end of the file. */
  instruction(): Instruction | null {
    while (this.next < this.lines.length) {
      const first = this.lines[this.next++]!;
      const lead = leadingSpace(first.content);
      const token = first.content.slice(lead);
      this.directive(token, first.start + lead);
      if (token.startsWith('#')) continue;
      let [kept, end] = this.trimContinuation(token);
      if (end && kept === '') continue;
      const segments = [{ at: 0, offset: first.start + lead }];
      let text = kept;
      const line = this.next;
      while (!end && this.next < this.lines.length) {
        const l = this.lines[this.next++]!;
        const rest = l.content.slice(leadingSpace(l.content));
        if (rest.startsWith('#') || rest === '') continue;
        [kept, end] = this.trimContinuation(l.content);
        segments.push({ at: text.length, offset: l.start });
        text += kept;
      }
      return {
        text,
        line,
        offsetOf(i: number) {
          let s = segments[0]!;
          for (const seg of segments) if (seg.at <= i) s = seg;
          return s.offset + (i - s.at);
        },
      };
    }
    return null;
  }

  /** Skips a heredoc body through its terminator line; false when the file ends first. */
  skipHeredoc(name: string, chomp: boolean): boolean {
    while (this.next < this.lines.length) {
      const content = this.lines[this.next++]!.content;
      if ((chomp ? content.replace(/^\t+/, '') : content) === name) return true;
    }
    return false;
  }

  private trimContinuation(line: string): [string, boolean] {
    const m = this.continuation.exec(line);
    return m ? [line.slice(0, m.index) + (m[1] ?? ''), false] : [line, true];
  }

  /** Directives count only before the first line that is not one (comment, blank or instruction). */
  private directive(token: string, offset: number): void {
    if (this.directivesDone) return;
    const m = DIRECTIVE.exec(token);
    const key = m?.[1]?.toLowerCase();
    if (!m || !key || !KNOWN_DIRECTIVES.has(key)) {
      this.directivesDone = true;
      return;
    }
    if (this.seen.has(key)) {
      this.warn(offset, 'invalid-directive', `only one ${key} parser directive can be used`);
      return;
    }
    this.seen.add(key);
    if (key !== 'escape') return;
    const value = m[2]!;
    if (value !== '\\' && value !== '`') {
      this.warn(offset, 'invalid-directive', `invalid escape token '${value}' does not match \` or \\`);
      return;
    }
    this.escape = value;
    const e = value === '\\' ? '\\\\' : '`';
    this.continuation = new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
  }
}
