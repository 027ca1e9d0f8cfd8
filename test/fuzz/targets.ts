/**
 * The fuzz targets: one per parser, each an input arbitrary and the property its results must
 * hold. Shared by test/fuzz/parsers.test.ts (a fixed seed, a few hundred runs in `npm test`) and
 * scripts/fuzz.mjs (100,000 runs), so both check exactly the same thing.
 */
import fc, { type Arbitrary } from 'fast-check';
import type { Declaration } from '../../src/model/declaration.js';
import type { ParsedFormat, ParsedManifest } from '../../src/model/manifest.js';
import { parseConda } from '../../src/formats/conda/parse.js';
import { parsePackageJson } from '../../src/formats/npm/package-json.js';
import { parsePnpmWorkspace } from '../../src/formats/npm/pnpm-workspace.js';
import { parsePipfile } from '../../src/formats/pipfile/parse.js';
import { parsePyproject } from '../../src/formats/pyproject/parse.js';
import { parseRequirementsBytes, parseRequirementsText } from '../../src/formats/requirements/parse.js';
import { parseSetupCfg } from '../../src/formats/setup-cfg/parse.js';
import { parseDockerfileRuntimes } from '../../src/formats/runtime/dockerfile.js';
import { parseRuntimeVersionFile } from '../../src/formats/runtime/version-file.js';
import { parseSetupPy } from '../../src/formats/setup-py/parse.js';
import { compareVersions, formatSpecifierSet, formatVersion, parseSpecifierSet, parseVersion, specifierSetContains } from '../../src/pep440/index.js';
import { formatMarker, formatRequirement, parseMarker, parseRequirement } from '../../src/pep508/index.js';
import { rawText, soup } from './arbitraries/common.js';
import { setupCfgText } from './arbitraries/ini.js';
import { packageJsonText } from './arbitraries/json.js';
import { marker, requirement, specifierSet, version, PEP_FRAGMENTS } from './arbitraries/pep.js';
import { requirementsEnv, requirementsText } from './arbitraries/requirements.js';
import { dockerfileText, versionFileText } from './arbitraries/runtime.js';
import { pipfileText, pyprojectText } from './arbitraries/toml.js';
import { condaText, pnpmText } from './arbitraries/yaml.js';
import { checkRuntimes, checkShape, invariant, type LineMode, type ShapeOptions } from './invariants.js';
import { checkReEmit } from './re-emit.js';

export interface FuzzTarget {
  name: string;
  /** A fresh property (fast-check properties keep per-run state). */
  property(): fc.IRawProperty<[unknown]>;
}

function target<T>(name: string, arbitrary: Arbitrary<T>, check: (input: T) => void): FuzzTarget {
  return { name, property: () => fc.property(arbitrary, check) as unknown as fc.IRawProperty<[unknown]> };
}

/** A text-in, ParsedFormat-out parser checked with `checkShape`. */
function formatTarget(name: string, text: Arbitrary<string>, path: string, lines: LineMode, parse: (text: string, path: string) => ParsedFormat, opaque?: ShapeOptions['opaque']): FuzzTarget {
  return target(name, text, (t) => checkShape(parse(t, path), t, { path, lines, ...(opaque ? { opaque } : {}) }));
}

/** Requirements input: text (encoded as UTF-8, sometimes UTF-16) or raw bytes, an env, and which blocks to re-emit. */
const requirementsInput = fc.record({
  source: fc.oneof(
    { weight: 8, arbitrary: requirementsText.map((t) => Buffer.from(t, 'utf8')) },
    { weight: 1, arbitrary: requirementsText.map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 160 }) },
  ),
  env: requirementsEnv,
  keep: fc.array(fc.boolean(), { maxLength: 16 }),
});

const REQ_PATH = 'svc/requirements.txt';

function checkRequirements(input: { source: Uint8Array; env: Map<string, string> | undefined; keep: boolean[] }): void {
  const ctx = { path: REQ_PATH, ...(input.env ? { env: input.env } : {}) };
  const m: ParsedManifest = parseRequirementsBytes(input.source, ctx);
  if (m.encoding === null) {
    invariant(m.blocks.length === 0 && m.declarations.length === 0 && m.diagnostics.every((d) => d.code === 'undecodable'), () => 'an undecodable file has content');
    return;
  }
  // An expanded ${VAR} may bring the name in; a continuation may split it.
  checkShape(m, m.text, { path: REQ_PATH, lines: 'python', opaque: (d) => d.text.includes('\\') || (input.env !== undefined && d.text.includes('${')) });
  invariant(m.declarations.length === m.blocks.filter((b) => b.kind === 'declaration').length, () => 'not one declaration per declaration block');
  checkReEmit(m, input.keep, (text) => parseRequirementsText(text, ctx));
}

/** A PEP 508 string: parsing never throws, errors point inside it, and str() of a result parses again. */
function checkPep508(s: string): void {
  const r = parseRequirement(s);
  if (!r.ok) {
    invariant(r.error.index >= 0 && r.error.index <= s.length && r.error.column >= 1 && r.error.column <= s.length + 1, () => `error position outside the text: ${JSON.stringify(r.error)}`);
  } else if (!/["\\]/.test(r.value.markerText ?? '')) {
    // str(Marker) prints values raw, so a value holding `"` or `\` cannot round-trip (packaging too).
    const again = parseRequirement(formatRequirement(r.value));
    invariant(again.ok, () => `str() of the requirement does not parse: ${formatRequirement(r.value)}`);
    invariant(again.ok && again.value.name === r.value.name && again.value.specifierText === r.value.specifierText, () => 'str() changed the name or specifier');
  }
  const mk = parseMarker(s);
  if (!mk.ok) invariant(mk.error.index >= 0 && mk.error.index <= s.length && mk.error.column >= 1, () => `marker error position outside the text: ${JSON.stringify(mk.error)}`);
  else if (!/["\\]/.test(formatMarker(mk.value))) invariant(parseMarker(formatMarker(mk.value)).ok, () => `str() of the marker does not parse: ${formatMarker(mk.value)}`);
}

/** A PEP 440 string: normalized versions and specifier sets parse again to the same thing. */
function checkPep440(s: string): void {
  const v = parseVersion(s);
  if (v !== null) {
    const again = parseVersion(formatVersion(v));
    invariant(again !== null && compareVersions(v, again) === 0 && formatVersion(again) === formatVersion(v), () => `str(Version(${JSON.stringify(s)})) = ${formatVersion(v)} does not round-trip`);
  }
  const set = parseSpecifierSet(s);
  if (set.ok) {
    const text = formatSpecifierSet(set.value);
    const again = parseSpecifierSet(text);
    invariant(again.ok && formatSpecifierSet(again.value) === text, () => `str(SpecifierSet(${JSON.stringify(s)})) = ${text} does not round-trip`);
    for (const probe of ['1.0', '2.0rc1', '1!0', '0+local']) {
      specifierSetContains(set.value, probe, false);
      specifierSetContains(set.value, probe, true);
    }
  }
}

/**
 * A Poetry multiple-constraints dependency (`a = [{...}, {...}]`) declares one item per table,
 * pointing at the table; its name is the key before the array.
 */
function poetryMultiple(d: Declaration): boolean {
  return d.text.includes('\\') || (d.dialect === 'poetry' && d.text.startsWith('{'));
}

/**
 * A YAML alias (`*a`) declares where it is written, and its name is at the anchor; a multi-line
 * plain or folded scalar holds its name with line breaks folded to spaces.
 */
function yamlName(d: Declaration): boolean {
  const fold = (s: string) => s.replace(/\s+/g, ' ');
  return d.text.includes('\\') || /(^|[\s:])\*/.test(d.text) || fold(d.text).includes(fold(d.rawName!));
}

const pepString = (grammar: Arbitrary<string>): Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: grammar }, { weight: 1, arbitrary: soup(PEP_FRAGMENTS, 20) }, { weight: 1, arbitrary: rawText });

export const TARGETS: FuzzTarget[] = [
  target('requirements', requirementsInput, checkRequirements),
  formatTarget('pyproject', pyprojectText, 'a/pyproject.toml', 'lf', (t, path) => parsePyproject(t, { path }), poetryMultiple),
  formatTarget('pipfile', pipfileText, 'a/Pipfile', 'lf', (t, path) => parsePipfile(t, { path })),
  // An interpolated item points at its whole line, which need not hold the name.
  formatTarget('setup-cfg', setupCfgText, 'a/setup.cfg', 'universal', (t, path) => parseSetupCfg(t, { path }), (d) => d.text.includes('%(')),
  formatTarget('conda', condaText, 'a/environment.yml', 'lf', (t, path) => parseConda(t, { path }), yamlName),
  formatTarget('setup-py', rawText, 'a/setup.py', 'lf', (t, path) => parseSetupPy(t, { path })),
  formatTarget('package-json', packageJsonText, 'a/package.json', 'universal', (t, path) => parsePackageJson(t, { path })),
  // The npm readers count a lone CR as a line break (TextIndex), as pnpm's js-yaml does.
  formatTarget('pnpm-workspace', pnpmText, 'pnpm-workspace.yaml', 'universal', (t, path) => parsePnpmWorkspace(t, { path }), yamlName),
  target('dockerfile', dockerfileText, (t) => checkRuntimes(parseDockerfileRuntimes(t, { path: 'a/Dockerfile' }), t, 'a/Dockerfile')),
  target('version-files', fc.tuple(versionFileText, fc.constantFrom('a/.python-version', 'a/.nvmrc', 'a/.node-version')), ([t, path]) => checkRuntimes(parseRuntimeVersionFile(t, { path }), t, path)),
  target('pep508', pepString(fc.oneof(requirement, marker)), checkPep508),
  target('pep440', pepString(fc.oneof(version, specifierSet)), checkPep440),
];
