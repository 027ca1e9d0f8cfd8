import { joinCapped, listNames } from '../analysis/names.js';
import { defineRule } from '../analysis/rule.js';
import { sortLocations, type RawFinding } from '../analysis/finding.js';
import { exactPin, groupByPin } from '../analysis/pins.js';
import { distinctShapes, jointlySatisfiable } from './unsatisfiable.js';

export default defineRule({
  id: 'range-mismatch',
  description: 'Services declare a package with different specifiers that are still jointly satisfiable.',
  defaultSeverity: 'warn',
  defaults: {},
  check({ driftIndex }) {
    const findings: RawFinding[] = [];
    for (const entry of driftIndex.packages.values()) {
      const shapes = distinctShapes(entry.uses).filter((s) => s[0]!.declaration.marker === null);
      if (shapes.length < 2) continue;
      const allPins = shapes.every((s) => exactPin(s[0]!.specifiers));
      // Pins alone: either the same version spelled differently (fine) or a version-conflict.
      if (allPins) continue;
      if (groupByPin(shapes.map((s) => s[0]!)).length > 1) continue;
      if (!jointlySatisfiable(shapes.map((s) => s[0]!.specifiers))) continue;
      const specifiers: Record<string, string[]> = {};
      for (const s of shapes) specifiers[s[0]!.declaration.specifier] = [...new Set(s.map((u) => u.service))].sort();
      findings.push({
        package: entry.name,
        message: `${entry.name} is declared with ${shapes.length} different specifiers that overlap: ${joinCapped(
          Object.entries(specifiers).map(([spec, services]) => `${spec} (${listNames(services)})`),
          ', ',
          10,
          'specifiers',
        )}`,
        locations: sortLocations(shapes.flat().map((u) => u.location)),
        data: { specifiers },
        key: Object.keys(specifiers).sort().join(','),
      });
    }
    return findings;
  },
});
