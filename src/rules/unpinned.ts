import { defineRule } from '../analysis/rule.js';
import type { RawFinding } from '../analysis/finding.js';
import { exactPin } from '../analysis/pins.js';

export default defineRule({
  id: 'unpinned',
  description: 'A requirement from an index without an exact == pin.',
  defaultSeverity: 'off',
  defaults: {},
  check({ index }) {
    const findings: RawFinding[] = [];
    const seen = new Set<string>();
    for (const entry of index.packages.values()) {
      for (const u of entry.uses) {
        if (u.constraint || u.declaration.source !== 'index' || exactPin(u.specifiers)) continue;
        const k = `${u.manifest}:${u.line}`;
        if (seen.has(k)) continue;
        seen.add(k);
        findings.push({
          package: entry.name,
          message: `${u.declaration.requirement} in ${u.manifest} is not pinned to an exact version`,
          locations: [u.location],
          data: { specifier: u.declaration.specifier },
        });
      }
    }
    return findings;
  },
});
