/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core. The seed
 * report comes from the built CLI (`npm test` builds first); the hostile and the 200 x 800
 * pages are rendered in process. Skipped, with a warning, where /usr/bin/chromium is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderReportHtml } from '../../src/report/html.js';
import { largeReport, syntheticReport } from './synthetic.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const repo = path.resolve(import.meta.dirname, '../..');
const SEED_SERVICES = ['ai-behavioral-nudge-engine', 'market-data-ingestion', 'risk-calculation-engine'];

if (!hasChromium) console.warn(`${CHROMIUM} not found: the HTML report browser test is skipped (install Debian's chromium package to run it; .ci/run does)`);

describe(hasChromium ? 'HTML report in headless Chromium' : `HTML report in headless Chromium: skipped, ${CHROMIUM} not found`, () => {
  let browser: Browser;
  let dir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    dir = mkdtempSync(path.join(os.tmpdir(), 'depaudit-html-'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `html` from a file:// URL; console errors and uncaught exceptions are collected. */
  async function open(html: string, name: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const file = path.join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${name}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`${name}: dialog ${d.message()}`); void d.dismiss(); });
    await page.goto(pathToFileURL(file).href);
    return page;
  }
  const serviceHeaders = (page: Page) => page.locator('#matrix thead th.svc').allTextContents();

  describe('fixtures/seed-platform, from the built CLI', () => {
    let page: Page;
    beforeAll(async () => {
      if (!hasChromium) return;
      const cli = path.join(repo, 'dist/cli.js');
      if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build first');
      const html = execFileSync(process.execPath, [cli, 'report', 'fixtures/seed-platform', '--format', 'html'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
      page = await open(html, 'seed.html');
    }, 60_000);

    it.skipIf(!hasChromium)('the fastapi row shows 0.116.0 twice and 0.104.1 marked as minor drift, in the service columns', async () => {
      expect(await serviceHeaders(page)).toEqual(SEED_SERVICES);
      const row = page.locator('#matrix tbody tr[data-package="fastapi"]');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('td.ref').textContent()).toBe('0.116.0');
      const cells = row.locator('td.c');
      expect(await cells.evaluateAll((tds) => tds.map((td) => [td.className, td.querySelector('a')!.textContent]))).toEqual([
        ['c c-same', '0.116.0'],
        ['c c-minor', '0.104.1'],
        ['c c-same', '0.116.0'],
      ]);
      const minor = cells.nth(1);
      // Not only colour: a symbol, words for screen readers, an arrow, and the file:line in the title.
      expect(await minor.locator('.sym').textContent()).toBe('◑');
      expect(await minor.locator('.sr').textContent()).toBe('minor drift, lower: ');
      expect(await minor.locator('.dir').textContent()).toBe('↓');
      await minor.hover();
      expect(await minor.getAttribute('title')).toBe('market-data-ingestion: minor drift against 0.116.0\n0.104.1  tools/services/market-data-ingestion/requirements.txt:6');
      expect(await minor.locator('a').getAttribute('href')).toBe('./tools/services/market-data-ingestion/requirements.txt');
      const colours = await cells.evaluateAll((tds) => tds.map((td) => td.ownerDocument.defaultView!.getComputedStyle(td).backgroundColor));
      expect(colours[1]).not.toBe(colours[0]);
      expect(await row.locator('th .base').textContent()).toBe('★ base');
    });

    it.skipIf(!hasChromium)('each conflict lists its file:line locations as links', async () => {
      const fastapi = page.locator('#conflicts tbody tr[data-package="fastapi"]');
      expect(await fastapi.locator('a').allTextContents()).toEqual([
        'tools/services/ai-behavioral-nudge-engine/requirements.txt:5',
        'tools/services/market-data-ingestion/requirements.txt:6',
        'tools/services/risk-calculation-engine/requirements.txt:5',
      ]);
      expect(await fastapi.locator('.chip').textContent()).toBe('◑minor');
    });

    it.skipIf(!hasChromium)('filtering by service hides the other services and the packages it does not declare', async () => {
      await page.selectOption('#f-service', { label: 'market-data-ingestion' });
      expect(await serviceHeaders(page)).toEqual(['market-data-ingestion']);
      const fastapi = page.locator('#matrix tbody tr[data-package="fastapi"]');
      expect(await fastapi.locator('td.c').allTextContents()).toEqual(['◑minor drift, lower: 0.104.1↓']);
      const packages = await page.locator('#matrix tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-package')));
      expect(packages).toContain('scipy');
      expect(packages).not.toContain('torch');
      expect(packages).toHaveLength(27);
      expect(await page.locator('#matrix td.c-absent').count()).toBe(0);
      await page.selectOption('#f-service', '');
      expect(await serviceHeaders(page)).toEqual(SEED_SERVICES);
    });

    it.skipIf(!hasChromium)('the drift class and name filters narrow the rows; sorting by name reorders them', async () => {
      const packages = () => page.locator('#matrix tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-package')));
      await page.selectOption('#f-class', 'minor');
      expect(await packages()).toEqual(['fastapi']);
      await page.selectOption('#f-class', 'drift');
      expect(await packages()).toEqual(['fastapi', 'pydantic', 'uvicorn']);
      await page.selectOption('#f-class', '');
      await page.fill('#f-name', 'PY');
      expect((await packages()).every((p) => p!.includes('py'))).toBe(true);
      await page.selectOption('#f-sort', 'name');
      const sorted = await packages();
      expect(sorted).toEqual([...sorted].sort());
      expect(await page.locator('#conflicts tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-package')))).toEqual(['pydantic']);
      await page.click('button[type=reset]');
      await expect.poll(packages).toHaveLength(37);
    });

    it.skipIf(!hasChromium)('Tab reaches every filter in order, and typing filters', async () => {
      // Clicking the heading moves the sequential focus starting point to the top of the page.
      await page.click('h1');
      const order: string[] = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.locator(':focus').evaluate((e) => e.id || e.tagName));
      }
      expect(order.slice(0, 7)).toEqual(['f-name', 'f-class', 'f-service', 'f-sort', 'f-size', 'f-base', 'BUTTON']);
      await page.locator('#f-name').focus();
      await page.keyboard.type('fastapi');
      await expect.poll(() => page.locator('#matrix tbody tr').count()).toBe(1);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      expect(await page.locator('#f-base').isChecked()).toBe(true);
      await page.click('button[type=reset]');
      await expect.poll(() => page.locator('#matrix tbody tr').count()).toBe(37);
    });

    it.skipIf(!hasChromium)('saves a screenshot to test/artifacts/html-report.png', async () => {
      mkdirSync(path.join(repo, 'test/artifacts'), { recursive: true });
      const file = path.join(repo, 'test/artifacts/html-report.png');
      await page.screenshot({ path: file, fullPage: true });
      expect(existsSync(file)).toBe(true);
      expect(problems).toEqual([]);
    });
  });

  it.skipIf(!hasChromium)('a hostile package name, service and path show as text and run nothing', async () => {
    const hostile = '</script><img src=x onerror=alert(1)><!--';
    const report = await syntheticReport([`svc${hostile}`, 'b'], [
      { name: `pkg${hostile}`, decls: [{ service: `svc${hostile}`, specifier: '==1.0', manifest: `javascript:alert(1)/${hostile}/requirements.txt` }, { service: 'b', specifier: '==2.0' }] },
    ], { findings: [{ rule: 'version-conflict', package: `pkg${hostile}`, message: hostile, locations: [{ path: `javascript:alert(1)/${hostile}/requirements.txt`, line: 1 }], data: { drift: 'major' } }] });
    const page = await open(renderReportHtml(report), 'hostile.html');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#matrix tbody th .name').textContent()).toBe(`pkg${hostile}`);
    expect(await serviceHeaders(page)).toEqual([`svc${hostile}`, 'b']);
    const href = await page.locator('#matrix tbody a').first().getAttribute('href');
    expect(href!.startsWith('./javascript%3Aalert(1)/')).toBe(true);
    await page.locator('#matrix tbody a').first().click({ modifiers: ['Alt'] }).catch(() => undefined);
    expect(problems.filter((p) => p.startsWith('hostile.html'))).toEqual([]);
  });

  it.skipIf(!hasChromium)('200 services x 800 packages: one page of rows and the columns in view; paging, scrolling and filters work', async () => {
    const page = await open(renderReportHtml(await largeReport(200, 800)), 'large.html', { width: 1400, height: 900 });
    const rows = page.locator('#matrix tbody tr');
    const drawnColumns = () => page.locator('#matrix thead th.svc').count();
    expect(await rows.count()).toBe(50);
    // 1400px shows about ten 112px service columns; six more are drawn on each side at most.
    const columns = await drawnColumns();
    expect(columns).toBeGreaterThan(5);
    expect(columns).toBeLessThan(30);
    expect(await page.locator('#matrix tbody td.c').count()).toBe(50 * columns);
    expect(await serviceHeaders(page).then((h) => h[0])).toBe('svc-000');
    expect(await page.locator('#status').textContent()).toBe('Packages 1–50 of 800 matching (800 in all), 200 of 200 services shown.');

    // Scrolled to the right end, the last services are drawn and the first ones are not.
    await page.locator('#scroll').evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    await expect.poll(() => serviceHeaders(page).then((h) => h.at(-1))).toBe('svc-199');
    expect(await serviceHeaders(page)).not.toContain('svc-000');
    expect(await drawnColumns()).toBeLessThan(30);

    await page.click('#next');
    expect(await page.locator('#page').textContent()).toBe('Page 2 of 16');
    expect(await rows.first().getAttribute('data-package')).toBe('package-0050');
    await page.selectOption('#f-size', '200');
    expect(await rows.count()).toBe(200);
    expect(await page.locator('#page').textContent()).toBe('Page 1 of 4');
    await page.selectOption('#f-service', { label: 'svc-199' });
    expect(await serviceHeaders(page)).toEqual(['svc-199']);
    // svc-199 is the last service: only the most shared packages reach it.
    expect(await page.locator('#status').textContent()).toMatch(/^Packages 1–\d+ of \d+ matching \(800 in all\), 1 of 200 services shown\.$/);
    expect(problems.filter((p) => p.startsWith('large.html'))).toEqual([]);
  }, 120_000);
});
