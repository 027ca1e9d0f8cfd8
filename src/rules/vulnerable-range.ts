import { pushTo } from '../collections.js';
import { defineRule } from '../analysis/rule.js';
import { sortLocations, type RawFinding } from '../analysis/finding.js';
import { exactPin } from '../analysis/pins.js';
import type { PackageUse } from '../analysis/package-index.js';
import { matchRange, type RangeMatch } from '../audit/match.js';
import { ignoredAdvisory, type AdvisoryRuleOptions } from '../audit/rule-options.js';
import { aliasText, sentence } from './vulnerable.js';

function admits(lowest: RangeMatch['lowest']): string {
  if (!lowest) return 'versions from the earliest release on';
  return lowest.inclusive ? lowest.version : `versions just above ${lowest.version}`;
}

function advice(m: RangeMatch): string {
  if (!m.raiseTo) return 'no fixed version is known';
  return `raise the floor to >=${m.raiseTo}${m.raiseAdmitted ? '' : ` (the range excludes ${m.raiseTo}: move its upper bound too)`}`;
}

export default defineRule<AdvisoryRuleOptions>({
  id: 'vulnerable-range',
  description: 'A version range whose lowest admitted version a known advisory affects (needs --advisories).',
  defaultSeverity: 'warn',
  defaults: { ignore: [] },
  check({ index, options }) {
    const db = options.advisories;
    if (!db) return [];
    const findings: RawFinding[] = [];
    for (const entry of index.packages.values()) {
      if (entry.ecosystem !== 'pypi') continue; // the advisory database is PyPI's
      // Declarations with the same specifier set share one finding per advisory.
      const bySpec = new Map<string, PackageUse[]>();
      for (const u of entry.uses) {
        if (u.declaration.source !== 'index' || u.specifiers.length === 0 || exactPin(u.specifiers)) continue;
        pushTo(bySpec, u.declaration.specifier, u);
      }
      for (const [specifier, uses] of bySpec) {
        for (const m of matchRange(db, entry.name, uses[0]!.specifiers)) {
          if (ignoredAdvisory(options.ignore, m)) continue;
          findings.push({
            package: entry.name,
            message: `${entry.name}${specifier} admits ${admits(m.lowest)}, which ${m.advisory}${aliasText([...m.advisories.slice(1), ...m.aliases])} affects: ${sentence(m.summary)}; ${advice(m)}`,
            locations: sortLocations(uses.map((u) => u.location)),
            data: {
              advisory: m.advisory, advisories: m.advisories, aliases: m.aliases, summary: m.summary, specifier,
              lowest: m.lowest ? m.lowest.version : null, fixed: m.fixed, raiseTo: m.raiseTo, services: [...new Set(uses.map((u) => u.service))].sort(),
            },
            key: `${m.advisory} ${specifier}`,
          });
        }
      }
    }
    return findings;
  },
});
