import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MarkerAtom, MarkerOperand, Pep508Error } from '../../src/pep508/index.js';

/** One case of test/goldens/pep508/*.json, as written by gen-pep508-goldens.py. */
export type GoldenCase =
  | {
      input: string;
      ok: true;
      // requirement cases
      name?: string;
      canonical_name?: string;
      extras?: string[];
      extras_sorted?: string[];
      specifier?: string;
      url?: string | null;
      marker?: string | null;
      str: string;
      // marker cases
      marker_tree?: unknown;
    }
  | { input: string; ok: false; error_type: string; message: string; span: [number, number] | null };

export interface GoldenFile {
  oracle: string;
  kind: 'requirement' | 'marker';
  count: number;
  cases: GoldenCase[];
}

export function loadGolden(name: string): GoldenFile {
  const url = new URL(`../goldens/pep508/${name}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as GoldenFile;
}

/** Our AST in the golden's shape: lists are arrays interleaving "and"/"or". */
export function toGoldenTree(atom: MarkerAtom): unknown {
  if (atom.kind === 'comparison') {
    return { l: operand(atom.left), op: atom.op, r: operand(atom.right) };
  }
  const out: unknown[] = [];
  atom.atoms.forEach((a, i) => {
    if (i > 0) out.push(atom.ops[i - 1]);
    out.push(toGoldenTree(a));
  });
  return out;
}

function operand(o: MarkerOperand): unknown {
  return o.kind === 'variable' ? { var: o.name } : { val: o.value };
}

/**
 * The error kind we must report for a packaging exception type. packaging 26.2
 * lets ast.literal_eval's SyntaxError/ValueError/UnicodeEncodeError escape for
 * bad quoted strings; we report them as `string` errors instead of throwing.
 */
export function expectedKind(errorType: string): Pep508Error['kind'] {
  switch (errorType) {
    case 'InvalidRequirement':
    case 'InvalidMarker':
      return 'syntax';
    case 'InvalidSpecifier':
      return 'specifier';
    case 'RecursionError':
      return 'depth';
    default:
      return 'string';
  }
}

/** Compact, readable rendering of a case for failure lists. */
export function show(value: unknown): string {
  return JSON.stringify(value);
}
