// report.html in a real headless Chromium (Debian's `chromium`, driven by playwright-core):
// the page loads from file:// with no console errors and no network requests, every chart
// figure has drawn marks, and a full-page screenshot is saved under results/ (CI artifact).
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './run-cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

describe('report.html in headless Chromium', () => {
  let dir = '';
  let browser: Browser | null = null;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium); this test must not be skipped`,
      );
    }
    dir = join(mkdtempSync(join(tmpdir(), 'clvlab-chromium-')), 'run');
    const r = await runCli([
      'bench',
      '--customers',
      '600',
      '--models',
      'calibration-frequency,historical-rate,rfm-segment,ziln-mlp,oracle',
      '--workers',
      '2',
      '--out',
      dir,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads from file:// without console errors or network, with marks in every chart, and saves a screenshot', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const external: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) external.push(req.url());
    });
    const response = await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    expect(response?.ok()).toBe(true);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    expect(await page.locator('table.leaderboard tbody tr').count()).toBe(5);
    // The chart's legend names each model's family as the table does: ziln-mlp is a neural
    // model without a sequence, not an encoder.
    const zilnFamily = await page
      .locator('table.leaderboard tbody tr', { hasText: 'ziln-mlp' })
      .first()
      .locator('td')
      .nth(1)
      .textContent();
    expect(zilnFamily?.trim()).toBe('neural, no sequence');
    const legend = await page.locator('#synthetic-leaderboard g[class*="legend"] text').allTextContents();
    expect(legend).toContain('neural, no sequence');
    expect(legend).not.toContain('encoder');
    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => ({
        id: f.id,
        svg: f.querySelectorAll('svg').length,
        // Vega's SVG renderer draws rect/line/symbol marks as <path> elements inside g.mark-* groups.
        marks: f.querySelectorAll('g[class^="mark-"] path, g[class^="mark-"] line, g[class^="mark-"] rect').length,
        width: f.getBoundingClientRect().width,
      })),
    );
    expect(charts.map((c) => c.id)).toEqual([
      'synthetic-leaderboard',
      'synthetic-deciles',
      'synthetic-gain',
      'synthetic-calibration',
      'synthetic-profit',
      'synthetic-qini',
    ]);
    for (const c of charts) {
      expect(c.svg, c.id).toBe(1);
      expect(c.marks, c.id).toBeGreaterThan(0);
      expect(c.width, c.id).toBeGreaterThan(100);
    }
    const out = join(REPO_ROOT, 'results');
    mkdirSync(out, { recursive: true });
    const shot = join(out, 'report-chromium.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    await page.close();
  });
});
