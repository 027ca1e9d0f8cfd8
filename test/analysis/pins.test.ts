import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactPin, groupByPin, type Pin, type PinGroup } from '../../src/analysis/pins.js';
import type { PackageUse } from '../../src/analysis/package-index.js';
import { compareVersions, parseSpecifierSet } from '../../src/pep440/index.js';

/** groupByPin as it was before versions were grouped by key: each new pin checked against every group. */
function groupByPinLinear(uses: PackageUse[]): PinGroup[] {
  const same = (p: Pin, q: Pin) =>
    (p.arbitrary && q.arbitrary) || !p.version || !q.version ? p.text.toLowerCase() === q.text.toLowerCase() : compareVersions(p.version, q.version) === 0;
  const groups: Array<PinGroup & { pins: Pin[] }> = [];
  for (const u of uses) {
    const pin = exactPin(u.specifiers);
    if (!pin) continue;
    const g = groups.find((x) => x.pins.every((p) => same(pin, p)));
    if (g) {
      g.uses.push(u);
      if (!g.pins.some((p) => p.text === pin.text && p.arbitrary === pin.arbitrary)) g.pins.push(pin);
    } else groups.push({ pin, uses: [u], pins: [pin] });
  }
  const order = (a: PinGroup, b: PinGroup) =>
    a.pin.version && b.pin.version ? compareVersions(a.pin.version, b.pin.version) : a.pin.version ? -1 : b.pin.version ? 1 : a.pin.text < b.pin.text ? -1 : a.pin.text > b.pin.text ? 1 : 0;
  return groups.map(({ pin, uses: members }) => ({ pin, uses: members })).sort(order);
}

describe('groupByPin', () => {
  // Versions that are equal under PEP 440 spelled apart (1.0 / 1.0.0, rc / c, +01 / +1, epochs 0!),
  // and `===` pins, which join by text and can bridge groups.
  const version = fc.constantFrom('1.0', '1.0.0', '1', '0!1.0', '1!1.0', '1.0rc1', '1.0c1', '1.0.post1', '1.0-1', '1.0.dev0', '1.0+abc', '1.0+ABC', '1.0+01', '1.0+1', '2.0', '2', '1.0a1.post2.dev3', 'foo');
  const spec = fc.tuple(fc.constantFrom('==', '==', '==', '==='), version).map(([op, v]) => `${op}${v}`);
  it('groups as checking every pin against every group does (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 40 }), (texts) => {
        const cache = new Map<string, ReturnType<typeof parseSpecifierSet>>();
        const uses = texts.flatMap((t, i) => {
          const r = cache.get(t) ?? parseSpecifierSet(t);
          cache.set(t, r);
          return r.ok ? [{ service: `s${i}`, specifiers: r.value } as unknown as PackageUse] : [];
        });
        const shape = (groups: PinGroup[]) => groups.map((g) => ({ pin: g.pin.text, arbitrary: g.pin.arbitrary, uses: g.uses.map((u) => u.service) }));
        expect(shape(groupByPin(uses))).toEqual(shape(groupByPinLinear(uses)));
      }),
      { numRuns: 3000 },
    );
  });
});
