/**
 * The real server over HTTP on 127.0.0.1, with the demo's sample data seeded so that it ends today, and the built
 * dashboard in real Chromium: sign in with the results key, and the overview shows core's score, interval and n
 * for every touchpoint of the range, under the server's Content-Security-Policy with no violation, and passes axe.
 * A screenshot goes to test-results/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { summarizeEvents } from '@touchpoint/core';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboard } from '../src/dashboard/ensure-dashboard';
import { DASHBOARD_CSP } from '../src/http/dashboard-files';
import { seedSampleData } from '../src/seed-sample-data';
import { type RunningServer, startServer } from '../src/serve';
import { surveyKindsOf } from '../src/sites/site';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store, StoredEvent } from '../src/store/store';
import { SHOP_KEY, SHOP_SECRET, testSite } from './support/sites';
import { cspViolations, watchedPage } from './support/watched-page';

const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));

/** The overview's figures as an English reader sees them (independent of the dashboard's own formatting). */
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

describe.skipIf(!browserAvailable())('the dashboard served by the server, in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-server-dashboard-'));
  const site = testSite();
  let store: Store;
  let server: RunningServer;
  let browser: BrowserHandle;
  let page: Page;
  let stored: StoredEvent[];
  const problems: string[] = [];
  const overviewRequests: URL[] = [];

  beforeAll(async () => {
    // Built at start the way `touchpoint serve` does it, into a folder of this test's own.
    const dashboard = await ensureDashboard({ dir: join(dir, 'dist') });
    expect(dashboard.built).toBe(true);
    store = await openSqliteStore({ path: join(dir, 'touchpoint.sqlite') });
    await store.registerSurveys(site.id, surveyKindsOf(site.config));
    expect(await seedSampleData(store, { site: site.id, now: Date.now() })).toBeGreaterThan(1000);
    stored = await store.events(site.id);
    server = await startServer({
      store,
      sites: [site],
      port: 0,
      host: '127.0.0.1',
      dashboardDir: dashboard.dir,
      log: () => {},
    });

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    page = await watchedPage(context, problems);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/v1/results/overview') overviewRequests.push(url);
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs in with the results key and shows core's score, interval and n per touchpoint", async () => {
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP.split(';')[0]).toBe("default-src 'self'");
    expect(response?.headers()['cache-control']).toBe('no-cache');
    expect(response?.headers()['set-cookie']).toBeUndefined();

    // The public key is refused, with the server's words beside the dashboard's.
    await page.getByLabel('Results key').fill(SHOP_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/public site key/).waitFor();

    await page.getByLabel('Results key').fill(SHOP_SECRET);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('table.overview-table').waitFor();
    expect(page.url()).not.toContain(SHOP_SECRET);

    const query = overviewRequests.at(-1)!;
    expect(query.search).not.toContain(SHOP_SECRET);
    const from = query.searchParams.get('from')!;
    const to = query.searchParams.get('to')!;
    expect(to).toBe(new Date().toISOString().slice(0, 10));
    const kinds = new Map(surveyKindsOf(site.config).map((kind) => [kind.surveyId, kind]));
    const expected = summarizeEvents(
      stored.filter((s) => s.day >= from && s.day <= to).map((s) => s.event),
      { metricOf: (surveyId) => kinds.get(surveyId) },
    );
    expect(expected.length).toBe(4);
    for (const row of expected) {
      const measure =
        row.metric === 'ces' && row.scale.max === 5 ? 'ces5' : row.metric === 'ces' ? 'ces7' : row.metric;
      const tr = page.locator(`tr[data-touchpoint="${row.touchpoint}"][data-measure="${measure}"]`);
      await expect.poll(() => tr.count()).toBe(1);
      expect(await tr.locator('.answers').textContent()).toBe(String(row.n));
      expect(await tr.locator('.score-value').textContent()).toBe(shown(row.metric, row.score!));
      expect(await tr.locator('.interval-text').textContent()).toBe(
        `${shown(row.metric, row.ci!.low)} to ${shown(row.metric, row.ci!.high)}`,
      );
    }
    await page.screenshot({ path: join(SHOTS, 'server-dashboard-overview.png'), fullPage: true });
  });

  it('holds its CSP with no violation, and passes axe', async () => {
    // A touchpoint page too: trend, compare, segments and verbatims all come from the real API.
    await page.getByRole('link', { name: 'checkout.completed' }).first().click();
    await page.locator('.verbatim-list').waitFor();
    await page.locator('.segments-table').waitFor();
    await page.locator('.compare-result').waitFor();
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'server-dashboard-touchpoint.png'), fullPage: true });
    await page.goBack();
    await page.locator('table.overview-table').waitFor();
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });
});
