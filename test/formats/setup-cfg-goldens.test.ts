/**
 * setup.cfg fidelity: the items and requirements setuptools 65.5 reads from every vendored
 * setup.cfg and every vector (scripts/oracle/gen-setup-cfg-goldens.py → test/goldens/formats/setup-cfg.json).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalizeName } from '../../src/pep508/index.js';
import { parseSetupCfg } from '../../src/formats/setup-cfg/parse.js';
import { formatCorpus, formatGoldens, readGolden } from './helpers.js';

interface GoldenFile {
  path: string;
  error?: string;
  items?: Array<[string, string, string]>;
  deps?: Array<[string, string, string[], string, string | null, string | null]>;
  invalid?: Array<[string, string, string, string]>;
  python_requires?: string | null;
}

const golden = readGolden<{ files: GoldenFile[] }>('setup-cfg.json');
const input = (p: string) =>
  p.startsWith('vectors/') ? path.join(formatGoldens, 'setup-cfg-vectors', p.slice('vectors/'.length)) : path.join(formatCorpus, p);

describe('setup.cfg against setuptools 65.5', () => {
  it('covers every vendored setup.cfg', () => {
    expect(golden.files.filter((f) => !f.path.startsWith('vectors/')).length).toBe(30);
  });

  it.each(golden.files.map((f) => [f.path, f] as const))('%s', (_p, f) => {
    const m = parseSetupCfg(readFileSync(input(f.path), 'utf8'), { path: f.path });
    const errors = m.diagnostics.filter((d) => d.severity === 'error');
    if (f.error !== undefined) {
      expect(errors.map((d) => d.code)).toContain('invalid-ini');
      return;
    }
    expect(errors.filter((d) => d.code === 'invalid-ini')).toEqual([]);
    const ours = m.declarations.map((d) => [d.group, d.name, [...new Set(d.extras.map(canonicalizeName))].sort(), d.specifier, d.marker, d.url]);
    expect(ours).toEqual(f.deps);
    // Each item packaging rejects is an invalid-requirement error; every accepted item keeps its text.
    expect(errors.filter((d) => d.code === 'invalid-requirement').length).toBe(f.invalid!.length);
    const accepted = f.items!.filter((i) => !f.invalid!.some((x) => x[2] === i[2] && x[1] === i[1])).map((i) => i[2]);
    expect(m.declarations.map((d) => d.requirement)).toEqual(accepted);
    expect(m.requiresPython.map((p) => p.specifier)).toEqual(f.python_requires ? [f.python_requires] : []);
  });
});
