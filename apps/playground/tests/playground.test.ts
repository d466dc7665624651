// The built playground in Debian's headless Chromium (driven by playwright-core): served from
// a loopback port, the CDNOW sample uploaded through the file input as the page's CSV, the
// default cutoff (75% of the span) then 1997-10-01: BG/NBD parameters within 0.5% of Fader,
// Hardie & Lee (2005), every section drawn, no console errors, no request off the server, and
// a full-page screenshot (temp dir, copied to results/playground/screenshot.png). Also: bad rows
// and strict mode, and the dev server (`npm run playground`) on the gzipped file.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground, PLAYGROUND_DIR } from './build-playground.ts';
import { CDNOW_CUSTOMERS, CDNOW_ROWS, cdnowCsv, PUBLISHED_BG_NBD, REPO_ROOT } from './cdnow-csv.ts';
import { serveStatic, type StaticServer } from './serve-static.ts';

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

describe('playground in headless Chromium', () => {
  let dir = '';
  let server: StaticServer | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium); this test must not be skipped`,
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'clvlab-playground-'));
    expect(await buildPlayground(join(dir, 'dist'))).toEqual([]);
    writeFileSync(join(dir, 'cdnow-sample.csv'), cdnowCsv());
    writeFileSync(join(dir, 'cdnow-sample.csv.gz'), gzipSync(cdnowCsv()));
    server = await serveStatic(join(dir, 'dist'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('fits the CDNOW sample in the page to the published BG/NBD parameters, without console errors', async () => {
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
    const errors = watchErrors(page);
    const foreign: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(server!.url) && !req.url().startsWith('blob:')) foreign.push(req.url());
    });
    const response = await page.goto(server!.url, { waitUntil: 'load' });
    expect(response?.ok()).toBe(true);
    const status = page.getByTestId('status');
    expect(await status.getAttribute('data-state')).toBe('idle');

    await page.getByTestId('file-input').setInputFiles(join(dir, 'cdnow-sample.csv'));
    await page.locator('[data-testid=results][data-cutoff]').waitFor();
    await page.locator('[data-testid=status][data-state=done]').waitFor();
    // default cutoff: 1997-01-01 + 75% of 545 days, floored to a day
    expect(await page.getByTestId('cutoff').inputValue()).toBe('1998-02-13');
    expect(await page.getByTestId('results').getAttribute('data-cutoff')).toBe('1998-02-13');
    const value = async (testid: string): Promise<number> =>
      Number(await page.getByTestId(testid).getAttribute('data-value'));
    expect(await value('rows-read')).toBe(CDNOW_ROWS);
    expect(await value('rows-kept')).toBe(CDNOW_ROWS);
    expect(await value('rows-rejected')).toBe(0);

    await page.getByTestId('cutoff').fill('1997-10-01');
    await page.locator('[data-testid=results][data-cutoff="1997-10-01"]').waitFor();
    await page.locator('[data-testid=status][data-state=done]').waitFor();
    expect(await status.textContent()).toContain(
      `Fitted ${CDNOW_CUSTOMERS.toLocaleString('en-US')} customers (calibration to 1997-09-30)`,
    );
    const fitted = Object.fromEntries(
      await Promise.all(Object.keys(PUBLISHED_BG_NBD).map(async (k) => [k, await value(`bgnbd-${k}`)] as const)),
    );
    for (const [k, published] of Object.entries(PUBLISHED_BG_NBD)) {
      expect(Math.abs(fitted[k] / published - 1), `${k} = ${fitted[k]} vs ${published}`).toBeLessThan(0.005);
      expect(await value(`bgnbd-${k}-se`), `${k} std. error`).toBeGreaterThan(0);
    }
    console.log(`playground BG/NBD in Chromium: ${JSON.stringify(fitted)}`);
    for (const k of ['p', 'q', 'gamma']) expect(await value(`gamma-gamma-${k}`)).toBeGreaterThan(0);

    const segments = await page.$$eval('[data-testid=rfm-segments] tbody tr td:nth-child(2) span', (spans) =>
      spans.map((s) => Number(s.getAttribute('data-value'))),
    );
    expect(segments.reduce((a, b) => a + b, 0)).toBe(CDNOW_CUSTOMERS);
    const top = await page.$$eval('[data-testid=top-customers] tbody tr', (rows) =>
      rows.map((r) => Number(r.querySelector('td:last-child span')!.getAttribute('data-value'))),
    );
    expect(top).toHaveLength(20);
    expect([...top].sort((a, b) => b - a)).toEqual(top);
    const curves = await page.$$eval('[data-testid=gain-chart] polyline', (lines) =>
      lines.map((l) => [l.getAttribute('data-testid'), l.getAttribute('points')!.split(' ').length]),
    );
    expect(curves).toEqual([
      ['curve-lorenz', 101],
      ['curve-model', 101],
    ]);
    expect(await page.getByTestId('download-scores').getAttribute('href')).toMatch(/^blob:/);

    await page.getByTestId('cutoff').blur();
    const shot = join(dir, 'screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    const out = join(REPO_ROOT, 'results', 'playground');
    mkdirSync(out, { recursive: true });
    copyFileSync(shot, join(out, 'screenshot.png'));
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('counts bad rows by reason, and stops at the first one in strict mode with file:line:column', async () => {
    const page = await browser!.newPage();
    const errors = watchErrors(page);
    await page.goto(server!.url, { waitUntil: 'load' });
    const csv = join(dir, 'messy.csv');
    // the sample (lines 2..6920) and two bad rows after it
    writeFileSync(csv, `${cdnowCsv()}0001,1997-02-30,5\n0002,1997-03-02,x\n`);
    await page.getByTestId('file-input').setInputFiles(csv);
    await page.locator('[data-testid=status][data-state=done]').waitFor();
    const value = async (testid: string): Promise<number> =>
      Number(await page.getByTestId(testid).getAttribute('data-value'));
    expect([
      await value('rows-read'),
      await value('rows-kept'),
      await value('rows-rejected'),
      await value('rejected-bad-amount'),
      await value('rejected-bad-timestamp'),
    ]).toEqual([CDNOW_ROWS + 2, CDNOW_ROWS, 2, 1, 1]);
    expect(await page.getByTestId('row-accounting').textContent()).toContain(
      "messy.csv:6922:17: expected amount as a finite number, got 'x'",
    );
    await page.getByTestId('strict').check();
    await page.locator('[data-testid=status][data-state=error]').waitFor();
    expect(await page.getByTestId('status').textContent()).toBe(
      "messy.csv:6921:6: expected timestamp as ISO 8601 (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]) or YYYYMMDD, got '1997-02-30'",
    );
    expect(await page.getByTestId('results').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works the same from the dev server (`npm run playground`), here on the gzipped CSV', async () => {
    const dev = await createServer({
      root: PLAYGROUND_DIR,
      configFile: `${PLAYGROUND_DIR}vite.config.ts`,
      logLevel: 'silent',
      server: { port: 0, strictPort: false },
    });
    try {
      await dev.listen();
      const page = await browser!.newPage();
      const errors = watchErrors(page);
      await page.goto(dev.resolvedUrls!.local[0], { waitUntil: 'load' });
      await page.getByTestId('cutoff').fill('1997-10-01');
      await page.getByTestId('file-input').setInputFiles(join(dir, 'cdnow-sample.csv.gz'));
      await page.locator('[data-testid=results][data-cutoff="1997-10-01"]').waitFor();
      expect(Number(await page.getByTestId('rows-kept').getAttribute('data-value'))).toBe(CDNOW_ROWS);
      await page.locator('[data-testid=status][data-state=done]').waitFor();
      const r = Number(await page.getByTestId('bgnbd-r').getAttribute('data-value'));
      expect(Math.abs(r / PUBLISHED_BG_NBD.r - 1)).toBeLessThan(0.005);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await dev.close();
    }
  });
});

/** Console errors and uncaught page errors, as they come. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
