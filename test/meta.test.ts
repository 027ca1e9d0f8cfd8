/**
 * One rule = one module = one doc page = one test file (ESLint's checkRuleFiles), both presets
 * name every rule, and every rule page's examples do what the page says: each ❌ example makes
 * the rule report (with the messages its `text` block quotes), each ✅ example does not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../src/rules/index.js';
import { RULE_IDS, type RuleId } from '../src/analysis/finding.js';
import { defaultConfig, loadPreset } from '../src/config/load.js';
import { RULE_OPTIONS } from '../src/config/rule-options.js';
import { configSchema, presetSchema } from '../src/config/schema.js';
import { auditFiles } from './helpers/inventory.js';
import { auditTree, dbOf } from './audit/helpers.js';
import { ADVISORY_RULES } from '../src/audit/rule-options.js';

const root = path.resolve(import.meta.dirname, '..');
const ids = (dir: string, suffix: string, except: string[] = []) =>
  readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith(suffix) && !except.includes(f))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
const registry = Object.keys(RULES).sort();

describe('rule files match the registry exactly', () => {
  it('the registry is RULE_IDS, alphabetical', () => {
    expect(Object.keys(RULES)).toEqual([...RULE_IDS]);
    expect([...RULE_IDS]).toEqual([...RULE_IDS].sort());
  });
  it('src/rules/*.ts (but index.ts): one module per rule, its id is its file name', () => {
    expect(ids('src/rules', '.ts', ['index.ts'])).toEqual(registry);
    for (const id of registry) expect(RULES[id as keyof typeof RULES].id).toBe(id);
  });
  it('rules/*.md: one doc page per rule', () => expect(ids('rules', '.md')).toEqual(registry));
  it('test/rules/*.test.ts: one test file per rule', () => expect(ids('test/rules', '.test.ts')).toEqual(registry));
  it('the README rule table links every page', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const id of registry) expect(readme).toContain(`| [\`${id}\`](rules/${id}.md) |`);
  });
  it('every rule describes itself', () => {
    for (const rule of Object.values(RULES)) expect(rule.description.length).toBeGreaterThan(20);
  });
});

describe('defaults that spare a run without options the schemas (and zod)', () => {
  it.each([...RULE_IDS])("%s: its defaults are what its options' schema makes of {}", (id) => {
    expect(RULES[id].defaults).toEqual(RULE_OPTIONS[id].parse({}));
  });
  it('defaultConfig() is what the config schema makes of {}', () => {
    expect(defaultConfig()).toEqual(configSchema.parse({}));
  });
});

describe('presets', () => {
  it.each(['recommended', 'strict'] as const)('%s is a valid preset naming every rule, and nothing else', (name) => {
    const raw = JSON.parse(readFileSync(path.join(root, 'rules', `${name}.json`), 'utf8')) as { rules: Record<string, unknown> };
    expect(Object.keys(raw.rules).sort()).toEqual(registry);
    // loadPreset trusts the shipped files; this is where they are validated.
    expect(presetSchema.parse(raw)).toEqual(raw);
    expect(loadPreset(name)).toEqual(raw);
  });
  it("each rule's defaultSeverity is its recommended severity", () => {
    const recommended = loadPreset('recommended').rules;
    for (const id of RULE_IDS) expect([id, RULES[id].defaultSeverity]).toEqual([id, recommended[id]]);
  });
});

interface Example {
  title: string;
  files: Record<string, string>;
  config: unknown;
  messages: string[];
}

function examples(section: string): Example[] {
  return section
    .split('\n#### ')
    .slice(1)
    .map((block) => {
      const title = block.slice(0, block.indexOf('\n'));
      const files: Record<string, string> = {};
      let config: unknown = {};
      const messages: string[] = [];
      for (const m of block.matchAll(/```(\w+)(?: title="([^"]+)")?\n([\s\S]*?)```/g)) {
        const [, lang, file, body] = m as unknown as [string, string, string | undefined, string];
        if (file === 'depaudit.config.yaml') config = parseYaml(body);
        else if (file) files[file] = body;
        else if (lang === 'text') messages.push(...body.split('\n').filter(Boolean));
      }
      return { title, files, config, messages };
    });
}

const severityIn = (preset: 'recommended' | 'strict', id: string) => {
  const e = loadPreset(preset).rules[id as keyof ReturnType<typeof loadPreset>['rules']];
  return Array.isArray(e) ? e[0] : e;
};

describe.each(registry)('rules/%s.md', (id) => {
  const file = path.join(root, 'rules', `${id}.md`);
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const section = (heading: string) => {
    const start = doc.indexOf(`\n${heading}\n`);
    if (start < 0) return '';
    const rest = doc.slice(start + heading.length + 2);
    const level = heading.split(' ')[0]!;
    const next = rest.search(new RegExp(`\\n#{1,${level.length}} `));
    return next < 0 ? rest : rest.slice(0, next);
  };

  it('has the title, the summary table and the sections of a rule page', () => {
    expect(doc.startsWith(`# ${id}\n\n`)).toBe(true);
    for (const h of ['## Rule details', '## How to fix', '## Options', '## Examples', '### ❌ Incorrect', '### ✅ Correct']) expect(doc, h).toContain(`\n${h}\n`);
    expect(doc).toContain(`| \`recommended\` | \`${severityIn('recommended', id)}\` |`);
    expect(doc).toContain(`| \`strict\` | \`${severityIn('strict', id)}\` |`);
  });

  it('documents every option with its default', () => {
    const defaults = RULE_OPTIONS[id as RuleId].parse({}) as Record<string, unknown>;
    const options = section('## Options');
    if (Object.keys(defaults).length === 0) expect(options.trim()).toMatch(/^None\./);
    const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const [key, value] of Object.entries(defaults)) expect(options).toMatch(new RegExp(`\\| \`${key}\` \\| [^|]+ \\| \`${re(JSON.stringify(value))}\` \\|`));
  });

  const incorrect = examples(section('### ❌ Incorrect'));
  const correct = examples(section('### ✅ Correct'));
  it('has examples both ways', () => {
    expect(incorrect.length).toBeGreaterThan(0);
    expect(correct.length).toBeGreaterThan(0);
  });

  // Blocks titled advisories/… are OSV records: the advisory rules get them as their database.
  const findingsOf = async (e: Example) => {
    const config = (e.config ?? {}) as { rules?: Record<string, unknown> };
    const rules = { [id]: 'error', ...config.rules };
    const advisories = Object.fromEntries(Object.entries(e.files).filter(([p]) => p.startsWith('advisories/')));
    const files = Object.fromEntries(Object.entries(e.files).filter(([p]) => !p.startsWith('advisories/')));
    if ((ADVISORY_RULES as readonly string[]).includes(id)) {
      expect(Object.keys(advisories).length, 'an advisory rule example needs advisories/… blocks').toBeGreaterThan(0);
      return (await auditTree(files, dbOf(advisories), { ...config, rules })).filter((f) => f.rule === id);
    }
    return (await auditFiles(files, { ...config, rules })).findings.filter((f) => f.rule === id);
  };
  it.each(incorrect.map((e) => [e.title, e] as const))('❌ %s', async (_, e) => {
    const found = await findingsOf(e);
    expect(found.length).toBeGreaterThan(0);
    for (const m of e.messages) expect(found.map((f) => f.message)).toContain(m);
  });
  it.each(correct.map((e) => [e.title, e] as const))('✅ %s', async (_, e) => {
    expect((await findingsOf(e)).map((f) => f.message)).toEqual([]);
  });
});
