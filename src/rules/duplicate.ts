import { listNames } from '../analysis/names.js';
import { defineRule } from '../analysis/rule.js';
import { sortLocations, type RawFinding } from '../analysis/finding.js';
import { groupByPin, mostCommonPin, pinLabel } from '../analysis/pins.js';

export default defineRule({
  id: 'duplicate',
  description: 'A package is declared directly in several services instead of once in a shared base.',
  defaultSeverity: 'warn',
  defaults: { minServices: 2 },
  check({ index, options }) {
    const findings: RawFinding[] = [];
    for (const entry of index.packages.values()) {
      const direct = entry.uses.filter((u) => !u.inherited && !u.constraint);
      const services = [...new Set(direct.map((u) => u.service))].sort();
      if (services.length < options.minServices) continue;
      const best = mostCommonPin(groupByPin(direct));
      const proposed = best ? pinLabel(best.pin) : null;
      findings.push({
        package: entry.name,
        message: `${entry.name} is declared in ${services.length} services (${listNames(services)}): a shared-base candidate${proposed ? ` at ${proposed}` : ''}`,
        locations: sortLocations(direct.map((u) => u.location)),
        data: { services, proposedVersion: proposed },
      });
    }
    return findings;
  },
});
