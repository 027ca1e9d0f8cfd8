/**
 * Differential test against pip 23.2.1's own parser: for every root requirements file of the
 * oracle samples and the eight corpus repositories, every line pip accepts must read identically
 * (name, extras, specifier clauses, marker, url, editable, hashes, config settings, constraint,
 * include chain) and every line pip rejects must carry an error diagnostic at that line.
 * Goldens: test/goldens/requirements/*.json (scripts/oracle/gen-requirements-goldens.py).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeIo } from '../../src/io/node-io.js';
import { readWithIncludes } from '../../src/inventory/scan.js';
import { expandLikePip, type ExpandedDeclaration } from '../../src/inventory/expand.js';
import { canonicalizeName } from '../../src/pep508/names.js';
import type { ParsedManifest } from '../../src/model/manifest.js';
import { corpusDir, listingProbe, repoRoot } from '../helpers/corpus.js';

interface OracleRequirement {
  file: string; line: number; kind: string; name: string | null; canonical_name: string | null; extras: string[];
  specifier: string | null; marker: string | null; url: string | null; editable: boolean; constraint: boolean;
  hashes: string[]; config_settings: Record<string, string | string[]> | null; chain: Array<{ file: string; line: number; kind: string }>;
  pep508_error: string | null; strict_errors: string[] | null;
}
interface OracleRoot {
  root: string; env?: Record<string, string>; requirements: OracleRequirement[];
  errors: Array<{ file: string | null; line: number | null; error: string }>;
}
interface Golden { cwd: string; roots: OracleRoot[] }

const goldenDir = path.join(repoRoot, 'test/goldens/requirements');

/**
 * Where depaudit deliberately follows modern pip rather than 23.2.1 (python-manifests.md §12):
 * a UTF-32-LE BOM is decoded (23.2.1 misreads it as UTF-16 and errors on every line).
 */
const EXPECTED_DIFFERENCES = new Set(['oracle-samples:11-utf32le-bom.txt']);

function toUrl(e: ExpandedDeclaration): string | null {
  const d = e.declaration;
  if (d.url !== null) return d.url;
  if (d.path !== null) return d.path === '.' ? 'file://${CWD}' : `file://\${CWD}/${d.path}`;
  return null;
}

const kindOf = (e: ExpandedDeclaration) => (e.declaration.source === 'index' ? 'specifier' : e.declaration.source);
const clauses = (s: string | null) => (s ? s.split(',').sort() : []);
const decode = (u: string | null) => (u === null ? null : safeDecode(u));
function safeDecode(u: string): string {
  try {
    return decodeURIComponent(u);
  } catch {
    return u;
  }
}

function ours(e: ExpandedDeclaration) {
  const d = e.declaration;
  return {
    kind: kindOf(e), name: d.name, extras: d.extras.map(canonicalizeName).sort(), specifier: clauses(d.specifier),
    marker: d.marker, url: decode(toUrl(e)), editable: d.editable, constraint: e.constraint, hashes: [...d.hashes].sort(),
    config_settings: d.configSettings, chain: e.chain,
  };
}

function theirs(r: OracleRequirement) {
  return {
    kind: r.kind, name: r.canonical_name, extras: r.extras.map(canonicalizeName).sort(), specifier: clauses(r.specifier),
    marker: r.marker, url: decode(r.url), editable: r.editable, constraint: r.constraint, hashes: [...r.hashes].sort(),
    config_settings: r.config_settings, chain: r.chain,
  };
}

const chainKey = (file: string, line: number, chain: Array<{ file: string; line: number; kind: string }>) =>
  `${chain.map((c) => `${c.file}:${c.line}:${c.kind}`).join('>')}>${file}:${line}`;

async function compareRoot(tree: string, golden: OracleRoot): Promise<string[]> {
  const probe = listingProbe(tree);
  const io = { ...createNodeIo(path.join(corpusDir, tree), { maxFileSize: 5 * 1024 * 1024 }), probe };
  const env = golden.env ? new Map(Object.entries(golden.env)) : undefined;
  return diffRoot(await readWithIncludes(io, [golden.root], env ? { env } : {}), golden);
}

function diffRoot(byPath: Map<string, ParsedManifest>, golden: OracleRoot): string[] {
  const problems: string[] = [];
  const expanded = expandLikePip(byPath, golden.root).entries;
  const mine = new Map<string, ExpandedDeclaration[]>();
  for (const e of expanded) {
    const k = chainKey(e.file, e.declaration.line, e.chain);
    mine.set(k, [...(mine.get(k) ?? []), e]);
  }
  const errorLines = new Set<string>();
  const anyDiagLines = new Set<string>();
  for (const m of byPath.values()) {
    for (const d of m.diagnostics) {
      anyDiagLines.add(`${m.path}:${d.line}`);
      if (d.severity === 'error') errorLines.add(`${m.path}:${d.line}`);
    }
  }
  const accountedErrors = new Set<string>();
  // pip names one line of an include cycle (which one depends on where it starts); depaudit names every line on it.
  const pipSeesCycle = golden.errors.some((e) => e.error.includes('recursively references itself'));
  const cycleLines = new Set<string>();
  for (const m of byPath.values()) for (const d of m.diagnostics) if (d.code === 'include-cycle') cycleLines.add(`${m.path}:${d.line}`);
  for (const r of golden.requirements) {
    const k = chainKey(r.file, r.line, r.chain);
    const at = `${r.file}:${r.line}`;
    if (r.strict_errors) {
      // pip 23.2 accepts it only through packaging 21.3's legacy parser; packaging 26 (and pip >= 24.1) rejects it.
      if (!errorLines.has(at)) problems.push(`${at}: pip accepts only through legacy parsing (${r.strict_errors.join('; ')}); expected an error diagnostic`);
      accountedErrors.add(at);
      mine.delete(k);
      continue;
    }
    // pip reads it, but a PEP 508 tool would not (or would read it differently): follow pip, and say so.
    if (r.pep508_error && !anyDiagLines.has(at)) problems.push(`${at}: expected a diagnostic (${r.pep508_error})`);
    const candidates = mine.get(k);
    if (!candidates || candidates.length === 0) {
      problems.push(`${at}: pip reads ${JSON.stringify(theirs(r))}, depaudit has no declaration${errorLines.has(at) ? ' (it reported an error)' : ''}`);
      continue;
    }
    const e = candidates.shift()!;
    const a = ours(e);
    const b = theirs(r);
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${at}: depaudit ${JSON.stringify(a)}\n     pip      ${JSON.stringify(b)}`);
  }
  for (const [k, rest] of mine) for (const e of rest) problems.push(`${k}: depaudit reads ${JSON.stringify(ours(e))}, pip has no such requirement`);
  for (const err of golden.errors) {
    if (err.file === null || err.line === null) continue;
    const at = `${err.file}:${err.line}`;
    accountedErrors.add(at);
    if (!errorLines.has(at)) problems.push(`${at}: pip rejects it (${err.error.split('\n')[0]}); depaudit has no error there`);
  }
  for (const at of errorLines) {
    const [file] = at.split(':');
    // Only judge files pip actually read from this root.
    if (pipSeesCycle && cycleLines.has(at)) continue;
    if (!accountedErrors.has(at) && golden.requirements.some((r) => r.file === file)) problems.push(`${at}: depaudit reports an error that pip does not`);
  }
  return problems;
}

const goldens = readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort();

describe('requirements parser agrees with pip 23.2.1', () => {
  for (const file of goldens) {
    const tree = file.replace(/\.json$/, '');
    const golden = JSON.parse(readFileSync(path.join(goldenDir, file), 'utf8')) as Golden;
    it(`${tree}: ${golden.roots.length} root files`, async () => {
      const problems: string[] = [];
      for (const root of golden.roots) {
        if (EXPECTED_DIFFERENCES.has(`${tree}:${root.root}`)) continue;
        const p = await compareRoot(tree, root);
        problems.push(...p.map((x) => `[${root.root}] ${x}`));
      }
      expect(problems.slice(0, 40).join('\n'), `${problems.length} differences`).toBe('');
    });
  }
});
