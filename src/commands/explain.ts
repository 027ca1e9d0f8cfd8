import { audit, type PipelineOptions } from '../pipeline.js';
import { canonicalizeName } from '../pep508/names.js';
import { EXIT } from '../errors.js';
import { paint, type RenderContext } from '../report/render-context.js';

export interface ExplainOptions extends PipelineOptions {
  format: 'text' | 'json';
}

export async function runExplain(pkg: string, root: string, opts: ExplainOptions, out: { stdout: (s: string) => void }, ctx: RenderContext): Promise<number> {
  const name = canonicalizeName(pkg);
  const { report } = await audit(root, opts);
  const entry = report.packages.find((p) => p.name === name);
  const findings = report.findings.filter((f) => f.package === name);
  if (opts.format === 'json') {
    out.stdout(`${JSON.stringify({ package: name, declarations: entry?.services ?? [], findings }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (!entry) {
    out.stdout(`${name} is not declared anywhere under ${root}\n`);
    return EXIT.ok;
  }
  const lines = [paint(ctx, 'bold', `${name}: declared by ${entry.services.length} service(s)`)];
  for (const s of entry.services) {
    for (const d of s.declarations) {
      const how = [d.inherited ? 'inherited' : 'direct', ...(d.constraint ? ['constraint'] : [])].join(', ');
      lines.push(`  ${s.service.padEnd(28)} ${`${d.manifest}:${d.line}`.padEnd(60)} ${(d.specifier || '(any)').padEnd(18)} ${d.marker ? `; ${d.marker} ` : ''}(${how})`);
    }
  }
  lines.push('', findings.length ? paint(ctx, 'bold', 'Findings:') : 'No findings involve it.');
  for (const f of findings) lines.push(`  ${f.severity} ${f.rule}: ${f.message}`);
  out.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
