/**
 * parsePackageJson over random and hostile input: it never throws, blocks re-emit the text,
 * spans and diagnostics point into it, and names that are Object.prototype keys come through as
 * ordinary names with the last duplicate winning, as JSON.parse would have it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPENDENCY_GROUPS, parsePackageJson, type PackageJsonManifest } from '../../../src/formats/npm/package-json.js';

const OPTS = { seed: 11, numRuns: 1_500 };
const HOSTILE = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineSetter__', 'isPrototypeOf', 'then', 'length', '', ' ', 'a"b', 'é', '\u0000', '@scope/__proto__'];
const SPECS = ['^1.0.0', '1.2.3', 'workspace:*', 'catalog:', 'npm:x@^1', 'file:../x', 'a/b', 'latest', '', '^1.2.3.4', 'https://h/x.tgz', '\\u0000'];
const FRAGMENTS = ['{', '}', '[', ']', ',', ':', '"', '\\', '"dependencies"', '"devDependencies"', '"workspaces"', '"__proto__"', '"a"', '"^1.0.0"', 'true', 'null', '1', ' ', '\n', '\r\n', '\r', '\t', '\uFEFF', '\u2028', 'é', '😀', '\ud800'];

function checkInvariants(text: string, m: PackageJsonManifest): void {
  expect(m.blocks.map((b) => text.slice(b.start, b.end)).join('')).toBe(text);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const d of m.declarations) {
    expect(text.slice(d.span.start, d.span.end)).toBe(d.text);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.endLine).toBeLessThanOrEqual(lines);
    // Lone surrogates count as the 3 bytes of U+FFFD, as Buffer and TextEncoder write them.
    expect(d.byteSpan!.end - d.byteSpan!.start).toBe(Buffer.byteLength(d.text));
  }
  for (const g of m.diagnostics) {
    expect(g.line).toBeGreaterThanOrEqual(1);
    expect(g.line).toBeLessThanOrEqual(lines);
  }
}

/** A dependency object written by hand, so `__proto__` is a key and duplicates survive. */
const depsObject = fc.array(fc.tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...SPECS)), { maxLength: 12 });

describe('parsePackageJson properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60, unit: 'binary' }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 50 }).map((a) => a.join(''))), (text) => {
        const m = parsePackageJson(text, { path: 'p/package.json' });
        checkInvariants(text, m);
        let valid = true;
        try {
          JSON.parse(text.replace(/^\uFEFF/, ''));
        } catch {
          valid = false;
        }
        expect(m.diagnostics.some((d) => d.code === 'invalid-json')).toBe(!valid);
      }),
      OPTS,
    );
  });

  it('hostile keys come through as names; the last duplicate wins', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEPENDENCY_GROUPS), depsObject, fc.constantFrom(0, 2), (group, entries, indent) => {
        const members = entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
        const nl = indent ? '\n' + ' '.repeat(indent) : '';
        const text = `{${nl}"name": "__proto__",${nl}${JSON.stringify(group)}: {${members.map((m) => nl + m).join(',')}${nl}}}`;
        const m = parsePackageJson(text, { path: 'package.json' });
        checkInvariants(text, m);
        const expected = new Map<string, string>();
        for (const [k, v] of entries) {
          expected.delete(k);
          expected.set(k, v);
        }
        // JSON.parse agrees on the values (own properties, prototype untouched).
        const parsed = JSON.parse(text) as Record<string, Record<string, string>>;
        expect(Object.getPrototypeOf(parsed[group])).toBe(Object.prototype);
        const byName = new Map(m.declarations.map((d) => [d.name!, d.written ?? d.specifier]));
        expect([...byName.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [k, v] of expected) {
          expect(Object.getOwnPropertyDescriptor(parsed[group], k)?.value).toBe(v);
          expect(byName.get(k)).toBe(v);
        }
        expect(m.declarations.every((d) => d.group === group)).toBe(true);
        expect(m.diagnostics.filter((d) => d.code === 'duplicate-key')).toHaveLength(entries.length - expected.size);
        expect(({} as Record<string, unknown>).constructor).toBe(Object);
      }),
      OPTS,
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const text = JSON.stringify({ dependencies: value, devDependencies: { a: '1' } }, null, 2);
        expect(parsePackageJson(text, { path: 'x' })).toEqual(parsePackageJson(text, { path: 'x' }));
      }),
      { seed: 2, numRuns: 300 },
    );
  });
});
