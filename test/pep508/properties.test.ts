import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMarker, formatRequirement, parseMarker, parseRequirement } from '../../src/pep508/index.js';

const SEED = 508;
const RUNS = 2_000;

/** Fragments that make random strings hit the interesting grammar paths. */
const FRAGMENTS = [
  'foo', 'Foo_Bar', 'a', '-', '_', '.', ' ', '\t', '\n', '[', ']', ',', '(', ')', '@', ';', '#',
  '==', '===', '!=', '~=', '<=', '>=', '<', '>', '1.0', '.*', '+local', 'v2', 'post1', 'a1',
  'http://x/y', ' and ', ' or ', ' in ', ' not in ', 'not', "'", '"', "'a'", '"b"', '\\',
  'python_version', 'os.name', 'extra', 'extras', 'python_implementation', 'é', '😀', '\u00a0',
];

const fragmentString = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }).map((parts) => parts.join(''));
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
  fragmentString,
);

/** Marker text from a grammar; values avoid `"`, `\`, CR/LF and NUL, which str() cannot round-trip. */
const WS = fc.constantFrom('', ' ', '  ', '\t');
const VARIABLES = [
  'python_version', 'python_full_version', 'os_name', 'os.name', 'sys_platform', 'sys.platform',
  'platform_release', 'platform_system', 'platform_version', 'platform.version', 'platform_machine',
  'platform.machine', 'platform_python_implementation', 'platform.python_implementation',
  'python_implementation', 'implementation_name', 'implementation_version', 'extra', 'extras', 'dependency_groups',
];
const safeValue = fc
  .string({ unit: 'grapheme', maxLength: 12 })
  .filter((s) => !/["'\\\r\n\0]/.test(s))
  .chain((s) => fc.constantFrom(`'${s}'`, `"${s}"`));
const operand = fc.oneof(fc.constantFrom(...VARIABLES), safeValue);
const op = fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in');
const comparison = fc.tuple(WS, operand, WS, op, WS, operand, WS).map((p) => p.join(''));

const { markerText } = fc.letrec<{ markerText: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.tuple(WS, tie('markerText'), WS).map(([a, m, b]) => `(${a}${m}${b})`),
  ),
  markerText: fc
    .tuple(tie('atom'), fc.array(fc.tuple(fc.constantFrom(' and ', ' or ', 'and ', ' or'), tie('atom')), { maxLength: 3 }))
    .map(([first, rest]) => first + rest.map(([o, a]) => o + a).join('')),
}));

describe('parsers never throw', () => {
  it('parseRequirement', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = parseRequirement(s);
        if (!r.ok) expect(r.error.column).toBeGreaterThanOrEqual(1);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('parseMarker', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, markerText), (s) => {
        const r = parseMarker(s);
        if (!r.ok) expect(r.error.column).toBeGreaterThanOrEqual(1);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('formatting', () => {
  it('formatMarker(parse(formatMarker(x))) is idempotent', () => {
    let accepted = 0;
    fc.assert(
      fc.property(markerText, (text) => {
        const x = parseMarker(text);
        if (!x.ok) return; // e.g. `'a'and` needs no space, but `'a'or` glued to a variable fails
        accepted++;
        const once = formatMarker(x.value);
        const reparsed = parseMarker(once);
        expect(reparsed.ok, once).toBe(true);
        if (!reparsed.ok) return;
        const twice = formatMarker(reparsed.value);
        const again = parseMarker(twice);
        expect(again.ok && formatMarker(again.value)).toBe(twice);
        if (!/\bextra\b/.test(once)) expect(twice).toBe(once);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS / 2);
  });

  it('formatRequirement(parse(formatRequirement(r))) is idempotent', () => {
    const name = fc.constantFrom('foo', 'Foo.Bar', 'a_b-c');
    const extras = fc.constantFrom('', '[x]', '[ y , X ]');
    const detail = fc.constantFrom('', '>=1.0', ' (>=1.0, <2)', '==1.*', '===abc', ' @ https://x/y.whl ');
    const tail = fc.oneof(fc.constant(''), markerText.map((m) => `; ${m}`));
    const reformat = (text: string): string | null => {
      const r = parseRequirement(text);
      return r.ok ? formatRequirement(r.value) : null;
    };
    let accepted = 0;
    fc.assert(
      fc.property(name, extras, detail, tail, (n, e, d, t) => {
        const once = reformat(`${n}${e}${d}${t}`);
        if (once === null) return;
        accepted++;
        const twice = reformat(once);
        expect(twice, once).not.toBeNull();
        expect(reformat(twice ?? '')).toBe(twice);
        // Only packaging's top-level-only extra normalization may change the text.
        if (!/\bextra\b/.test(once)) expect(twice).toBe(once);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS / 4);
  });
});
