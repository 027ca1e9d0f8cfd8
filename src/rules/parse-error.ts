import { defineRule } from '../analysis/rule.js';
import type { RawFinding } from '../analysis/finding.js';

export default defineRule({
  id: 'parse-error',
  description: 'A manifest, or a line of one, that could not be read: a gate must never pass by skipping it.',
  defaultSeverity: 'error',
  defaults: { includeWarnings: false },
  check({ inventory, options }) {
    const findings: RawFinding[] = [];
    for (const m of inventory.manifests) {
      for (const d of m.diagnostics) {
        if (d.severity !== 'error' && !options.includeWarnings) continue;
        findings.push({
          package: null,
          message: `${d.path}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ${d.message}`,
          locations: [{ path: d.path, line: d.line }],
          data: { code: d.code, column: d.column, severity: d.severity },
          key: `${d.code} ${d.message}`,
        });
      }
    }
    return findings;
  },
});
