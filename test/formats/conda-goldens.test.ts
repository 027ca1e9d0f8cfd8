/**
 * conda environment files: the MatchSpec strings and pip: entries depaudit reads from every
 * vendored conda YAML equal what PyYAML's safe_load reads (scripts/oracle/gen-conda-goldens.py
 * → test/goldens/formats/conda.json), and every declaration's text is its YAML item.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseConda } from '../../src/formats/conda/parse.js';
import { readCorpus, readGolden } from './helpers.js';

interface GoldenFile {
  path: string;
  error?: string;
  conda?: string[];
  pip?: string[];
  other?: string[];
}

const golden = readGolden<{ files: GoldenFile[] }>('conda.json');

describe('conda environments against PyYAML', () => {
  it('covers every vendored conda YAML', () => {
    expect(golden.files.length).toBe(133);
  });

  it.each(golden.files.map((f) => [f.path, f] as const))('%s', (_p, f) => {
    const m = parseConda(readCorpus(f.path), { path: f.path });
    expect(m.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const conda = m.declarations.filter((d) => d.ecosystem === 'conda');
    expect(conda.map((d) => parseYaml(d.text) as string)).toEqual(f.conda);
    // Each pip: entry of the corpus is one requirement, option or include line.
    const pip = m.declarations.filter((d) => d.ecosystem === 'pypi');
    expect(pip.map((d) => parseYaml(d.text) as string)).toEqual(f.pip!.filter((p) => !p.startsWith('-')));
    expect(m.options.length + m.includes.length).toBe(f.pip!.filter((p) => p.startsWith('-')).length);
    for (const d of [...conda, ...pip]) {
      expect(m.text.slice(d.span.start, d.span.end)).toBe(d.text);
      expect(m.text.split(/\r?\n/)[d.line - 1]).toContain(d.text);
    }
  });
});
