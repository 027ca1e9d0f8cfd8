import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, loadPreset } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { resolveRules, resolveRulesWith } from '../../src/analysis/evaluate.js';
import { RULE_OPTIONS } from '../../src/config/rule-options.js';
import { RULE_IDS } from '../../src/analysis/finding.js';
import { UsageError } from '../../src/errors.js';
import { auditFiles, services, type Files } from '../helpers/inventory.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function withConfig(text: string, name = 'depaudit.config.yaml'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'depaudit-config-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The message of the UsageError `fn` throws or rejects with. */
async function usageError(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    const message = (e as Error).message;
    expect(message, 'one line').not.toContain('\n');
    return message;
  }
  throw new Error('expected a UsageError');
}

describe('invalid config is a one-line UsageError naming the key and what is allowed', () => {
  it.each([
    ['unknown top-level key', 'extend: strict\n', /\(top level\): unknown key "extend" \(allowed: extends, rules, ignore, allowDrift, services, base\)$/],
    ['unknown rule id', 'rules:\n  dupe: warn\n', /rules: unknown key "dupe" \(allowed: base-override, duplicate, insecure-source, parse-error, range-mismatch, runtime-drift, unpinned, unsatisfiable, version-conflict, vulnerable, vulnerable-range\)/],
    ['bad severity', 'rules:\n  duplicate: warning\n', /rules\.duplicate: expected "error", "warn" or "off", or \[severity, \{ options \}\]/],
    ['severity without options in a list', 'rules:\n  duplicate: [warn]\n', /rules\.duplicate: expected "error", "warn" or "off"/],
    ['bad package@version', 'ignore:\n  versions: [black]\n', /ignore\.versions\.0: expected package@version/],
    ['package@version with a space', 'ignore:\n  versions: ["black @23.9.1"]\n', /ignore\.versions\.0: expected package@version/],
    ['unknown ignore key', 'ignore:\n  pakages: [x]\n', /ignore: unknown key "pakages" \(allowed: packages, services, versions\)/],
    ['unknown preset', 'extends: strictest\n', /extends: Invalid option: expected one of "recommended"\|"strict"/],
    ['allowDrift without services', 'allowDrift:\n  - package: torch\n', /allowDrift\.0\.services: /],
    ['allowDrift with an unknown key', 'allowDrift:\n  - {package: torch, services: [a], reason: x}\n', /allowDrift\.0: unknown key "reason" \(allowed: package, services\)/],
    ['a list at the top', '- a\n', /\(top level\): /],
  ])('%s', async (_, text, re) => {
    const dir = withConfig(text);
    const message = await usageError(() => loadConfig(dir));
    expect(message).toMatch(/^invalid config .*depaudit\.config\.yaml: /);
    expect(message).toMatch(re);
  });

  it('every issue, joined on one line', async () => {
    const message = await usageError(() => loadConfig(withConfig('foo: 1\nrules:\n  dupe: warn\n')));
    expect(message).toContain('unknown key "foo"');
    expect(message).toContain('unknown key "dupe"');
  });

  it.each([
    ['duplicate keys', 'rules:\n  duplicate: warn\n  duplicate: error\n', /depaudit\.config\.yaml:3:3: invalid YAML: Map keys must be unique$/],
    ['broken YAML', 'rules: [\n', /depaudit\.config\.yaml:\d+:\d+: invalid YAML: /],
    ['an alias bomb', `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [${'*a,'.repeat(9)}*a]\nc: [${'*b,'.repeat(9)}*b]\n`, /invalid YAML: Excessive alias count/],
  ])('%s', async (_, text, re) => expect(await usageError(() => loadConfig(withConfig(text)))).toMatch(re));

  it('a --config that does not exist', async () => {
    expect(await usageError(() => loadConfig('.', '/nonexistent/depaudit.config.yaml'))).toBe('config file not found: /nonexistent/depaudit.config.yaml');
  });

  it('JSON configs and empty files', async () => {
    expect((await loadConfig(withConfig('{"extends": "strict"}', 'depaudit.config.json'))).config.extends).toBe('strict');
    expect((await loadConfig(withConfig(''))).config).toEqual(configSchema.parse({}));
  });
});

describe('rule options are validated once, by the rule schema', () => {
  const resolve = (rules: unknown) => () => resolveRules(configSchema.parse({ rules }));
  it('duplicate: [warn, {minServices: 1}] is rejected', async () => {
    expect(await usageError(resolve({ duplicate: ['warn', { minServices: 1 }] }))).toMatch(/^invalid options for rule duplicate: minServices: .*>=2/);
  });
  it('a misspelt option names the allowed ones', async () => {
    expect(await usageError(resolve({ duplicate: ['warn', { minService: 3 }] }))).toBe('invalid options for rule duplicate: (options): unknown key "minService" (allowed: minServices)');
  });
  it('options for a rule that takes none', async () => {
    expect(await usageError(resolve({ unpinned: ['error', { strict: true }] }))).toBe('invalid options for rule unpinned: (options): unknown key "strict" (allowed: none)');
  });
  it('a wrong type', async () => {
    expect(await usageError(resolve({ 'insecure-source': ['warn', { extraIndexUrl: 'no' }] }))).toMatch(/^invalid options for rule insecure-source: extraIndexUrl: /);
  });
  it('defaults fill in', async () => {
    const dup = (await resolveRules(configSchema.parse({ rules: { duplicate: 'error' } }))).find((r) => r.id === 'duplicate');
    expect(dup).toEqual({ id: 'duplicate', severity: 'error', options: { minServices: 2 } });
  });
});

describe('presets', () => {
  const severities = (config: unknown) => Object.fromEntries(resolveRulesWith(configSchema.parse(config), RULE_OPTIONS).map((r) => [r.id, r.severity]));
  it('recommended is the default and matches rules/recommended.json', () => {
    const preset = JSON.parse(readFileSync('rules/recommended.json', 'utf8')) as { rules: Record<string, string> };
    expect(severities({})).toEqual(preset.rules);
    expect(severities({}).unpinned).toBe('off');
  });
  it('strict turns everything on at error, unpinned included', () => {
    const s = severities({ extends: 'strict' });
    expect(s).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, 'error'])));
  });
  it('the config overrides the preset, rule by rule', () => {
    const s = severities({ extends: 'strict', rules: { unpinned: 'off', duplicate: ['warn', { minServices: 3 }] } });
    expect(s.unpinned).toBe('off');
    expect(s.duplicate).toBe('warn');
    expect(s['version-conflict']).toBe('error');
  });
  it('both presets parse and name every rule', () => {
    for (const name of ['recommended', 'strict'] as const) expect(Object.keys(loadPreset(name).rules).sort()).toEqual([...RULE_IDS]);
  });
  it('unpinned: silent by default, an error under strict', async () => {
    const files = services({ a: 'requests>=2.28\n' });
    expect((await auditFiles(files)).findings.filter((f) => f.rule === 'unpinned')).toEqual([]);
    const strict = (await auditFiles(files, { extends: 'strict' })).findings.filter((f) => f.rule === 'unpinned');
    expect(strict.map((f) => [f.package, f.severity])).toEqual([['requests', 'error']]);
  });
});

const rulesOf = async (files: Files, config: unknown) =>
  (await auditFiles(files, config)).findings.map((f) => `${f.rule} ${f.package ?? '-'}`);

describe('ignore', () => {
  const files = services({
    a: 'types-requests==2.31.0\ntypes_PyYAML==6.0\nmypy-types==1\nblack==23.9.1\n--extra-index-url https://x/simple\n',
    b: 'types-requests==2.32.0\ntypes-pyyaml==6.1\nmypy-types==2\nblack==24.1.0\n',
    'legacy-c': 'black==22.0\n',
  });
  const drift = { rules: { duplicate: 'off' } };

  it('without ignores', async () => {
    expect(await rulesOf(files, drift)).toEqual([
      'insecure-source -',
      'version-conflict black',
      'version-conflict mypy-types',
      'version-conflict types-pyyaml',
      'version-conflict types-requests',
    ]);
  });
  it('packages: any spelling and * wildcards; file findings stay', async () => {
    expect(await rulesOf(files, { ...drift, ignore: { packages: ['Types_*', 'BLACK'] } })).toEqual(['insecure-source -', 'version-conflict mypy-types']);
  });
  it('packages: a wildcard is anchored', async () => {
    expect(await rulesOf(files, { ...drift, ignore: { packages: ['types'] } })).toContain('version-conflict types-requests');
  });
  it('services: * wildcards drop every use in those services', async () => {
    const f = (await auditFiles(files, { ...drift, ignore: { services: ['legacy-*'] } })).findings.find((x) => x.package === 'black');
    expect(f?.data.versions).toEqual({ '23.9.1': ['a'], '24.1.0': ['b'] });
  });
  it('services: the per-service rules skip them too (base-override reads the uses by service)', async () => {
    const tree = { 'shared/requirements.txt': 'redis==5.0.1\n', ...services({ 'legacy-d': '-r ../shared/requirements.txt\nredis>=5.0\n' }) };
    expect(await rulesOf(tree, {})).toContain('base-override redis');
    expect(await rulesOf(tree, { ignore: { services: ['legacy-*'] } })).not.toContain('base-override redis');
  });
  it('versions: package@version accepts that pin everywhere (any spelling, PEP 440 equality)', async () => {
    const f = (await auditFiles(files, { ...drift, ignore: { versions: ['Black@23.9.1.0'] } })).findings.find((x) => x.package === 'black');
    expect(f?.data.versions).toEqual({ '22.0': ['legacy-c'], '24.1.0': ['b'] });
    const both = await rulesOf(files, { ...drift, ignore: { versions: ['black@23.9.1', 'black@22.0'] } });
    expect(both).not.toContain('version-conflict black');
  });
});

describe('allowDrift', () => {
  // torch and numpy as the seed platform could drift: the ML service needs its own torch.
  const files = services({
    'ai-behavioral-nudge-engine': 'torch==2.1.1\nnumpy==1.26.2\n',
    'market-data-ingestion': 'torch==2.0.0\nnumpy==1.26.2\n',
    'risk-calculation-engine': 'torch==2.0.0\nnumpy==1.25.0\n',
  });
  it('torch in ai-behavioral-nudge-engine is allowed to differ', async () => {
    const config = { allowDrift: [{ package: 'torch', services: ['ai-behavioral-nudge-engine'] }] };
    expect(await rulesOf(files, { ...config, rules: { duplicate: 'off' } })).toEqual(['version-conflict numpy']);
  });
  it('the others still have to agree with each other', async () => {
    const config = { allowDrift: [{ package: 'torch', services: ['market-data-ingestion'] }], rules: { duplicate: 'off' } };
    const torch = (await auditFiles(files, config)).findings.find((f) => f.package === 'torch');
    expect(torch?.data).toEqual({ drift: 'minor', versions: { '2.0.0': ['risk-calculation-engine'], '2.1.1': ['ai-behavioral-nudge-engine'] } });
  });
  it('wildcards, any spelling; duplicate still sees the package', async () => {
    const config = { allowDrift: [{ package: 'Torch', services: ['ai-*'] }] };
    expect(await rulesOf(files, config)).toEqual(['duplicate numpy', 'version-conflict numpy', 'duplicate torch']);
  });
  it('range rules honour it too', async () => {
    const ranges = services({ ml: 'numpy>=2\n', api: 'numpy<2\n', web: 'numpy<2\n' });
    expect(await rulesOf(ranges, { rules: { duplicate: 'off' } })).toEqual(['unsatisfiable numpy']);
    expect(await rulesOf(ranges, { rules: { duplicate: 'off' }, allowDrift: [{ package: 'numpy', services: ['ml'] }] })).toEqual([]);
  });
});

describe('fingerprints', () => {
  it('survive line moves and comments, change with the versions', async () => {
    const fp = async (a: string) => (await auditFiles(services({ a, b: 'pkg==2\n' }), { rules: { duplicate: 'off' } })).findings[0]!.fingerprint;
    const base = await fp('pkg==1\n');
    expect(await fp('# moved\n\nother==1\npkg==1  # why\n')).toBe(base);
    expect(await fp('pkg==1.1\n')).not.toBe(base);
  });
});
