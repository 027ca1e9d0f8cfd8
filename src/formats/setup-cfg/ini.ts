/**
 * INI as Python 3.11's `configparser.ConfigParser` reads it with setuptools' settings
 * (`optionxform = str`, so keys are case-sensitive), keeping where every value line is:
 * `=` or `:` separates key and value; a line indented deeper than its key continues the value;
 * full-line `#`/`;` comments are skipped even inside a continuation; inline comments are data;
 * empty lines inside a value are kept. Lines break on \n, \r\n and \r (Python's text mode).
 */
import { isPySpace } from '../requirements/lines.js';

/** One physical line's share of a value: its stripped text and where that text is. */
export interface IniValueLine {
  line: number;
  start: number;
  text: string;
}

export interface IniOption {
  key: string;
  line: number;
  /** The key line's value first (possibly ""), then each continuation line, blank ones as "". */
  lines: IniValueLine[];
}

export interface IniDocument {
  /** Sections in file order (a repeated section is merged, as configparser does before it errors). */
  sections: Map<string, Map<string, IniOption>>;
  defaults: Map<string, IniOption>;
  /** configparser's errors (it raises on the first duplicate and at the end for bad lines). */
  errors: Array<{ line: number; message: string }>;
}

/** `\[(?P<header>.+)\]` matched at the start: the header runs to the last `]`. */
const SECTION = /^\[(.+)\]/s;

export function readIni(text: string): IniDocument {
  const doc: IniDocument = { sections: new Map(), defaults: new Map(), errors: [] };
  let section: Map<string, IniOption> | null = null;
  let sectionName = '';
  let option: IniOption | null = null;
  let indent = Number.MAX_SAFE_INTEGER;
  const added = new Set<string>();
  let lineNo = 0;
  for (const { start, end } of lines(text)) {
    lineNo++;
    const raw = text.slice(start, end);
    const lead = leading(raw);
    const stripped = strip(raw, lead);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    if (isComment || stripped === '') {
      // A blank line continues the value; a comment line is skipped without ending it.
      if (!isComment && section !== null && option !== null) option.lines.push({ line: lineNo, start: start + lead, text: '' });
      continue;
    }
    if (section !== null && option !== null && lead > indent) {
      option.lines.push({ line: lineNo, start: start + lead, text: stripped });
      continue;
    }
    indent = lead;
    const header = SECTION.exec(stripped);
    if (header) {
      sectionName = header[1]!;
      if (added.has(sectionName)) doc.errors.push({ line: lineNo, message: `section ${JSON.stringify(sectionName)} already exists (configparser refuses the file)` });
      added.add(sectionName);
      section = sectionName === 'DEFAULT' ? doc.defaults : doc.sections.get(sectionName) ?? new Map<string, IniOption>();
      if (sectionName !== 'DEFAULT') doc.sections.set(sectionName, section);
      option = null;
      continue;
    }
    if (section === null) {
      doc.errors.push({ line: lineNo, message: 'File contains no section headers' });
      return doc;
    }
    // OPTCRE `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the first delimiter splits (a scan, not
    // that regex: on long whitespace runs it backtracks quadratically).
    const delim = stripped.search(/[=:]/);
    if (delim <= 0 || rstrip(stripped.slice(0, delim)) === '') {
      doc.errors.push({ line: lineNo, message: `not a "key = value" line: ${JSON.stringify(stripped)}` });
      if (delim >= 0) option = null;
      continue;
    }
    const key = rstrip(stripped.slice(0, delim));
    const id = `${sectionName}\u0000${key}`;
    if (added.has(id)) {
      doc.errors.push({ line: lineNo, message: `option ${JSON.stringify(key)} in section ${JSON.stringify(sectionName)} already exists (configparser refuses the file)` });
      option = null;
      continue;
    }
    added.add(id);
    const value = stripped.slice(delim + 1 + leading(stripped.slice(delim + 1)));
    option = { key, line: lineNo, lines: [{ line: lineNo, start: start + lead + stripped.length - value.length, text: value }] };
    section.set(key, option);
  }
  return doc;
}

/** configparser's value: the lines joined with "\n", trailing whitespace removed. */
export function joinedValue(option: IniOption): string {
  return rstrip(option.lines.map((l) => l.text).join('\n'));
}

function* lines(text: string): Generator<{ start: number; end: number }> {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    yield { start, end: i };
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  if (start < text.length) yield { start, end: text.length };
}

function leading(s: string): number {
  let i = 0;
  while (i < s.length && isPySpace(s[i]!)) i++;
  return i;
}

function strip(s: string, lead: number): string {
  let end = s.length;
  while (end > lead && isPySpace(s[end - 1]!)) end--;
  return s.slice(lead, end);
}

function rstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPySpace(s[end - 1]!)) end--;
  return s.slice(0, end);
}
