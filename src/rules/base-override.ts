import { pushTo } from '../collections.js';
import { defineRule } from '../analysis/rule.js';
import { sortLocations, type RawFinding } from '../analysis/finding.js';
import { jointlySatisfiable } from './unsatisfiable.js';

export default defineRule({
  id: 'base-override',
  description: 'A service redeclares a package it already inherits through -r; pip intersects the two, it never overrides.',
  defaultSeverity: 'warn',
  defaults: {},
  check({ index }) {
    const findings: RawFinding[] = [];
    for (const [service, uses] of index.byService) {
      const inherited = new Map<string, typeof uses>();
      for (const u of uses) if (u.inherited && !u.constraint) pushTo(inherited, u.package, u);
      for (const own of uses) {
        if (own.inherited || own.constraint) continue;
        const base = inherited.get(own.package);
        if (!base) continue;
        const compatible = jointlySatisfiable([own.specifiers, ...base.map((b) => b.specifiers)]);
        findings.push({
          package: own.package,
          message: `${service} declares ${own.declaration.requirement} although it inherits ${base
            .map((b) => `${b.declaration.requirement} from ${b.manifest}:${b.line}`)
            .join(', ')}; ${compatible ? 'pip installs a version both allow' : 'no version satisfies both, so pip cannot install the service'}`,
          locations: sortLocations([own.location, ...base.map((b) => b.location)]),
          data: { service, specifier: own.declaration.specifier, inherited: base.map((b) => ({ path: b.manifest, line: b.line, specifier: b.declaration.specifier })), compatible },
          key: service,
        });
      }
    }
    return findings;
  },
});
