/**
 * `report --format html`: one self-contained page (inline CSS and script, no network, works
 * from file://). The summary is static HTML; the services x packages matrix and the conflict
 * list are drawn by the inline script from the embedded MatrixData, one page of rows at a time.
 */
import { createHash } from 'node:crypto';
import type { ReportJson } from './schema.js';
import { buildMatrix, CONFLICT_RULES } from './html/matrix.js';
import { CELL_CLASSES, type CellClass } from './html/classify.js';
import { STYLE } from './html/style.js';
import { CLIENT } from './html/client.js';

const SYMBOL: Record<CellClass, string> = { same: '✓', range: '∼', patch: '◔', minor: '◑', major: '●', unsatisfiable: '✕', absent: '–' };
const MEANING: Record<CellClass, string> = {
  same: 'same as the most common version',
  range: 'a range that admits the most common version',
  patch: 'patch drift (or pre/post/dev/local)',
  minor: 'minor drift',
  major: 'major drift (or epoch)',
  unsatisfiable: 'can never meet the most common version',
  absent: 'not declared',
};
/** A finding's drift name (version-conflict's data.drift) as the matrix class that colours it. */
const DRIFT_CELL: Record<string, CellClass> = { epoch: 'major', major: 'major', minor: 'minor', patch: 'patch', pre: 'patch', post: 'patch', dev: 'patch', local: 'patch' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * JSON that is safe inside <script type="application/json">: with `<` `>` `&` escaped no
 * `</script` or `<!--` can end or alter the element, whatever a package name or path holds.
 * U+2028/2029 are escaped so the text is also a valid JavaScript literal.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

function chip(cls: CellClass, text: string): string {
  return `<span class="chip c-${cls}"><span class="sym" aria-hidden="true">${SYMBOL[cls]}</span>${escapeHtml(text)}</span>`;
}

function figure(label: string, value: string, extra = ''): string {
  return `<div class="figure${extra}"><dt>${escapeHtml(label)}</dt><dd>${value}</dd></div>`;
}

function summaryHtml(r: ReportJson): string {
  const s = r.summary;
  const count = (rule: string) => r.findings.filter((f) => f.rule === rule).length;
  const drift = Object.entries(s.conflictsByDrift).map(([d, n]) => chip(DRIFT_CELL[d] ?? 'range', `${d} ${n}`));
  const unsat = count('unsatisfiable');
  const ranges = count('range-mismatch');
  if (unsat > 0) drift.push(chip('unsatisfiable', `unsatisfiable ${unsat}`));
  if (ranges > 0) drift.push(chip('range', `range mismatch ${ranges}`));
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const conflicts = s.conflicts.length + unsat + ranges;
  return `<dl class="figures">
${figure('Services', String(s.services))}
${figure('Manifests', String(s.manifests))}
${figure('Declarations', String(s.declarations))}
${figure('Distinct packages', String(s.distinctPackages))}
${figure('Shared by 2+ services', String(s.sharedPackages))}
${figure('Duplication ratio', `${(s.duplicationRatio * 100).toFixed(1)}%`)}
${figure('Shared-base candidates', String(s.baseCandidates.length))}
${figure('Findings', `${r.findings.length} <span class="small muted">(${errors} error${errors === 1 ? '' : 's'})</span>`)}
${figure('Conflicts by drift class', `${conflicts}<br>${drift.join(' ')}`, ' wide')}
</dl>`;
}

function legendHtml(): string {
  return `<ul class="legend" aria-label="Legend">${CELL_CLASSES.map((c) => `<li>${chip(c, c)}<span class="muted">${escapeHtml(MEANING[c])}</span></li>`).join('')}
<li><span class="dir" aria-hidden="true">↓↑</span><span class="muted">lower / higher than the most common</span></li>
<li><span class="base">★ base</span><span class="muted">proposed for the shared base</span></li></ul>`;
}

function filtersHtml(): string {
  const classes = CELL_CLASSES.map((c) => `<option value="${c}">${SYMBOL[c]} ${c}</option>`).join('');
  return `<form id="filters" class="filters" role="search" aria-label="Filter the matrix">
<label for="f-name">Package<input id="f-name" type="search" placeholder="name contains…" autocomplete="off"></label>
<label for="f-class">Drift class<select id="f-class"><option value="">any</option><option value="drift">any drift</option>${classes}</select></label>
<label for="f-service">Service<select id="f-service"><option value="">all services</option></select></label>
<label for="f-sort">Sort<select id="f-sort"><option value="shared">most shared first</option><option value="drift">most drift first</option><option value="name">name</option></select></label>
<label for="f-size">Rows per page<select id="f-size"><option>25</option><option selected>50</option><option>100</option><option>200</option></select></label>
<label class="check" for="f-base"><input id="f-base" type="checkbox">shared-base candidates only</label>
<button type="reset">Reset</button>
</form>`;
}

export function renderReportHtml(report: ReportJson): string {
  const data = buildMatrix(report);
  const conflictCount = report.findings.filter((f) => CONFLICT_RULES.has(f.rule)).length;
  // Hashes instead of 'unsafe-inline': even markup that slipped through could not run a handler.
  const csp = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(CLIENT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `depaudit report: ${report.summary.services} services, ${report.summary.distinctPackages} packages`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="generator" content="depaudit ${escapeHtml(report.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Dependency drift</h1>
<p class="muted small">depaudit ${escapeHtml(report.tool.version)} · every cell is compared with the package's most common version · paths are relative to the scanned root</p>
</header>
<section aria-labelledby="h-summary">
<h2 id="h-summary" class="sr">Summary</h2>
${summaryHtml(report)}
</section>
<section aria-labelledby="h-matrix">
<h2 id="h-matrix">Services × packages</h2>
${filtersHtml()}
${legendHtml()}
<noscript><p class="empty">The matrix and the conflict list need JavaScript; <code>depaudit report --format json</code> has the same data.</p></noscript>
<div class="bar"><span id="status" role="status" aria-live="polite"></span><span class="pager"><button type="button" id="prev">‹ Previous</button><span id="page"></span><button type="button" id="next">Next ›</button></span></div>
<div id="scroll" class="scroll" tabindex="0" aria-label="Matrix of services and packages"><table id="matrix" class="matrix"><colgroup></colgroup><thead></thead><tbody></tbody></table><p id="empty" class="empty" hidden>No package matches the filters.</p></div>
</section>
<section aria-labelledby="h-conflicts">
<h2 id="h-conflicts">Conflicts <span class="muted small">(${conflictCount}; version-conflict, unsatisfiable and range-mismatch findings; links open the file when this page is saved in the scanned root)</span></h2>
<p id="conflicts-status" class="small muted" role="status"></p>
<table id="conflicts" class="conflicts"><thead><tr><th scope="col">Package</th><th scope="col">Drift</th><th scope="col">Rule</th><th scope="col">Message</th><th scope="col">Where</th></tr></thead><tbody></tbody></table>
<p><button type="button" id="more-conflicts" hidden>Show more conflicts</button></p>
</section>
<footer class="small muted">Generated by depaudit ${escapeHtml(report.tool.version)}. No network access: everything this page shows is embedded in it.</footer>
<script type="application/json" id="depaudit-data">${scriptJson(data)}</script>
<script>${CLIENT}</script>
</body>
</html>
`;
}
