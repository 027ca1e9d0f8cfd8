/**
 * The position-keeping JSON reader agrees with JSON.parse: it accepts exactly what JSON.parse
 * accepts, reads the same values, and its offsets point at the source of every node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson, type JsonNode } from '../../../src/formats/npm/json.js';

const OPTS = { seed: 5, numRuns: 1_500 };

/** Back to a plain value, keys defined as own properties (so `__proto__` stays a key). */
function toValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) Object.defineProperty(out, m.key, { value: toValue(m.value), enumerable: true, configurable: true, writable: true });
      return out;
    }
    case 'array':
      return node.items.map(toValue);
    case 'string':
      return node.value;
    case 'number':
      return Number(node.raw);
    case 'literal':
      return node.value;
  }
}

function walk(node: JsonNode, visit: (n: JsonNode) => void): void {
  visit(node);
  if (node.type === 'object') for (const m of node.members) walk(m.value, visit);
  if (node.type === 'array') for (const i of node.items) walk(i, visit);
}

const FRAGMENTS = ['{', '}', '[', ']', ',', ':', '"', '\\', '"a"', '"__proto__"', '1', '-0', '1e5', '0.5', '01', 'true', 'nul', 'null', ' ', '\n', '\t', '\u00a0', '\\u00e9', '\\x', '\u0001', 'é'];
const jsonish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((a) => a.join(''));

describe('parseJson', () => {
  it('reads what JSON.stringify writes, with offsets on every node', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const r = parseJson(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(toValue(r.value)).toEqual(JSON.parse(text));
        walk(r.value, (n) => expect(JSON.parse(text.slice(n.start, n.end))).toEqual(toValue(n)));
      }),
      OPTS,
    );
  });

  it('accepts exactly what JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string({ maxLength: 30 })), (text) => {
        let expected = true;
        try {
          JSON.parse(text);
        } catch {
          expected = false;
        }
        const r = parseJson(text);
        expect(r.ok).toBe(expected);
        if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(text.length);
      }),
      OPTS,
    );
  });

  it('keeps duplicate keys and reports them', () => {
    const r = parseJson('{"a": 1, "b": {"a": 2}, "a": 3}');
    expect(r.ok && r.duplicates).toEqual([{ key: 'a', offset: 1, laterOffset: 24 }]);
    expect(r.ok && r.value.type === 'object' && r.value.members.map((m) => m.key)).toEqual(['a', 'b', 'a']);
  });

  it('deep nesting does not overflow the stack', () => {
    const depth = 200_000;
    expect(parseJson('['.repeat(depth) + ']'.repeat(depth)).ok).toBe(true);
    expect(parseJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)).ok).toBe(true);
    expect(parseJson('['.repeat(depth)).ok).toBe(false);
  });
});
