import { defineRule } from '../analysis/rule.js';
import { sortLocations, type RawFinding } from '../analysis/finding.js';
import { groupByPin, pinLabel } from '../analysis/pins.js';
import { matchPin } from '../audit/match.js';
import { ignoredAdvisory, type AdvisoryRuleOptions } from '../audit/rule-options.js';

export const aliasText = (aliases: string[]) => (aliases.length ? ` (${aliases.join(', ')})` : '');
/** A summary inside a message: without its final period, since the message goes on. */
export const sentence = (s: string) => s.replace(/[.]$/, '');

export default defineRule<AdvisoryRuleOptions>({
  id: 'vulnerable',
  description: 'An exact pin (==V or ===V) to a version that a known advisory affects (needs --advisories).',
  defaultSeverity: 'error',
  defaults: { ignore: [] },
  check({ index, options }) {
    const db = options.advisories;
    if (!db) return [];
    const findings: RawFinding[] = [];
    for (const entry of index.packages.values()) {
      if (entry.ecosystem !== 'pypi') continue; // the advisory database is PyPI's
      for (const group of groupByPin(entry.uses)) {
        const version = pinLabel(group.pin);
        for (const m of matchPin(db, entry.name, group.pin)) {
          if (ignoredAdvisory(options.ignore, m)) continue;
          const services = [...new Set(group.uses.map((u) => u.service))].sort();
          findings.push({
            package: entry.name,
            message: `${entry.name}${version.startsWith('===') ? version : `==${version}`} is affected by ${m.advisory}${aliasText([...m.advisories.slice(1), ...m.aliases])}: ${sentence(m.summary)}; ${m.upgradeTo ? `fixed in ${m.upgradeTo}` : 'no fixed version is known'}`,
            locations: sortLocations(group.uses.map((u) => u.location)),
            data: { advisory: m.advisory, advisories: m.advisories, aliases: m.aliases, summary: m.summary, version, fixed: m.fixed, upgradeTo: m.upgradeTo, services },
            key: `${m.advisory} ${version}`,
          });
        }
      }
    }
    return findings;
  },
});
