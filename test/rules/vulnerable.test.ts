/** The `vulnerable` rule over in-memory trees, with advisories from test/audit/fixtures/osv. */
import { describe, expect, it } from 'vitest';
import { loadAdvisories } from '../../src/audit/load.js';
import { auditFiles, services, type Files } from '../helpers/inventory.js';
import { auditTree, dbOf, OSV_FIXTURE, record } from '../audit/helpers.js';

const db = loadAdvisories(OSV_FIXTURE);
const vulns = async (files: Files, config: Record<string, unknown> = {}) => (await auditTree(files, db, config)).filter((f) => f.rule === 'vulnerable');
const brief = (fs: Awaited<ReturnType<typeof vulns>>) => fs.map((f) => `${f.package}@${String(f.data.version)} ${String(f.data.advisory)} ${f.locations.map((l) => `${l.path}:${l.line}`).join(' ')}`);

describe('vulnerable', () => {
  it('one finding per package, pinned version and advisory group, with every location and service', async () => {
    const found = await vulns(services({ api: 'requests==2.30.0\n', web: 'flask==2.3.3\nRequests==2.30.0\n', worker: 'requests==2.31.0\n' }));
    expect(brief(found)).toEqual([
      'flask@2.3.3 x_DEMO-0010 web/requirements.txt:1',
      'requests@2.30.0 x_DEMO-0001 api/requirements.txt:1 web/requirements.txt:2',
    ]);
    expect(found[1]).toMatchObject({
      severity: 'error',
      ecosystem: 'pypi',
      message: 'requests==2.30.0 is affected by x_DEMO-0001 (x_DEMO-0002, CVE-2099-0001, GHSA-demo-0002): Proxy-Authorization header leaks on redirect; fixed in 2.31.0',
      data: {
        advisory: 'x_DEMO-0001', advisories: ['x_DEMO-0001', 'x_DEMO-0002'], aliases: ['CVE-2099-0001', 'GHSA-demo-0002'],
        summary: 'Proxy-Authorization header leaks on redirect.', version: '2.30.0', fixed: ['2.31.0'], upgradeTo: '2.31.0', services: ['api', 'web'],
      },
    });
    expect(found[0]!.message).toBe('flask==2.3.3 is affected by x_DEMO-0010: last_affected, with no fix yet; no fixed version is known');
  });

  it('PEP 440-equal pins are one version; two advisories on one pin are two findings', async () => {
    const found = await vulns(services({ a: 'requests==2.25.1\n', b: 'requests==2.25.1.0\n' }));
    expect(brief(found)).toEqual([
      'requests@2.25.1 x_DEMO-0001 a/requirements.txt:1 b/requirements.txt:1',
      'requests@2.25.1 x_DEMO-0003 a/requirements.txt:1 b/requirements.txt:1',
    ]);
  });

  it('a base pin is reported once where it is written, naming every service that inherits it', async () => {
    const found = await vulns({ 'shared/requirements.txt': 'requests==2.30.0\n', 'a/requirements.txt': '-r ../shared/requirements.txt\n', 'b/requirements.txt': '-r ../shared/requirements.txt\n' });
    expect(brief(found)).toEqual(['requests@2.30.0 x_DEMO-0001 shared/requirements.txt:1']);
    expect(found[0]!.data.services).toEqual(['a', 'b']);
  });

  it('constraint pins, pins with markers and extras, === pins count', async () => {
    const found = await vulns({
      'constraints.txt': 'flask==0.11\n',
      'a/requirements.txt': '-c ../constraints.txt\nflask\nrequests[socks]==2.30.0; sys_platform == "win32"\n',
      'b/requirements.txt': 'requests===2.30.0\n',
    });
    expect(brief(found)).toEqual([
      'flask@0.11 x_DEMO-0011 constraints.txt:1',
      // ===2.30.0 and ==2.30.0 are one pin: the release "2.30.0" satisfies both.
      'requests@2.30.0 x_DEMO-0001 a/requirements.txt:3 b/requirements.txt:1',
    ]);
  });

  it('ranges, wildcards, URLs and unconstrained lines are not pins', async () => {
    expect(await vulns(services({ a: 'requests>=2.28\nflask==2.*\nrequests @ https://example.com/requests-2.30.0-py3-none-any.whl\n', b: 'requests\n' }))).toEqual([]);
  });

  it('the ignore option accepts an advisory by id or alias, any case', async () => {
    const files = services({ a: 'requests==2.25.1\n' });
    expect(brief(await vulns(files, { rules: { vulnerable: ['error', { ignore: ['cve-2099-0001'] }] } }))).toEqual(['requests@2.25.1 x_DEMO-0003 a/requirements.txt:1']);
    expect(brief(await vulns(files, { rules: { vulnerable: ['error', { ignore: ['x_DEMO-0002', 'X_DEMO-0003'] }] } }))).toEqual([]);
  });

  it('config ignore lists apply: packages, services, pinned versions', async () => {
    const files = services({ a: 'requests==2.30.0\n', b: 'flask==2.3.3\n' });
    expect(await vulns(files, { ignore: { packages: ['Requests'], services: ['b'] } })).toEqual([]);
    expect(brief(await vulns(files, { ignore: { versions: ['flask@2.3.3'] } }))).toEqual(['requests@2.30.0 x_DEMO-0001 a/requirements.txt:1']);
  });

  it('severity from the config; off reports nothing', async () => {
    const files = services({ a: 'requests==2.30.0\n' });
    expect((await vulns(files, { rules: { vulnerable: 'warn' } }))[0]!.severity).toBe('warning');
    expect(await vulns(files, { rules: { vulnerable: 'off' } })).toEqual([]);
  });

  it('without advisories the rule reports nothing (report and check stay as they were)', async () => {
    expect((await auditFiles(services({ a: 'requests==2.30.0\n' }), { rules: { vulnerable: 'error' } })).findings).toEqual([]);
  });

  it('the fingerprint does not move with the line', async () => {
    const a = await vulns(services({ a: 'requests==2.30.0\n' }));
    const b = await vulns(services({ a: '# moved\n\nrequests==2.30.0\n' }));
    expect(a[0]!.fingerprint).toBe(b[0]!.fingerprint);
    expect(a[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('an unparsable === pin matches a listed version by text', async () => {
    const d = dbOf({ 'x.json': record('x_T-1', 'odd', [], { versions: ['build-7'] }) });
    const found = (await auditTree(services({ a: 'odd===BUILD-7\n' }), d)).filter((f) => f.rule === 'vulnerable');
    expect(found.map((f) => f.message)).toEqual(['odd===BUILD-7 is affected by x_T-1: ; no fixed version is known']);
  });
});
