import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { markersDisjoint, parseMarker, type MarkerAst } from '../../src/pep508/index.js';

function marker(text: string): MarkerAst {
  const parsed = parseMarker(text);
  if (!parsed.ok) throw new Error(`bad test marker ${text}: ${parsed.error.message}`);
  return parsed.value;
}

/** [a, b, provably disjoint?] — checked in both argument orders. */
const TABLE: [string, string, boolean][] = [
  // version variables, PEP 440 ordering
  ['python_version < "3.9"', 'python_version >= "3.9"', true],
  ['python_version < "3.9"', 'python_version > "3.8"', false], // 3.8.1 satisfies both
  ['python_version <= "3.9"', 'python_version >= "3.9"', false],
  ['python_version < "3.10"', 'python_version >= "3.9"', false], // PEP 440, not string order
  ['python_version < "3.9"', 'python_version >= "3.10"', true],
  ['python_version == "3.9"', 'python_version == "3.10"', true],
  ['python_version == "3.9"', 'python_version == "3.9.0"', false], // zero padding
  ['python_version == "3.9"', 'python_version != "3.9"', true],
  ['python_version == "3.9"', 'python_version != "3.9.0"', true],
  ['python_version == "3.9"', 'python_version != "3.10"', false],
  ['python_version == "3.9.*"', 'python_version >= "3.10"', true],
  ['python_version == "3.9.*"', 'python_version < "3.9"', true],
  ['python_version == "3.9.*"', 'python_version == "3.9.5"', false],
  ['python_full_version == "3.9.5"', 'python_full_version != "3.9.*"', true],
  ['python_version ~= "3.8"', 'python_version >= "4"', true],
  ['python_version ~= "3.8"', 'python_version < "3.8"', true],
  ['python_version ~= "3.8"', 'python_version == "3.12"', false],
  ['python_full_version > "3.9"', 'python_full_version == "3.9"', true],
  ['python_full_version >= "3.9.1"', 'python_full_version < "3.9.1"', true],
  ['implementation_version >= "7.3"', 'implementation_version < "7"', true],
  ['platform_release >= "5.10"', 'platform_release < "5"', true],
  // platform_release values that are not versions compare as strings
  ['platform_release == "5.10.0-1-amd64"', 'platform_release == "6.1.0-2-amd64"', true],
  ['platform_release == "5.10.0-1-amd64"', 'platform_release >= "5"', false],
  ['python_version === "3.9"', 'python_version === "3.10"', false], // === is not used
  ['"3.9" > python_version', 'python_version >= "3.9"', false], // reversed comparison: unknown
  // string variables
  ['sys_platform == "win32"', 'sys_platform != "win32"', true],
  ['sys_platform == "win32"', 'sys_platform == "linux"', true],
  ['sys_platform == "win32"', '"win32" == sys_platform', false],
  ['sys_platform == "win32"', 'sys_platform != "linux"', false],
  ['sys_platform == "win32"', '"linux" in sys_platform', true],
  ['sys_platform == "linux2"', '"linux" in sys_platform', false],
  ['"linux" in sys_platform', '"lin" not in sys_platform', true],
  ['"lin" in sys_platform', '"linux" not in sys_platform', false],
  ['sys_platform in "win32 cygwin"', 'sys_platform == "linux"', true],
  ['sys_platform in "win32 cygwin"', 'sys_platform == "cygwin"', false],
  ['sys_platform in "win32"', 'sys_platform not in "win32 cygwin"', true],
  ['os_name == "nt"', 'platform_system == "Linux"', false], // different variables
  ['platform_system == "Windows"', 'platform_system == "windows"', true], // case-sensitive
  ['sys_platform < "a"', 'sys_platform > "z"', false], // ordering on strings: never evidence
  ['os.name == "nt"', 'os_name == "posix"', true], // legacy alias normalized
  ['python_implementation == "PyPy"', 'platform_python_implementation == "CPython"', true],
  // boolean structure
  ['sys_platform == "win32" or sys_platform == "darwin"', 'sys_platform == "linux"', true],
  ['sys_platform == "win32" or python_version < "3.9"', 'sys_platform == "linux"', false],
  ['sys_platform == "win32" and python_version < "3.9"', 'sys_platform == "linux" or python_version >= "3.9"', true],
  ['(sys_platform == "win32" or sys_platform == "cygwin") and python_version < "3.9"', 'sys_platform == "linux"', true],
  ['sys_platform == "win32" and python_version < "3.9" or os_name == "nt"', 'os_name == "posix"', false],
  ['sys_platform == "win32" and python_version < "3.9" or os_name == "nt"', 'os_name == "posix" and sys_platform == "linux"', true],
  // extras never prove anything: requirements for two extras can both apply
  ['extra == "a"', 'extra == "b"', false],
  ['"a" in extras', '"a" not in extras', false],
  ['"g" in dependency_groups', '"g" not in dependency_groups', false],
  // unknown comparisons are treated as "maybe"
  ['os_name == os_name', 'os_name != os_name', false],
  ['"a" == "b"', '"a" == "b"', false],
  ['os_name ~= "a"', 'os_name == "b"', false],
];

describe('markersDisjoint', () => {
  it.each(TABLE)('%s  vs  %s  → %s', (a, b, expected) => {
    expect(markersDisjoint(marker(a), marker(b))).toBe(expected);
    expect(markersDisjoint(marker(b), marker(a))).toBe(expected);
  });

  it('gives up (false) on markers too large to analyse', () => {
    const big = marker(Array.from({ length: 200 }, (_, i) => `os_name == "x${i}"`).join(' or '));
    expect(markersDisjoint(big, marker('os_name == "y"'))).toBe(false);
  });

  it('gives up (false) when the DNF explodes', () => {
    const clause = (i: number): string => `(os_name == "a${i}" or os_name == "b${i}")`;
    const wide = marker(Array.from({ length: 10 }, (_, i) => clause(i)).join(' and '));
    expect(markersDisjoint(wide, marker('os_name == "z"'))).toBe(false);
  });
});

interface WitnessFile {
  count: number;
  pairs: { a: string; b: string; witness: Record<string, string> | null }[];
}

describe('markersDisjoint soundness against packaging', () => {
  const url = new URL('../goldens/pep508/disjoint-witnesses.json', import.meta.url);
  const golden = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as WitnessFile;

  it(`never claims disjointness when packaging found a common environment (${golden.count} pairs)`, () => {
    const unsound = golden.pairs
      .filter((p) => p.witness !== null && markersDisjoint(marker(p.a), marker(p.b)))
      .map((p) => `${p.a}  vs  ${p.b}  both hold for ${JSON.stringify(p.witness)}`);
    expect(unsound.length, unsound.slice(0, 20).join('\n')).toBe(0);
  });

  it('proves a useful share of the pairs that have no witness', () => {
    const candidates = golden.pairs.filter((p) => p.witness === null);
    const proven = candidates.filter((p) => markersDisjoint(marker(p.a), marker(p.b)));
    // Most are not provable on purpose: the grid is small, so many are not really
    // disjoint, and packaging 26 makes `<`/`>` on strings always false and `~=`
    // raise, which is never used as evidence. The analysis must still not be vacuous.
    expect(proven.length).toBeGreaterThan(candidates.length / 20);
  });
});
