/** GitHub Actions workflow commands; errors first, since GitHub shows only a few per step. */
import type { ReportJson } from './schema.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(r: ReportJson): string {
  const ordered = [...r.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return ordered
    .map((f) => {
      const loc = f.locations[0];
      const props = [
        ...(loc ? [`file=${escapeProperty(loc.path)}`, ...(loc.line > 0 ? [`line=${loc.line}`] : [])] : []),
        `title=${escapeProperty(`depaudit ${f.rule}${f.package ? `: ${f.package}` : ''}`)}`,
      ];
      return `::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}
