import { randomUUID } from 'node:crypto';
import { audit, type PipelineOptions } from '../pipeline.js';
import { buildPackageIndex } from '../analysis/package-index.js';
import { ADVISORY_RULES } from '../audit/rule-options.js';
import { renderCycloneDx } from '../sbom/cyclonedx.js';
import { EXIT } from '../errors.js';
import { VERSION } from '../version.js';
import { advisoryLog } from './audit.js';

export interface SbomCommandOptions extends Omit<PipelineOptions, 'only'> {
  format: 'cyclonedx';
  /** Add metadata.timestamp and a random serialNumber (the output is then not reproducible). */
  timestamp?: boolean;
}

export async function runSbom(root: string, opts: SbomCommandOptions, out: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  const a = await audit(root, { ...opts, only: opts.advisories !== undefined ? ADVISORY_RULES : [] });
  if (a.advisories) out.stderr(advisoryLog(a.advisories));
  const stamp = opts.timestamp ? { timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), serialNumber: `urn:uuid:${randomUUID()}` } : undefined;
  out.stdout(
    renderCycloneDx(a.inventory, buildPackageIndex(a.inventory), {
      toolVersion: VERSION,
      ...(stamp ? { stamp } : {}),
      ...(a.advisories ? { findings: a.report.findings } : {}),
    }),
  );
  return EXIT.ok;
}
