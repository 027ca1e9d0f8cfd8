/**
 * pyproject.toml fidelity: for every pyproject.toml of the shared corpus (vendored in
 * test/corpus-formats) and the hand-written vectors, the PEP 621 / PEP 735 / build-system
 * declarations equal what Python's tomllib + packaging 26.2 read
 * (scripts/oracle/gen-pyproject-goldens.py → test/goldens/formats/pyproject.json).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../src/model/declaration.js';
import { canonicalizeName } from '../../src/pep508/index.js';
import { expandDependencyGroup, parsePyproject, type ParsedPyproject } from '../../src/formats/pyproject/parse.js';
import { formatCorpus, formatGoldens, readGolden } from './helpers.js';

type Row = [section: string, group: string, name: string, extras: string[], specifier: string, marker: string | null, url: string | null];
interface GoldenFile {
  path: string;
  error?: string;
  deps?: Row[];
  invalid?: Array<[string, string, number | null, string]>;
  requires_python?: string | { error: string } | null;
}

const golden = readGolden<{ files: GoldenFile[] }>('pyproject.json');

function row(section: string, group: string, d: Declaration): Row {
  return [section, group, d.name ?? '', [...new Set(d.extras.map(canonicalizeName))].sort(), d.specifier, d.marker, d.url];
}

const SECTIONS: Record<string, string> = { requirement: 'dependencies', optional: 'optional-dependencies', build: 'build-system' };

/** Our declarations as the golden's rows, grouped per section/group in file order. */
function ours(m: ParsedPyproject): { rows: Map<string, Row[]>; groupErrors: Set<string> } {
  const rows = new Map<string, Row[]>();
  const push = (r: Row) => {
    const key = `${r[0]} ${r[1]}`;
    rows.set(key, [...(rows.get(key) ?? []), r]);
  };
  for (const d of m.declarations) {
    const section = d.dialect === 'pep508' ? SECTIONS[d.role ?? ''] : undefined;
    if (section) push(row(section, d.group, d));
  }
  const groupErrors = new Set<string>();
  for (const g of m.dependencyGroups) {
    const expanded = expandDependencyGroup(m.dependencyGroups, m.declarations, g.name);
    if (expanded.ok) expanded.value.forEach((d) => push(row('dependency-groups', g.name, d)));
    else groupErrors.add(g.name);
  }
  return { rows, groupErrors };
}

function theirs(f: GoldenFile): Map<string, Row[]> {
  const rows = new Map<string, Row[]>();
  for (const r of f.deps ?? []) rows.set(`${r[0]} ${r[1]}`, [...(rows.get(`${r[0]} ${r[1]}`) ?? []), r]);
  return rows;
}

function inputPath(p: string): string {
  return p.startsWith('vectors/') ? path.join(formatGoldens, 'pyproject-vectors', p.slice('vectors/'.length)) : path.join(formatCorpus, p);
}

describe('pyproject.toml against tomllib + packaging', () => {
  it('covers the whole vendored corpus', () => {
    expect(golden.files.filter((f) => !f.path.startsWith('vectors/')).length).toBe(314);
  });

  it.each(golden.files.map((f) => [f.path, f] as const))('%s', (_p, f) => {
    const m = parsePyproject(readFileSync(inputPath(f.path), 'utf8'), { path: f.path });
    const errors = m.diagnostics.filter((d) => d.severity === 'error');
    if (f.error !== undefined) {
      expect(errors.map((d) => d.code)).toContain('invalid-toml');
      return;
    }
    expect(errors.filter((d) => d.code === 'invalid-toml')).toEqual([]);
    const { rows, groupErrors } = ours(m);
    const want = theirs(f);
    // A group PEP 735 cannot resolve is an error on both sides; its members are not compared.
    const theirGroupErrors = new Set((f.invalid ?? []).filter((i) => i[0] === 'dependency-groups' && i[2] === null).map((i) => i[1]));
    if (theirGroupErrors.has('')) {
      // PEP 735's reference refuses the whole table (duplicate names): we refuse the duplicates.
      expect(errors.map((d) => d.code)).toContain(m.dependencyGroups.length ? 'duplicate-dependency-group' : 'invalid-value');
      for (const key of [...rows.keys()]) if (key.startsWith('dependency-groups ')) rows.delete(key);
    } else expect([...groupErrors].sort()).toEqual([...theirGroupErrors].sort());
    for (const g of groupErrors) rows.delete(`dependency-groups ${g}`);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(want));
    // Every item packaging rejects is an error diagnostic of ours.
    const itemErrors = (f.invalid ?? []).filter((i) => i[2] !== null).length;
    expect(errors.filter((d) => d.code === 'invalid-requirement' || d.code === 'invalid-value').length).toBeGreaterThanOrEqual(itemErrors);
    const pythonError = typeof f.requires_python === 'object' && f.requires_python !== null;
    if (itemErrors === 0 && (f.invalid ?? []).length === 0) expect(errors.filter((d) => !(pythonError && d.code === 'invalid-specifier'))).toEqual([]);
    const rp = m.requiresPython.find((p) => p.source === 'project.requires-python');
    if (typeof f.requires_python === 'string') expect(rp?.specifier).toBe(f.requires_python);
    else if (f.requires_python === null || f.requires_python === undefined) expect(rp).toBeUndefined();
    else expect(errors.map((d) => d.code)).toContain('invalid-specifier');
  });
});
