import { describe, expect, it } from 'vitest';
import { formatMarker, markersDisjoint, parseMarker, parseRequirement } from '../../src/pep508/index.js';

const MB2 = 2_000_000;
/** Generous: linear parsing of 2 MB takes tens of milliseconds; quadratic would take minutes. */
const BUDGET_MS = 5_000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const REQUIREMENTS: [string, () => string, boolean][] = [
  ['long name', () => 'a'.repeat(MB2), true],
  ['name with separators', () => `a${'-_.'.repeat(MB2 / 3)}b`, true],
  ['name ending in non-boundary', () => `a${'_'.repeat(MB2)}é`, false],
  ['long release', () => `foo==${'1.'.repeat(MB2 / 2)}1`, true],
  ['many specifiers', () => `foo${'>=1,'.repeat(MB2 / 4)}`, true],
  ['many extras', () => `foo[${'a,'.repeat(MB2 / 2)}a]`, true],
  ['unclosed extras', () => `foo[${'a, '.repeat(MB2 / 3)}`, false],
  ['long url', () => `foo @ ${'x'.repeat(MB2)} ; os_name == "a"`, true],
  ['whitespace run', () => `foo${' '.repeat(MB2)}x`, false],
  ['whitespace after operator', () => `foo==${' \u00a0'.repeat(MB2 / 2)}x`, false],
  ['arbitrary equality', () => `foo===${'x'.repeat(MB2)}`, true],
  ['unterminated string', () => `foo; os_name == "${'x'.repeat(MB2)}`, false],
  ['long string value', () => `foo; os_name == "${'\\x41'.repeat(MB2 / 4)}"`, true],
  ['open parentheses', () => `foo; ${'('.repeat(MB2)}`, false],
  ['flat and-chain', () => `foo; ${'os_name == "a" and '.repeat(MB2 / 20)}os_name == "b"`, true],
  ['nested then flat', () => `foo; ${'('.repeat(100)}${'os_name=="a" or '.repeat(MB2 / 20)}os_name=="a"${')'.repeat(100)}`, true],
];

describe('hostile input stays linear', () => {
  it.each(REQUIREMENTS)('%s', (_label, make, accepted) => {
    const text = make();
    const { value, ms } = timed(() => parseRequirement(text));
    expect(value.ok).toBe(accepted);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('formats and compares a 100k-comparison marker quickly', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `os_name == "v${i}"`).join(' or ');
    const parsed = parseMarker(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { value, ms } = timed(() => [formatMarker(parsed.value), markersDisjoint(parsed.value, parsed.value)] as const);
    expect(value[0].length).toBeGreaterThan(text.length / 2);
    expect(value[1]).toBe(false);
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
