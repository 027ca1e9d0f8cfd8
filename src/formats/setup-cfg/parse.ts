/**
 * setup.cfg → ParsedFormat, as setuptools 65.5's `config/setupcfg.py` reads it
 * (python-manifests.md §7): `[options] install_requires`, `setup_requires`, `tests_require`,
 * `python_requires` and `[options.extras_require]`. A value with several lines is split on
 * newlines, a one-line value on `;`; items are stripped, empty ones dropped, and (for
 * install_requires and extras) items starting with `#` dropped. Inline comments stay part of
 * the item. `file:` is noted, not followed.
 */
import { sortDiagnostics } from '../../model/diagnostic.js';
import type { ParsedFormat } from '../../model/manifest.js';
import { canonicalizeName, parseRequirement } from '../../pep508/index.js';
import { DeclarationSink, type DeclarationMeta } from '../pyproject/declare.js';
import { pep440Python, type PythonConstraint } from '../pyproject/python-constraint.js';
import { Diagnostics, emptyFormat, lineStarts } from '../pyproject/source-text.js';
import { isPySpace } from '../requirements/lines.js';
import { interpolate } from './interpolate.js';
import { joinedValue, readIni, type IniOption } from './ini.js';

export type ParsedSetupCfg = ParsedFormat & {
  kind: 'setup-cfg';
  /** `[options] python_requires`. */
  requiresPython: PythonConstraint[];
};

interface Field {
  meta: DeclarationMeta;
  /** install_requires and extras go through `_parse_requirements_list` (file:, `#` items dropped). */
  requirementsList: boolean;
}

const OPTIONS: Record<string, Field> = {
  install_requires: { meta: { group: 'main', role: 'requirement', dialect: 'pep508' }, requirementsList: true },
  setup_requires: { meta: { group: 'build', role: 'build', dialect: 'pep508' }, requirementsList: false },
  tests_require: { meta: { group: 'tests', role: 'dev', dialect: 'pep508' }, requirementsList: false },
};

export function parseSetupCfg(text: string, ctx: { path: string }): ParsedSetupCfg {
  const out: ParsedSetupCfg = { ...emptyFormat('setup-cfg', text, ctx.path), kind: 'setup-cfg', requiresPython: [] };
  const diags = new Diagnostics(ctx.path, out.diagnostics);
  const sink = new DeclarationSink(text, lineStarts(text, true), diags, out.declarations);
  const ini = readIni(text);
  for (const e of ini.errors) diags.add({ line: e.line, column: 0 }, 'error', 'invalid-ini', e.message);
  const values = (section: Map<string, IniOption>) => new Map([...ini.defaults, ...section].map(([k, o]) => [k, joinedValue(o)]));

  const options = ini.sections.get('options');
  if (options) {
    const vars = values(options);
    for (const [key, option] of options) {
      const name = key.replace(/-/g, '_');
      if (name !== key && (OPTIONS[name] || name === 'python_requires')) {
        diags.add({ line: option.line, column: 1 }, 'warning', 'setup-cfg-dash-key', `${key}: setuptools reads it as ${name} but warns that dash-separated keys will stop working`);
      }
      const field = OPTIONS[name];
      if (field) readList(sink, option, field, name, vars);
      else if (name === 'python_requires') {
        const v = value(sink, option, vars);
        const p = v === null ? null : pep440Python(v, 'options.python_requires', { line: option.line, column: 1 }, diags);
        if (p) out.requiresPython.push(p);
      }
    }
  }
  const extras = ini.sections.get('options.extras_require');
  if (extras) {
    const vars = values(extras);
    for (const [key, option] of extras) {
      const meta: DeclarationMeta = { group: canonicalizeName(key), role: 'optional', dialect: 'pep508' };
      readList(sink, option, { meta, requirementsList: true }, `extras_require[${key}]`, vars);
    }
  }
  sortDiagnostics(out.diagnostics);
  return out;
}

/** The option's value after configparser's interpolation; null (with an error) when it fails. */
function value(sink: DeclarationSink, option: IniOption, vars: ReadonlyMap<string, string>): string | null {
  const v = interpolate(joinedValue(option), vars);
  if (!v.ok) sink.diags.add({ line: option.line, column: 1 }, 'error', 'invalid-ini', `${option.key}: ${v.error}`);
  return v.ok ? v.value : null;
}

interface Item {
  text: string;
  start: number;
  /** The item's text is in the source verbatim (no interpolation changed its line). */
  exact: boolean;
  line: { start: number; text: string };
}

function readList(sink: DeclarationSink, option: IniOption, field: Field, label: string, vars: ReadonlyMap<string, string>): void {
  const v = value(sink, option, vars);
  if (v === null) return;
  if (field.requirementsList && v.startsWith('file:')) {
    sink.diags.add({ line: option.line, column: 1 }, 'warning', 'setup-cfg-file-directive', `${label} = ${v}: setuptools reads these files as plain requirement lines (no -r, options or continuations); depaudit does not follow file: here`);
    return;
  }
  const kept = split(option, v.includes('\n'), vars).filter((i) => !(field.requirementsList && i.text.startsWith('#')));
  if (!v.includes('\n') && kept.length === 2) warnMarkerSplit(sink, option, label, kept);
  for (const item of kept) {
    // Where interpolation changed a line, its items can only point at the whole line.
    const site = item.exact ? { start: item.start, end: item.start + item.text.length } : { start: item.line.start, end: item.line.start + item.line.text.length };
    sink.pep508(item.text, site, field.meta, item.exact ? item.start : null);
  }
}

/**
 * `_parse_list` with positions: a value with several lines is split on newlines (Python's
 * splitlines), a one-line value on `;`. Lines are interpolated one by one (a `%(name)s` never
 * spans lines), so each item keeps its own line.
 */
function split(option: IniOption, multi: boolean, vars: ReadonlyMap<string, string>): Item[] {
  const out: Item[] = [];
  for (const line of option.lines) {
    const interpolated = interpolate(line.text, vars);
    const text = interpolated.ok ? interpolated.value : line.text;
    const exact = text === line.text;
    let at = 0;
    for (const piece of text.split(multi ? /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/ : ';')) {
      const lead = leading(piece);
      const item = stripEnd(piece.slice(lead));
      if (item !== '') out.push({ text: item, start: line.start + at + lead, exact, line });
      at += piece.length + 1;
    }
  }
  return out;
}

/** setuptools' "accidental env marker misconfig" warning: `a; python_version<"3.8"` on one line. */
function warnMarkerSplit(sink: DeclarationSink, option: IniOption, label: string, items: Item[]): void {
  const joined = parseRequirement(items.map((i) => i.text).join(';'));
  if (joined.ok && joined.value.marker !== null) {
    sink.diags.add({ line: option.line, column: 1 }, 'warning', 'setup-cfg-marker-split', `${label}: one line is split on ";", so ${JSON.stringify(items[1]!.text)} is read as a second requirement, not as a marker: put the requirement on its own line`);
  }
}

function leading(s: string): number {
  let i = 0;
  while (i < s.length && isPySpace(s[i]!)) i++;
  return i;
}

function stripEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isPySpace(s[end - 1]!)) end--;
  return s.slice(0, end);
}
