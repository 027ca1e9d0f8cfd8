/** Exact pins (`==V` without a wildcard, `===V`) and grouping them by PEP 440 equality. */
import { compareVersions, formatVersion, parseVersion, type Specifier, type Version } from '../pep440/index.js';
import type { PackageUse } from './package-index.js';

export interface Pin {
  /** The version as written in the first declaration seen. */
  text: string;
  /** Parsed version; null for an `===` string that is not a PEP 440 version. */
  version: Version | null;
  arbitrary: boolean;
}

export function exactPin(specs: Specifier[]): Pin | null {
  for (const s of specs) {
    if (s.operator === '===' || (s.operator === '==' && !s.version.endsWith('.*'))) {
      return { text: s.version, version: parseVersion(s.version), arbitrary: s.operator === '===' };
    }
  }
  return null;
}

export interface PinGroup {
  pin: Pin;
  uses: PackageUse[];
}

/** Same group when PEP 440 says equal (1.0 == 1.0.0); `===` strings group by case-insensitive text. */
export function groupByPin(uses: PackageUse[]): PinGroup[] {
  const groups: PinGroup[] = [];
  for (const u of uses) {
    const pin = exactPin(u.specifiers);
    if (!pin) continue;
    const g = groups.find((x) =>
      pin.arbitrary || x.pin.arbitrary || !pin.version || !x.pin.version
        ? pin.text.toLowerCase() === x.pin.text.toLowerCase()
        : compareVersions(pin.version, x.pin.version) === 0,
    );
    if (g) g.uses.push(u);
    else groups.push({ pin, uses: [u] });
  }
  return groups.sort(comparePinGroups);
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
  const servicesOf = (g: PinGroup) => new Set(g.uses.map((u) => u.service)).size;
  for (const g of groups) {
    // groups are sorted ascending, so a later group with the same count is higher.
    if (!best || servicesOf(g) >= servicesOf(best)) best = g;
  }
  return best;
}

export function pinLabel(pin: Pin): string {
  return pin.version && !pin.arbitrary ? pin.text : `===${pin.text}`;
}

export { formatVersion };
