import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAdvisories, mayName } from '../../src/audit/load.js';
import { matchPin } from '../../src/audit/match.js';
import { parseVersion } from '../../src/pep440/index.js';
import { OSV_FIXTURE, PYPA_DB } from './helpers.js';

const pin = (v: string) => ({ version: parseVersion(v), text: v });

describe('the committed OSV fixture directory', () => {
  const db = loadAdvisories(OSV_FIXTURE);
  it('reads JSON and YAML recursively; withdrawn, broken and foreign records are counted, not indexed', () => {
    expect(db.stats).toEqual({ files: 11, unrelated: 0, records: 8, indexed: 6, withdrawn: 1, duplicates: 0, otherEcosystems: 1 });
    expect([...db.byPackage.keys()].sort()).toEqual(['PyPI:flask', 'PyPI:requests', 'npm:@scope/pkg']);
  });
  it('a diagnostic for every file or range it could not use, in path order', () => {
    expect(db.diagnostics.map((d) => [d.source, d.severity, d.message.replace(/:.*/s, '')])).toEqual([
      ['broken/bad-event.json', 'error', 'skipped'],
      ['broken/no-id.json', 'error', 'skipped'],
      ['broken/not-yaml.yaml', 'error', 'skipped'],
      ['broken/numbers.json', 'error', 'skipped'],
      ['pypi/flask/x_DEMO-0011.yaml', 'warning', 'x_DEMO-0011 (flask)'],
    ]);
    expect(db.diagnostics[4]!.message).toBe('x_DEMO-0011 (flask): ECOSYSTEM range skipped: fixed "2019-09-12" is not a PEP 440 version');
  });
  it('a missing path is a usage error; a stray file kind too', () => {
    expect(() => loadAdvisories('/nonexistent/osv')).toThrow(/advisories not found: \/nonexistent\/osv/);
    expect(() => loadAdvisories(`${OSV_FIXTURE}/README.txt`)).toThrow(/must be a directory, or a \.zip, \.json or \.yaml file/);
  });
  it('a single file works too', () => {
    expect(loadAdvisories(`${OSV_FIXTURE}/pypi/requests/x_DEMO-0002.json`).stats.indexed).toBe(1);
  });
  it('with package names, files naming none of them are not parsed', () => {
    const only = loadAdvisories(OSV_FIXTURE, { packages: new Set(['flask']) });
    expect(only.stats).toMatchObject({ files: 11, unrelated: 7 });
    expect([...only.byPackage.keys()]).toEqual(['PyPI:flask']);
  });
});

describe('mayName', () => {
  const names = new Set(['foo-bar']);
  it.each([
    ['YAML', 'package:\n  name: Foo_Bar\n', true],
    ['YAML, quoted', "name: 'foo.bar'", true],
    ['JSON', '{"package":{"name":"FOO-BAR"}}', true],
    ['value on the next line', 'name:\n  foo-bar\n', true],
    ['another package', 'name: foo-baz\nname: John Smith', false],
    ['an alias: cannot tell', 'name: *n', true],
    ['an escape: cannot tell', '{"name":"f\\u006fo-bar"}', true],
    ['no name field at all: cannot tell', 'id: x', true],
    ['the name only in prose', 'name: other\ndetails: foo-bar is mentioned', false],
  ])('%s', (_, text, want) => expect(mayName(text, names)).toBe(want));
});

describe.skipIf(!existsSync(PYPA_DB))('the PyPA advisory database (../shared)', () => {
  const db = loadAdvisories(PYPA_DB, { packages: new Set(['black', 'fastapi', 'redis', 'requests']) });
  it('black 23.9.1: PYSEC-2024-48 (CVE-2024-21503), fixed in 24.3.0', () => {
    expect(matchPin(db, 'black', pin('23.9.1'))).toEqual([
      expect.objectContaining({ advisory: 'PYSEC-2024-48', aliases: ['CVE-2024-21503'], fixed: ['24.3.0'], upgradeTo: '24.3.0' }),
    ]);
    expect(matchPin(db, 'black', pin('24.3.0'))).toEqual([]);
  });
  it('fastapi 0.104.1: PYSEC-2024-38; fastapi 0.65.1: PYSEC-2021-100 (CVE-2021-32677, fastapi < 0.65.2) too', () => {
    expect(matchPin(db, 'fastapi', pin('0.104.1')).map((m) => m.advisory)).toEqual(['PYSEC-2024-38']);
    const old = matchPin(db, 'FastAPI', pin('0.65.1'));
    expect(old.find((m) => m.advisory === 'PYSEC-2021-100')).toMatchObject({ aliases: expect.arrayContaining(['CVE-2021-32677']), upgradeTo: '0.65.2' });
  });
  it('redis 5.0.1: only the withdrawn PYSEC-2023-73 covers it, so nothing', () => {
    expect(matchPin(db, 'redis', pin('5.0.1'))).toEqual([]);
    expect(matchPin(db, 'redis', pin('4.5.3')).map((m) => m.advisory)).toEqual(['PYSEC-2023-46']);
  });
  it('reports the two ranges it cannot order, and never fails', () => {
    const all = loadAdvisories(PYPA_DB, { packages: new Set(['binderhub', 'steam']) });
    expect(all.diagnostics.map((d) => d.source)).toEqual(['vulns/binderhub/PYSEC-2021-371.yaml', 'vulns/steam/PYSEC-2019-125.yaml']);
  });
});
