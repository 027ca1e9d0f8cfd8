import { describe, expect, it } from 'vitest';
import { canonicalizeName, isValidName, normalizeExtra } from '../../src/pep508/index.js';

describe('canonicalizeName (PEP 503)', () => {
  it.each([
    ['Django', 'django'],
    ['oslo.concurrency', 'oslo-concurrency'],
    ['Foo.Bar__baz--QUX', 'foo-bar-baz-qux'],
    ['foo-bar_', 'foo-bar-'],
    ['a_-_.b', 'a-b'],
    ['requests', 'requests'],
  ])('%s → %s', (name, key) => {
    expect(canonicalizeName(name)).toBe(key);
  });
});

describe('isValidName (PEP 508)', () => {
  it.each(['a', 'A1', 'foo-bar.quux_baz', 'android12', '1foo', 'f.o'])('%s is valid', (name) => {
    expect(isValidName(name)).toBe(true);
  });

  // packaging 26 accepts `foo-bar_` as a requirement name; PEP 508 does not.
  it.each(['', 'foo-bar_', 'foo.', '-foo', '_foo', 'foo-', 'fée', 'foo bar', 'foo!'])('%j is invalid', (name) => {
    expect(isValidName(name)).toBe(false);
  });
});

describe('normalizeExtra (PEP 685)', () => {
  it('normalizes like a name', () => {
    expect(normalizeExtra('Sec_Urity')).toBe('sec-urity');
    expect(normalizeExtra('PEP_685...norm')).toBe('pep-685-norm');
  });
});
