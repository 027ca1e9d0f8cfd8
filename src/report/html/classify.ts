/**
 * Drift class of one declared specifier against a package's reference (its most common
 * declaration), for the HTML matrix. PEP 440 for pypi and conda (conda specifiers arrive
 * already converted to PEP 440), semver for npm.
 */
import semver from 'semver';
import { compareVersions, driftClass, parseSpecifierSet, specifierSetContains, specifierSetsSatisfiable, type Specifier } from '../../pep440/index.js';
import { exactPin, type Pin } from '../../analysis/pins.js';
import { mentionsPrerelease } from '../../rules/unsatisfiable.js';

/** Ordered by how much a cell needs attention: the client takes the maximum index per cell. */
export const CELL_CLASSES = ['same', 'range', 'patch', 'minor', 'major', 'unsatisfiable', 'absent'] as const;
export type CellClass = (typeof CELL_CLASSES)[number];

/** A parsed specifier: an exact version (`pin`) or anything else (`range`, possibly unreadable). */
export interface Parsed {
  text: string;
  pin: unknown | null;
  /** Display text: the bare version for a single `==V`, else the specifier ("any" for none). */
  label: string;
}

/** The comparisons one ecosystem's version scheme provides. */
export interface Scheme {
  parse(spec: string): Parsed;
  /** < 0, 0, > 0; only called on two pins. */
  compare(a: Parsed, b: Parsed): number;
  /** Two pins that are not equal: how far apart. */
  drift(a: Parsed, b: Parsed): CellClass;
  /** Whether some version satisfies both; null when either side cannot be read. */
  overlap(a: Parsed, b: Parsed): boolean | null;
}

const labelOf = (spec: string, version: string | null): string => (version !== null ? version : spec === '' ? 'any' : spec);

interface Pep440Parsed extends Parsed {
  set: Specifier[] | null;
  pin: Pin | null;
}

const pep440: Scheme = {
  parse(spec) {
    const set = parseSpecifierSet(spec);
    const specs = set.ok ? set.value : null;
    const pin = specs ? exactPin(specs) : null;
    const single = specs?.length === 1 && specs[0]!.operator === '==' && pin !== null;
    return { text: spec, set: specs, pin, label: labelOf(spec, single ? pin.text : null) } satisfies Pep440Parsed;
  },
  compare(a, b) {
    const p = (a as Pep440Parsed).pin!;
    const q = (b as Pep440Parsed).pin!;
    if (p.version && q.version && !(p.arbitrary && q.arbitrary)) return compareVersions(p.version, q.version);
    return p.text.toLowerCase() < q.text.toLowerCase() ? -1 : p.text.toLowerCase() > q.text.toLowerCase() ? 1 : 0;
  },
  drift(a, b) {
    const p = (a as Pep440Parsed).pin!;
    const q = (b as Pep440Parsed).pin!;
    // `===` strings that are not versions have no distance: two different ones can never meet.
    if (!p.version || !q.version || (p.arbitrary && q.arbitrary)) return p.text.toLowerCase() === q.text.toLowerCase() ? 'same' : 'unsatisfiable';
    const d = driftClass(p.version, q.version);
    if (d === null) return 'same';
    // The matrix has three magnitudes: an epoch is worse than a major, pre/post/dev/local are below a patch.
    return d === 'epoch' || d === 'major' ? 'major' : d === 'minor' ? 'minor' : 'patch';
  },
  overlap(a, b) {
    const x = (a as Pep440Parsed).set;
    const y = (b as Pep440Parsed).set;
    if (!x || !y) return null;
    const prereleases = mentionsPrerelease(x) || mentionsPrerelease(y);
    const pin = (b as Pep440Parsed).pin;
    // Against a pin, ask the range about that one version: cheaper and the same answer.
    if (pin && y.length === 1) return specifierSetContains(x, pin.version ?? pin.text, prereleases);
    return specifierSetsSatisfiable([x, y], { prereleases }).satisfiable;
  },
};

const npm: Scheme = {
  parse(spec) {
    // `1.2.3`, `=1.2.3` and `v1.2.3` all name exactly one version to npm.
    const pin = semver.clean(spec);
    return { text: spec, pin, label: labelOf(spec, pin) };
  },
  compare: (a, b) => semver.compare(a.pin as string, b.pin as string),
  drift(a, b) {
    // By the differing part, as for PEP 440 (semver.diff calls 1.0.0-rc.1 -> 1.0.0 a major).
    const x = semver.parse(a.pin as string)!;
    const y = semver.parse(b.pin as string)!;
    if (x.major !== y.major) return 'major';
    if (x.minor !== y.minor) return 'minor';
    return semver.compare(x, y) === 0 ? 'same' : 'patch';
  },
  overlap(a, b) {
    const x = a.pin !== null ? (a.pin as string) : semver.validRange(a.text);
    const y = b.pin !== null ? (b.pin as string) : semver.validRange(b.text);
    if (x === null || y === null) return null;
    if (a.pin !== null) return semver.satisfies(x, y, { includePrerelease: true });
    if (b.pin !== null) return semver.satisfies(y, x, { includePrerelease: true });
    return semver.intersects(x, y);
  },
};

export function schemeFor(ecosystem: string): Scheme {
  return ecosystem === 'npm' ? npm : pep440;
}

/**
 * The class of `cell` against `ref` (null when the package has no reference, which cannot
 * happen for a declared package). Two pins: their distance. A range on either side: `same`
 * for the same text, `range` when they can meet, `unsatisfiable` when they cannot; a
 * specifier the scheme cannot read is only ever `range` or `same`.
 */
export function classify(scheme: Scheme, cell: Parsed, ref: Parsed | null): CellClass {
  if (ref === null || cell.text === ref.text) return 'same';
  if (cell.pin !== null && ref.pin !== null) return scheme.drift(cell, ref);
  return scheme.overlap(cell, ref) === false ? 'unsatisfiable' : 'range';
}

/** Direction of a pin against a pinned reference: -1 lower, 1 higher, 0 otherwise. */
export function direction(scheme: Scheme, cell: Parsed, ref: Parsed | null): number {
  if (ref === null || cell.pin === null || ref.pin === null) return 0;
  return Math.sign(scheme.compare(cell, ref));
}
