// @vitest-environment node
/**
 * The built dashboard in real Chromium, served the way the server will serve it (static files at `/`, a
 * strict `Content-Security-Policy: default-src 'self'`), with `/v1/results/*` answered from core's
 * computations over core's sample events. Signs in, checks the overview's numbers, tabs through the charts,
 * reads the trend chart with the keyboard, runs axe, and saves screenshots under test-results/.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import {
  type BrowserHandle,
  browserAvailable,
  launchBrowser,
  type StaticServer,
  startStaticServer,
} from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createFakeResultsApi,
  expectedOverview,
  RESULTS_KEY,
  SAMPLE_TODAY,
  sampleEvents,
} from './fake-results-api';

const CSP = "default-src 'self'";
const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[`/${relative(dir, full).split('\\').join('/')}`] = full;
    }
  };
  walk(dir);
  return out;
}

/** The overview's figures as an English reader sees them (independent of the app's own formatting code). */
const en = {
  signed: new Intl.NumberFormat('en', { maximumFractionDigits: 0, signDisplay: 'exceptZero' }),
  percent: new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }),
  two: new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};
const shown = (metric: string, value: number) =>
  metric === 'nps'
    ? en.signed.format(value)
    : metric === 'csat'
      ? en.percent.format(value / 100)
      : en.two.format(value);

async function tabUntil(page: Page, found: () => Promise<boolean>, limit = 80): Promise<boolean> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await found()) return true;
  }
  return false;
}

describe.skipIf(!browserAvailable())('the built dashboard in Chromium', () => {
  // The sample data's eight weeks, and the page's clock on their last day (SAMPLE_TODAY, a Sunday), so the
  // dashboard's own default range (the last 28 days) has answers and the trend's last week is a whole one, whatever
  // day the suite runs (data ending on the real today left that week empty on Mondays).
  const events = sampleEvents();
  const api = createFakeResultsApi({ events });
  let server: StaticServer;
  let browser: BrowserHandle;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const dist = inject('dashboardDist');
    const files = filesOf(dist);
    const { '/index.html': indexFile, ...assets } = files;
    server = await startStaticServer({
      pages: { '/': { body: readFileSync(indexFile!, 'utf8'), csp: CSP } },
      files: assets,
      onRequest: (request) =>
        request.path.startsWith('/v1/results/')
          ? api.answer(request.path, request.headers.authorization ?? null)
          : undefined,
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    await page.clock.setFixedTime(SAMPLE_TODAY);
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with the key in a header, never in the URL, under a strict CSP', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in to your results' }).waitFor();
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'dashboard-sign-in.png') });
    await page.getByLabel('Results key').fill(RESULTS_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Touchpoints' }).waitFor();
    await page.locator('table.overview-table').waitFor();

    expect(page.url()).not.toContain(RESULTS_KEY);
    const resultCalls = server.requests.filter((r) => r.path.startsWith('/v1/results/'));
    expect(resultCalls.length).toBeGreaterThan(0);
    for (const call of resultCalls) {
      expect(call.path).not.toContain(RESULTS_KEY);
      expect(call.headers.authorization).toBe(`Bearer ${RESULTS_KEY}`);
    }
    expect(await page.evaluate(() => sessionStorage.getItem('touchpoint.resultsKey'))).toBe(RESULTS_KEY);
  });

  it("shows every touchpoint with core's score, interval and n", async () => {
    const call = api.calls.filter((c) => c.path === '/v1/results/overview').at(-1)!;
    const expected = expectedOverview(events, call.params.get('from')!, call.params.get('to')!);
    expect(expected.rows.length).toBe(4);
    for (const row of expected.rows) {
      const measure =
        row.metric === 'ces' && row.scale.max === 5 ? 'ces5' : row.metric === 'ces' ? 'ces7' : row.metric;
      const tr = page.locator(`tr[data-touchpoint="${row.touchpoint}"][data-measure="${measure}"]`);
      await expect.poll(() => tr.count()).toBe(1);
      const text = await tr.textContent();
      expect(text).toContain(row.touchpoint);
      expect(await tr.locator('.answers').textContent()).toBe(String(row.n));
      expect(await tr.locator('.score-value').textContent()).toBe(shown(row.metric, row.score!));
      expect(await tr.locator('.interval-text').textContent()).toBe(
        `${shown(row.metric, row.ci!.low)} to ${shown(row.metric, row.ci!.high)}`,
      );
      if (row.smallSample) expect(text).toMatch(/Only \d+ answers\. With fewer than 30/);
    }
    await page.screenshot({ path: join(SHOTS, 'dashboard-overview.png'), fullPage: true });
  });

  it('reaches every overview chart with the Tab key, and passes axe', async () => {
    const charts = await page.locator('svg.chart').count();
    expect(charts).toBeGreaterThanOrEqual(8);
    await page.locator('body').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 80 && reached.size < charts; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const el = document.activeElement;
        return el instanceof SVGElement && el.classList.contains('chart')
          ? el.getAttribute('aria-label')
          : null;
      });
      if (label !== null) reached.add(label);
    }
    expect(reached.size).toBe(charts);
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
  });

  it('opens a touchpoint page whose trend chart reads out its points by keyboard', async () => {
    await page.getByRole('link', { name: 'checkout.completed' }).first().click();
    await page.getByRole('heading', { name: 'Answers by score' }).waitFor();
    await page.locator('svg.chart.trend').waitFor();
    await page.locator('.verbatim-list').waitFor();
    await page.locator('.compare-result').waitFor();
    await page.locator('.segments-table').waitFor();
    expect(page.url()).toContain('#/touchpoint/checkout.completed/nps');

    const onTrend = await tabUntil(page, () =>
      page.evaluate(() => document.activeElement?.classList.contains('trend') ?? false),
    );
    expect(onTrend).toBe(true);
    const readout = page.locator('.readout');
    const last = await readout.textContent();
    expect(last).toMatch(/^Week of .+: [+-]?\d+ \(95 % interval .+\), \d+ answers$/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => readout.textContent()).not.toBe(last);
    await page.keyboard.press('Home');
    expect(await readout.textContent()).toMatch(/^Week of /);

    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
    // The hint under the chart is small print beside the readout, not body text.
    const sizes = await page.evaluate(() => {
      const px = (selector: string) =>
        Number.parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize);
      return { hint: px('figcaption .hint'), readout: px('figcaption .readout') };
    });
    expect(sizes.hint).toBeLessThan(sizes.readout);
    await page.keyboard.press('End');
    await page.screenshot({ path: join(SHOTS, 'dashboard-touchpoint.png'), fullPage: true });
    await page.locator('.panels').screenshot({ path: join(SHOTS, 'dashboard-charts.png') });
  });

  it('switches to Dutch and still passes axe', async () => {
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: 'Antwoorden per score' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
    await page.getByRole('link', { name: 'Alle contactmomenten' }).click();
    await page.locator('table.overview-table').waitFor();
    await page.screenshot({ path: join(SHOTS, 'dashboard-overview-nl.png'), fullPage: true });
    // A phone-sized window (390 px): neither the page nor the table scrolls sideways, and every touchpoint's
    // score, interval and answers are on screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'dashboard-overview-narrow.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const table = await page.evaluate(() => {
      const box = document.querySelector('.table-scroll')!;
      const cells = [...document.querySelectorAll('.score-cell, .interval-cell, .answers-cell')];
      return {
        overflow: box.scrollWidth - box.clientWidth,
        cells: cells.length,
        offScreen: cells.filter((cell) => {
          const r = cell.getBoundingClientRect();
          return r.width === 0 || r.right > 390 || r.left < 0;
        }).length,
      };
    });
    expect(table.cells).toBeGreaterThanOrEqual(12);
    expect(table).toMatchObject({ overflow: 0, offScreen: 0 });
    await page.getByText('Op een smal scherm staan de wekelijkse trend').waitFor();
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
  });

  it('opens a link to a filtered view, in a new tab after signing in, on the filters it carries', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    try {
      const tab = await context.newPage();
      await tab.clock.setFixedTime(SAMPLE_TODAY);
      tab.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      tab.on('pageerror', (error) => problems.push(error.message));
      const to = SAMPLE_TODAY.toISOString().slice(0, 10);
      const from = new Date(SAMPLE_TODAY.getTime() - 13 * 86_400_000).toISOString().slice(0, 10);
      const link = `${server.url}/#/touchpoint/checkout.completed/nps?from=${from}&to=${to}&device=mobile`;
      const before = server.requests.length;
      await tab.goto(link);
      // A new tab has no key: the reader signs in, and lands on the view the link names.
      await tab.getByLabel('Results key').fill(RESULTS_KEY);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('heading', { name: 'checkout.completed' }).waitFor();
      await expect
        .poll(
          () => server.requests.slice(before).filter((r) => r.path.startsWith('/v1/results/trend')).length,
        )
        .toBeGreaterThan(0);
      const asked = server.requests
        .slice(before)
        .filter((r) => r.path.startsWith('/v1/results/') && !r.path.startsWith('/v1/results/attributes'))
        .map((r) => new URL(r.path, server.url).searchParams);
      expect(asked.length).toBeGreaterThan(0);
      for (const params of asked) {
        expect(params.get('device')).toBe('mobile');
        // The period comparison names its two ranges `a.` and `b.`; every other request the link's range.
        if (params.has('a.from')) expect(params.get('a.to')).toBe(to);
        else expect([params.get('from'), params.get('to')]).toEqual([from, to]);
      }
      const filterBar = tab.getByRole('form', { name: 'Date range and segment' });
      expect(await filterBar.getByLabel('From').inputValue()).toBe(from);
      expect(await filterBar.getByLabel('Device').inputValue()).toBe('mobile');

      // Another filter applied there: the address is the link to the new view.
      await filterBar.getByLabel('Device').selectOption('desktop');
      await filterBar.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(() => new URL(tab.url()).hash)
        .toBe(`#/touchpoint/checkout.completed/nps?from=${from}&to=${to}&device=desktop`);
      expect(await new AxeBuilder({ page: tab }).analyze().then((r) => r.violations)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('logged no errors, no CSP violations and no warnings', () => {
    expect(problems).toEqual([]);
  });
});
