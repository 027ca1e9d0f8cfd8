import { describe, expect, it } from 'vitest';
import {
  canonicalizeName,
  formatMarker,
  formatRequirement,
  parseMarker,
  parseRequirement,
  type Pep508Error,
} from '../../src/pep508/index.js';
import { expectedKind, loadGolden, show, toGoldenTree, type GoldenCase } from './golden-helpers.js';

const REQUIREMENT_GOLDENS = [
  'requirements.packaging-tests.json',
  'requirements.tricky.json',
  'requirements.corpus.json',
  'requirements.fuzz.json',
];
const MARKER_GOLDENS = ['markers.packaging-tests.json', 'markers.tricky.json', 'markers.corpus.json', 'markers.fuzz.json'];

/** Up to this many mismatches are listed in a failure message. */
const SHOWN = 40;

function compareError(c: GoldenCase & { ok: false }, error: Pep508Error): string[] {
  const problems: string[] = [];
  const kind = expectedKind(c.error_type);
  if (error.kind !== kind) problems.push(`kind ${error.kind} != ${kind} (${c.error_type}: ${c.message})`);
  // Messages and spans are packaging's for syntax errors; other kinds have no span in Python.
  if (kind === 'syntax') {
    if (error.message !== c.message) problems.push(`message ${show(error.message)} != ${show(c.message)}`);
    if (show(error.span) !== show(c.span)) problems.push(`span ${show(error.span)} != ${show(c.span)}`);
    if (c.span !== null && error.column !== c.span[1] + 1) problems.push(`column ${error.column} != ${c.span[1] + 1}`);
  }
  return problems;
}

function checkRequirement(c: GoldenCase): string[] {
  const result = parseRequirement(c.input);
  if (!c.ok) {
    if (result.ok) return [`accepted, packaging rejects: ${c.error_type}: ${c.message}`];
    return compareError(c, result.error);
  }
  if (!result.ok) return [`rejected (${result.error.message} at ${result.error.column}), packaging accepts`];
  const r = result.value;
  const actual = {
    name: r.name,
    canonical_name: canonicalizeName(r.name),
    extras: r.extras,
    extras_sorted: [...new Set(r.extras)].sort(),
    specifier: r.specifierText,
    url: r.url,
    marker: r.markerText,
    str: formatRequirement(r),
  };
  const expected = {
    name: c.name,
    canonical_name: c.canonical_name,
    extras: c.extras,
    extras_sorted: c.extras_sorted,
    specifier: c.specifier,
    url: c.url,
    marker: c.marker,
    str: c.str,
  };
  return (Object.keys(expected) as (keyof typeof expected)[])
    .filter((k) => show(actual[k]) !== show(expected[k]))
    .map((k) => `${k}: ${show(actual[k])} != ${show(expected[k])}`);
}

function checkMarker(c: GoldenCase): string[] {
  const result = parseMarker(c.input);
  if (!c.ok) {
    if (result.ok) return [`accepted, packaging rejects: ${c.error_type}: ${c.message}`];
    return compareError(c, result.error);
  }
  if (!result.ok) return [`rejected (${result.error.message} at ${result.error.column}), packaging accepts`];
  const problems: string[] = [];
  const str = formatMarker(result.value);
  if (str !== c.str) problems.push(`str ${show(str)} != ${show(c.str)}`);
  const tree = toGoldenTree(result.value);
  if (show(tree) !== show(c.marker_tree)) problems.push(`tree ${show(tree)} != ${show(c.marker_tree)}`);
  return problems;
}

/** Fails with a readable list: input, then one line per differing field. */
function expectAgreement(file: string, total: number, bad: string[]): void {
  const listing = bad.slice(0, SHOWN).join('\n');
  const more = bad.length > SHOWN ? `\n... and ${bad.length - SHOWN} more` : '';
  expect(bad.length, `${file}: ${bad.length} of ${total} cases differ from packaging:\n${listing}${more}\n`).toBe(0);
}

function mismatches(cases: GoldenCase[], check: (c: GoldenCase) => string[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const problems = check(c);
    if (problems.length > 0) out.push(`${show(c.input)}\n    ${problems.join('\n    ')}`);
  }
  return out;
}

describe.each(REQUIREMENT_GOLDENS)('requirements golden %s', (file) => {
  const golden = loadGolden(file);

  it(`agrees with ${golden.oracle} on all ${golden.count} cases`, () => {
    expect(golden.cases.length).toBe(golden.count);
    expectAgreement(file, golden.count, mismatches(golden.cases, checkRequirement));
  });
});

describe.each(MARKER_GOLDENS)('markers golden %s', (file) => {
  const golden = loadGolden(file);

  it(`agrees with ${golden.oracle} on all ${golden.count} cases`, () => {
    expect(golden.cases.length).toBe(golden.count);
    expectAgreement(file, golden.count, mismatches(golden.cases, checkMarker));
  });
});
