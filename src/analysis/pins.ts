/** Exact pins (`==V` without a wildcard, `===V`) and grouping them by PEP 440 equality. */
import { compareVersions, formatVersion, parseVersion, type Specifier, type Version } from '../pep440/index.js';
import { suffixKey, trimmedRelease } from '../pep440/version.js';
import type { PackageUse } from './package-index.js';

export interface Pin {
  /** The version as written in the first declaration seen. */
  text: string;
  /** Parsed version; null for an `===` string that is not a PEP 440 version. */
  version: Version | null;
  arbitrary: boolean;
}

// Specifier arrays are shared per specifier text (package-index.ts specifiersOf), so this memo hits.
const pinCache = new WeakMap<Specifier[], Pin | null>();

export function exactPin(specs: Specifier[]): Pin | null {
  let pin = pinCache.get(specs);
  if (pin !== undefined) return pin;
  pin = null;
  for (const s of specs) {
    if (s.operator === '===' || (s.operator === '==' && !s.version.endsWith('.*'))) {
      pin = { text: s.version, version: parseVersion(s.version), arbitrary: s.operator === '===' };
      break;
    }
  }
  pinCache.set(specs, pin);
  return pin;
}

export interface PinGroup {
  pin: Pin;
  uses: PackageUse[];
}

/**
 * Whether one version can satisfy both pins: PEP 440 equality (1.0 == 1.0.0) for `==`; `===`
 * matches the string, case-insensitively, so two `===` pins need the same text, and `===1.0`
 * meets `==1.0.0` (the release "1.0" satisfies both).
 */
function samePin(p: Pin, q: Pin): boolean {
  if ((p.arbitrary && q.arbitrary) || !p.version || !q.version) return p.text.toLowerCase() === q.text.toLowerCase();
  return compareVersions(p.version, q.version) === 0;
}

/**
 * A text equal for two versions exactly when `compareVersions` calls them equal: epoch, release
 * without trailing zeros, the pre/post/dev key and the local label segment by segment.
 */
const versionKeys = new WeakMap<Pin, string>();
function versionKey(pin: Pin & { version: Version }): string {
  let key = versionKeys.get(pin);
  if (key === undefined) {
    const v = pin.version;
    // Local segments are numbers (digits only, so `01` is 1) or lowercase words with a letter: never the same text.
    const local = v.local === null ? '' : `+${v.local.join('.')}`;
    versionKeys.set(pin, (key = `${v.epoch}!${trimmedRelease(v.release).join('.')}|${suffixKey(v).join(',')}${local}`));
  }
  return key;
}

/** Groups of uses one version satisfies together; every distinct pin in a group agrees with every other. */
export function groupByPin(uses: PackageUse[]): PinGroup[] {
  const groups: Array<PinGroup & { pins: Pin[] }> = [];
  // A pin written exactly like one already placed lands in the same group (the groups before it
  // still reject it, since groups only gain pins): thousands of uses repeat a few texts.
  // Pins are shared per specifier text (exactPin caches them), so most repeats are found by
  // identity, without building the text key.
  const byText = new Map<string, PinGroup & { pins: Pin[] }>();
  const byPin = new Map<Pin, PinGroup & { pins: Pin[] }>();
  // Until an `===` pin turns up, every group holds versions equal to one another, so a new version
  // has one group to join at most, found by its key instead of against every group's pins (a
  // drifting package has ~100 versions). An `===` pin can join a group of versions and a version can
  // join an `===` group: from the first one on, groups are searched pin by pin.
  const byVersion = new Map<string, PinGroup & { pins: Pin[] }>();
  let arbitrarySeen = false;
  for (const u of uses) {
    const pin = exactPin(u.specifiers);
    if (!pin) continue;
    const placed = byPin.get(pin);
    if (placed) {
      placed.uses.push(u);
      continue;
    }
    const key = `${pin.arbitrary ? '=' : ''}${pin.text}`;
    const known = byText.get(key);
    if (known) {
      known.uses.push(u);
      byPin.set(pin, known);
      continue;
    }
    if (pin.arbitrary) arbitrarySeen = true;
    const keyed = !arbitrarySeen && pin.version !== null;
    let g = keyed ? byVersion.get(versionKey(pin as Pin & { version: Version })) : groups.find((x) => x.pins.every((p) => samePin(pin, p)));
    if (g) {
      g.uses.push(u);
      if (!g.pins.some((p) => p.text === pin.text && p.arbitrary === pin.arbitrary)) g.pins.push(pin);
    } else {
      groups.push((g = { pin, uses: [u], pins: [pin] }));
      if (keyed) byVersion.set(versionKey(pin as Pin & { version: Version }), g);
    }
    byText.set(key, g);
    byPin.set(pin, g);
  }
  return groups.map(({ pin, uses: members }) => ({ pin, uses: members })).sort(comparePinGroups);
}

function comparePinGroups(a: PinGroup, b: PinGroup): number {
  if (a.pin.version && b.pin.version) return compareVersions(a.pin.version, b.pin.version);
  if (a.pin.version) return -1;
  if (b.pin.version) return 1;
  return a.pin.text < b.pin.text ? -1 : a.pin.text > b.pin.text ? 1 : 0;
}

/** The version a shared base would take: the most common pin, ties to the highest. */
export function mostCommonPin(groups: PinGroup[]): PinGroup | null {
  let best: PinGroup | null = null;
  let bestCount = -1;
  for (const g of groups) {
    const count = new Set(g.uses.map((u) => u.service)).size;
    // groups are sorted ascending, so a later group with the same count is higher.
    if (count >= bestCount) {
      best = g;
      bestCount = count;
    }
  }
  return best;
}

export function pinLabel(pin: Pin): string {
  return pin.version && !pin.arbitrary ? pin.text : `===${pin.text}`;
}

export { formatVersion };
