/**
 * Runs the configured rules over the inventory: presets and config resolve to one severity and
 * one parsed options object per rule (parsed once, here), ignore lists filter the uses, and every
 * finding gets a severity and a line-independent fingerprint.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { Config, RuleEntry } from '../config/schema.js';
import { describeIssues, loadPreset } from '../config/load.js';
import type { RuleOptionSchemas } from '../config/rule-options.js';
import type { Inventory, InventoryManifest } from '../inventory/model.js';
import { canonicalizeName } from '../pep508/names.js';
import { compareVersions, parseVersion } from '../pep440/index.js';
import { RULES } from '../rules/index.js';
import { RULE_IDS, type ConfiguredSeverity, type Finding, type RuleId } from './finding.js';
import { buildPackageIndex, type PackageIndex, type PackageUse } from './package-index.js';
import { exactPin } from './pins.js';
import { roleOf } from '../model/declaration.js';
import { pushTo } from '../collections.js';
import { analyzeNpm } from '../npm/analyze.js';
import type { PackageJsonManifest } from '../formats/npm/package-json.js';
import { npmManifests } from '../npm/inventory.js';

/** npm drift is decided with semver by src/npm; these rule ids cover it there. */
const NPM_RULES: ReadonlySet<RuleId> = new Set(['version-conflict', 'range-mismatch', 'unsatisfiable']);

export interface ResolvedRule {
  id: RuleId;
  severity: ConfiguredSeverity;
  options: unknown;
}

/** Each rule's entry: the config's, else the preset's (undefined: neither names the rule). */
function ruleEntries(config: Config): [RuleId, RuleEntry | undefined][] {
  const preset = loadPreset(config.extends);
  return RULE_IDS.map((id) => [id, config.rules[id] ?? preset.rules[id]]);
}

const severityOf = (id: RuleId, entry: RuleEntry | undefined): ConfiguredSeverity =>
  entry === undefined ? RULES[id].defaultSeverity : typeof entry === 'string' ? entry : entry[0];

/** Each rule's severity under the config and its preset. */
export function ruleSeverities(config: Config): Map<RuleId, ConfiguredSeverity> {
  return new Map(ruleEntries(config).map(([id, entry]) => [id, severityOf(id, entry)]));
}

/**
 * Each rule's severity and options. Options the config or preset gives are validated by the
 * rule's schema, which (with zod) is loaded only then; a rule given none runs with its defaults.
 */
export async function resolveRules(config: Config): Promise<ResolvedRule[]> {
  const entries = ruleEntries(config);
  const schemas = entries.some(([, entry]) => Array.isArray(entry)) ? (await import('../config/rule-options.js')).RULE_OPTIONS : null;
  return resolveEntries(entries, schemas);
}

/** resolveRules with the schemas at hand (a caller that has loaded them already, or tests). */
export function resolveRulesWith(config: Config, schemas: RuleOptionSchemas): ResolvedRule[] {
  return resolveEntries(ruleEntries(config), schemas);
}

function resolveEntries(entries: [RuleId, RuleEntry | undefined][], schemas: RuleOptionSchemas | null): ResolvedRule[] {
  return entries.map(([id, entry]) => {
    if (!Array.isArray(entry)) return { id, severity: severityOf(id, entry), options: RULES[id].defaults };
    const schema = schemas![id];
    const parsed = schema.safeParse(entry[1]);
    if (!parsed.success) {
      const detail = describeIssues(parsed.error, schema).map((d) => d.replace(/^\(top level\)/, '(options)')).join('; ');
      throw new UsageError(`invalid options for rule ${id}: ${detail}`);
    }
    return { id, severity: entry[0], options: parsed.data };
  });
}

/** `*` wildcards, anchored; names compared in canonical form when `canonical`. */
function matcher(patterns: string[], canonical: boolean): (value: string) => boolean {
  if (patterns.length === 0) return () => false;
  const regexes = patterns.map((p) => {
    const norm = canonical ? canonicalizeName(p.replace(/\*/g, '\u0000')).replace(/\u0000/g, '*') : p;
    return new RegExp(`^${norm.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  });
  return (value) => regexes.some((r) => r.test(value));
}

/**
 * The index without the uses `keep` rejects; an entry or list that loses none is reused as it is
 * (and not copied first: usually nothing is ignored, and these are 100,000s of uses).
 */
function filterIndex(index: PackageIndex, keep: (u: PackageUse) => boolean): PackageIndex {
  const packages = new Map<string, PackageIndex['packages'] extends Map<string, infer E> ? E : never>();
  for (const [name, entry] of index.packages) {
    if (entry.uses.every(keep)) packages.set(name, entry);
    else {
      const uses = entry.uses.filter(keep);
      if (uses.length > 0) packages.set(name, { ...entry, uses });
    }
  }
  const byService = new Map<string, PackageUse[]>();
  for (const [service, uses] of index.byService) byService.set(service, uses.every(keep) ? uses : uses.filter(keep));
  return { packages, byService };
}

export function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

/** `full`: the package index of `inventory`, when the caller has built it already (it is the costly part). */
export function evaluate(inventory: Inventory, config: Config, rules: ResolvedRule[], full = buildPackageIndex(inventory)): Finding[] {
  const ignoredPackage = matcher(config.ignore.packages, true);
  const ignoredService = matcher(config.ignore.services, false);
  const ignoredPins = config.ignore.versions.map((pv) => {
    const at = pv.lastIndexOf('@');
    return { name: canonicalizeName(pv.slice(0, at)), version: parseVersion(pv.slice(at + 1)), text: pv.slice(at + 1) };
  });
  const pinIgnored = (u: PackageUse) => {
    if (ignoredPins.length === 0) return false;
    const pin = exactPin(u.specifiers);
    if (!pin) return false;
    return ignoredPins.some(
      (p) => p.name === u.package && (p.version && pin.version ? compareVersions(p.version, pin.version) === 0 : p.text === pin.text),
    );
  };
  const allowed = config.allowDrift.map((a) => ({ pkg: matcher([a.package], true), service: matcher(a.services, false) }));

  // The Python rules read PyPI and conda uses (conda specifiers are converted to PEP 440); npm
  // declarations go through analyzeNpm below. Build requirements never count as drift.
  const index = filterIndex(full, (u) => u.ecosystem !== 'npm' && !ignoredPackage(u.package) && !ignoredService(u.service) && !pinIgnored(u));
  const driftIndex = filterIndex(
    index,
    (u) => roleOf(u.declaration) !== 'build' && !allowed.some((a) => a.pkg(u.package) && a.service(u.service)),
  );
  const npm = npmFindings(inventory, rules, (service) => ignoredService(service));
  // Runtimes of ignored services are not compared either.
  const scoped: Inventory = { ...inventory, runtimes: (inventory.runtimes ?? []).filter((r) => r.service === null || !ignoredService(r.service)) };

  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.severity === 'off') continue;
    for (const raw of RULES[rule.id].check({ inventory: scoped, index, driftIndex, options: rule.options })) {
      if (raw.package !== null && ignoredPackage(raw.package)) continue;
      findings.push({
        rule: rule.id,
        severity: rule.severity === 'error' ? 'error' : 'warning',
        package: raw.package,
        ecosystem: raw.ecosystem ?? 'pypi',
        message: raw.message,
        locations: raw.locations,
        data: raw.data,
        fingerprint: fingerprint([rule.id, raw.package ?? '', ...[...new Set(raw.locations.map((l) => l.path))].sort(), raw.key ?? '']),
      });
    }
    for (const f of npm.get(rule.id) ?? []) {
      if (ignoredPackage(f.package)) continue;
      findings.push({
        rule: rule.id,
        severity: rule.severity === 'error' ? 'error' : 'warning',
        package: f.package,
        ecosystem: 'npm',
        message: f.message,
        locations: f.locations,
        data: f.data,
        // The ecosystem is part of the identity: npm's `requests` is not PyPI's.
        fingerprint: fingerprint([rule.id, `npm:${f.package}`, ...[...new Set(f.locations.map((l) => l.path))].sort(), f.key]),
      });
    }
  }
  return findings.sort(compareFindings);
}

/** npm drift findings by rule, over every package.json of services not ignored. */
function npmFindings(inventory: Inventory, rules: ResolvedRule[], ignoredService: (service: string) => boolean) {
  const byRule = new Map<RuleId, ReturnType<typeof analyzeNpm>['findings']>();
  if (!rules.some((r) => r.severity !== 'off' && NPM_RULES.has(r.id))) return byRule;
  const { manifests, pnpmWorkspace } = npmManifests(inventory);
  const serviceOf = (m: PackageJsonManifest) => (m as unknown as InventoryManifest).service;
  const kept = manifests.filter((m) => serviceOf(m) === null || !ignoredService(serviceOf(m)!));
  if (kept.length === 0) return byRule;
  for (const f of analyzeNpm({ manifests: kept, pnpmWorkspace, serviceOf }).findings) pushTo(byRule, f.rule, f);
  return byRule;
}

export function compareFindings(a: Finding, b: Finding): number {
  const la = a.locations[0];
  const lb = b.locations[0];
  return (
    cmp(a.package ?? '', b.package ?? '') || cmp(a.ecosystem, b.ecosystem) || cmp(a.rule, b.rule) || cmp(la?.path ?? '', lb?.path ?? '') || (la?.line ?? 0) - (lb?.line ?? 0) || cmp(a.message, b.message)
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
