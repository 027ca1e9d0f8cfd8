import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderReportHtml, scriptJson } from '../../src/report/html.js';
import { buildMatrix, type MatrixData, type MatrixRow } from '../../src/report/html/matrix.js';
import { CLIENT } from '../../src/report/html/client.js';
import { CELL_CLASSES } from '../../src/report/html/classify.js';
import { goldenReport } from '../report/golden-helpers.js';
import { largeReport, manifestOf, syntheticReport } from './synthetic.js';

/** The text of every <tag ...>...</tag> element (the page has no nested ones of these). */
const elements = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => ({ attrs: m[1]!, body: m[2]! }));
const embedded = (html: string): MatrixData => {
  const data = elements(html, 'script').find((s) => s.attrs.includes('application/json'));
  return JSON.parse(data!.body) as MatrixData;
};
const row = (data: MatrixData, name: string, ecosystem = 'pypi'): MatrixRow => data.rows.find((r) => r.n === name && r.e === ecosystem)!;
/** Service name -> [label, class, direction] of each declaration in that service. */
function cells(data: MatrixData, r: MatrixRow): Record<string, Array<[string, string, number]>> {
  const out: Record<string, Array<[string, string, number]>> = {};
  for (let k = 0; k < r.d.length; k += 5) {
    const p = r.p[r.d[k + 1]!]!;
    (out[data.services[r.d[k]!]!] ??= []).push([p[0], data.classes[p[1]]!, p[2]]);
  }
  return out;
}

describe('the matrix data for fixtures/seed-platform', async () => {
  const report = await goldenReport('seed-platform');
  const data = buildMatrix(report);

  it('fastapi: 0.116.0 is the reference, market-data-ingestion drifts a minor below it', () => {
    const fastapi = row(data, 'fastapi');
    expect(fastapi.r).toBe('0.116.0');
    expect(cells(data, fastapi)).toEqual({
      'ai-behavioral-nudge-engine': [['0.116.0', 'same', 0]],
      'market-data-ingestion': [['0.104.1', 'minor', -1]],
      'risk-calculation-engine': [['0.116.0', 'same', 0]],
    });
  });

  it('pydantic drifts a major, uvicorn a patch; redis >=5.0 is a range that admits 5.0.1', () => {
    expect(cells(data, row(data, 'pydantic'))['market-data-ingestion']).toEqual([['1.10.13', 'major', -1]]);
    expect(cells(data, row(data, 'uvicorn'))['ai-behavioral-nudge-engine']).toEqual([['0.30.1', 'patch', -1]]);
    expect(cells(data, row(data, 'redis'))['risk-calculation-engine']).toEqual([['>=5.0', 'range', 0]]);
  });

  it('each declaration points at its manifest line', () => {
    const fastapi = row(data, 'fastapi');
    const mdi = fastapi.d.findIndex((_, k) => k % 5 === 0 && data.services[fastapi.d[k]!] === 'market-data-ingestion');
    expect(`${data.paths[fastapi.d[mdi + 2]!]}:${fastapi.d[mdi + 3]}`).toBe('tools/services/market-data-ingestion/requirements.txt:6');
  });

  it('rows: most shared first, then by name; the 21 shared packages are base candidates', () => {
    const shares = data.rows.map((r) => r.s);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    const top = data.rows.filter((r) => r.s === 3).map((r) => r.n);
    expect(top).toEqual([...top].sort());
    expect(top).toHaveLength(21);
    expect(data.rows.filter((r) => r.b === 1).map((r) => r.n)).toEqual(top);
    expect(row(data, 'fastapi').bv).toBe('0.116.0');
    expect(row(data, 'torch').b).toBe(0);
  });

  it('conflicts: each version-conflict, unsatisfiable and range-mismatch finding with its locations', () => {
    expect(data.conflicts.map((c) => `${c.package} ${c.rule} ${c.drift}`)).toEqual([
      'fastapi version-conflict minor',
      'pydantic version-conflict major',
      'redis range-mismatch range',
      'uvicorn version-conflict patch',
    ]);
    const fastapi = data.conflicts[0]!;
    expect(data.rows[fastapi.row]!.n).toBe('fastapi');
    const where: string[] = [];
    for (let k = 0; k < fastapi.l.length; k += 2) where.push(`${data.paths[fastapi.l[k]!]}:${fastapi.l[k + 1]}`);
    expect(where).toEqual([
      'tools/services/ai-behavioral-nudge-engine/requirements.txt:5',
      'tools/services/market-data-ingestion/requirements.txt:6',
      'tools/services/risk-calculation-engine/requirements.txt:5',
    ]);
  });
});

describe('rows keyed by ecosystem and name', () => {
  it('a pypi and an npm package of one name are two rows; the ecosystem is kept; the base candidate is the pypi one', async () => {
    const report = await syntheticReport(['a', 'b'], [
      { name: 'left-pad', decls: [{ service: 'a', specifier: '==1.0' }, { service: 'b', specifier: '==1.1' }] },
      { name: 'left-pad', ecosystem: 'npm', decls: [{ service: 'a', specifier: '1.3.0' }, { service: 'b', specifier: '^2.0.0' }] },
    ], { baseCandidates: [{ package: 'left-pad', services: ['a', 'b'], proposedVersion: '1.1', inBase: false }] });
    const data = buildMatrix(report);
    expect(data.rows.map((r) => `${r.e}:${r.n}:${r.b}`).sort()).toEqual(['npm:left-pad:0', 'pypi:left-pad:1']);
    expect(cells(data, row(data, 'left-pad', 'npm'))).toEqual({ a: [['1.3.0', 'same', 0]], b: [['^2.0.0', 'unsatisfiable', 0]] });
    // A tie between 1.0 and 1.1 goes to the highest, as the shared base's pick does.
    expect(cells(data, row(data, 'left-pad'))).toEqual({ a: [['1.0', 'minor', -1]], b: [['1.1', 'same', 0]] });
  });

  it('constraints (-c) are shown but never the reference; a service with two declarations keeps both', async () => {
    const report = await syntheticReport(['a', 'b', 'c'], [
      {
        name: 'numpy',
        decls: [
          { service: 'a', specifier: '==1.26.0' },
          { service: 'b', specifier: '==2.0.0', constraint: true },
          { service: 'c', specifier: '==2.0.0', constraint: true },
          { service: 'c', specifier: '==1.24.0', marker: 'python_version < "3.9"', line: 9 },
        ],
      },
    ]);
    const data = buildMatrix(report);
    const numpy = row(data, 'numpy');
    expect(numpy.r).toBe('1.26.0');
    expect(numpy.s).toBe(2);
    expect(cells(data, numpy)).toEqual({
      a: [['1.26.0', 'same', 0]],
      b: [['2.0.0', 'major', 1]],
      c: [['2.0.0', 'major', 1], ['1.24.0', 'minor', -1]],
    });
    expect(numpy.p.find((p) => p[0] === '1.24.0')![3]).toBe('python_version < "3.9"');
  });
});

describe('the page', async () => {
  const report = await goldenReport('seed-platform');
  const html = renderReportHtml(report);

  it('is self-contained: no external resource, a CSP that allows only the inline style and script by hash', () => {
    expect(html).not.toMatch(/\ssrc=|<link\b|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    const style = elements(html, 'style')[0]!.body;
    const script = elements(html, 'script').find((s) => s.attrs === '')!.body;
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(script).toBe(CLIENT);
  });

  it('shows the summary figures', () => {
    const figures = Object.fromEntries([...html.matchAll(/<dt>([^<]+)<\/dt><dd>([^<]+)/g)].map((m) => [m[1], m[2]!.trim()]));
    expect(figures).toMatchObject({
      Services: '3',
      Manifests: '3',
      Declarations: '79',
      'Distinct packages': '37',
      'Shared by 2+ services': '21',
      'Duplication ratio': '53.2%',
      'Shared-base candidates': '21',
    });
    expect(html).toMatch(/<span class="chip c-minor"><span class="sym" aria-hidden="true">◑<\/span>minor 1<\/span>/);
    expect(html).toContain('c-major"><span class="sym" aria-hidden="true">●</span>major 1');
  });

  it('every filter is a labelled form control', () => {
    for (const [id, tag] of [['f-name', 'input'], ['f-class', 'select'], ['f-service', 'select'], ['f-sort', 'select'], ['f-size', 'select'], ['f-base', 'input']]) {
      expect(html).toMatch(new RegExp(`<label[^>]*for="${id}"[^>]*>[^<]*<${tag} id="${id}"`));
    }
    expect(html).toContain('<button type="reset">');
    expect(html).toMatch(/<button type="button" id="prev">/);
  });

  it('the legend names every class with its symbol, so colour is never the only signal', () => {
    for (const [cls, sym] of [['same', '✓'], ['range', '∼'], ['patch', '◔'], ['minor', '◑'], ['major', '●'], ['unsatisfiable', '✕'], ['absent', '–']]) {
      expect(html).toContain(`<span class="chip c-${cls}"><span class="sym" aria-hidden="true">${sym}</span>${cls}</span>`);
    }
  });

  it('embeds the matrix data, and the same report always gives the same bytes', () => {
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(buildMatrix(report))));
    expect(renderReportHtml(report)).toBe(html);
  });

  it('the inline script is valid JavaScript', () => {
    expect(() => new Function(CLIENT)).not.toThrow();
  });
});

describe('hostile names and paths', () => {
  const hostile = '</script><img src=x onerror=alert(1)><!--';
  it('scriptJson escapes < > & and U+2028/9, and parses back to the same value', () => {
    const value = { s: `${hostile}&\u2028\u2029` };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('a package name, service and path holding </script> cannot leave the data block', async () => {
    const service = `svc${hostile}`;
    const report = await syntheticReport([service, 'b'], [
      { name: `pkg${hostile}`, decls: [{ service, specifier: '==1.0', manifest: `dir${hostile}/requirements.txt` }, { service: 'b', specifier: '==2.0' }] },
    ], { findings: [{ rule: 'version-conflict', package: `pkg${hostile}`, message: `m${hostile}`, locations: [{ path: `dir${hostile}/requirements.txt`, line: 1 }], data: { drift: 'major' } }] });
    const html = renderReportHtml(report);
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toMatch(/<img|<!--/i);
    const data = embedded(html);
    expect(data.rows[0]!.n).toBe(`pkg${hostile}`);
    expect(data.services).toContain(service);
    expect(data.paths).toContain(`dir${hostile}/requirements.txt`);
    expect(data.conflicts[0]!.message).toBe(`m${hostile}`);
  });

  it('the tool version is escaped in the static part', async () => {
    const report = await syntheticReport(['a'], [{ name: 'x', decls: [{ service: 'a', specifier: '==1' }] }]);
    const html = renderReportHtml({ ...report, tool: { ...report.tool, version: '<b>1</b>' } });
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;b&#62;1&#60;/b&#62;');
  });
});

describe('200 services x 800 packages', async () => {
  const report = await largeReport(200, 800);
  const declarations = report.packages.reduce((n, p) => n + p.services.reduce((m, s) => m + s.declarations.length, 0), 0);
  const html = renderReportHtml(report);

  it('the page stays a few bytes per declaration: no cell is rendered ahead of time', () => {
    expect(declarations).toBeGreaterThan(100_000);
    expect(html.length).toBeLessThan(declarations * 20 + 100_000);
    // The static page holds empty tables; the script renders one page of rows at a time.
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    expect(markup.match(/<tr\b/g)).toHaveLength(1);
    expect(markup.match(/<t[dh]\b/g)).toHaveLength(5);
    expect(markup).toContain('<table id="matrix" class="matrix"><colgroup></colgroup><thead></thead><tbody></tbody></table>');
  });

  it('all 800 rows and 200 services are in the data, most shared first', () => {
    const data = embedded(html);
    expect(data.services).toHaveLength(200);
    expect(data.rows).toHaveLength(800);
    expect(data.rows[0]!.s).toBe(200);
    expect(data.rows.at(-1)!.s).toBeLessThan(data.rows[0]!.s);
  });
});

// Keeps the helper honest: declarations land in the manifest they name.
it('synthetic reports put each declaration in its service manifest', async () => {
  const report = await syntheticReport(['a'], [{ name: 'x', decls: [{ service: 'a', specifier: '==1' }] }]);
  expect(report.packages[0]!.services[0]!.declarations[0]!.manifest).toBe(manifestOf('a'));
});

describe('cells show a constraint as written', () => {
  it('polyglot-platform: Poetry ^0.110 is shown as written and classed by its PEP 440 meaning (no version meets it and 0.116.0)', async () => {
    const data = buildMatrix(await goldenReport('polyglot-platform'));
    const fastapi = data.rows.find((r) => r.n === 'fastapi' && r.e === 'pypi')!;
    const poetry = fastapi.p.find((cell) => cell[0] === '^0.110');
    expect(poetry).toBeDefined();
    expect(poetry![1]).toBe(CELL_CLASSES.indexOf('unsatisfiable'));
  });
});
