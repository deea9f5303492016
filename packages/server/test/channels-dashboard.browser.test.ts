/**
 * Results per channel in the dashboard served by the real server, in Chromium, on SQLite and a real PostgreSQL 15:
 * six weeks of web answers (the sample data) plus answers by QR code, personal link and e-mail.
 *
 * - The touchpoint page shows each channel's score, interval and n as core summarizes the raw events of that
 *   channel, and a significance note per channel against the one with the most answers.
 * - The filter bar's channel filter, used with the keyboard: choosing QR code turns the overview's numbers into
 *   core's summary of the QR events only, every request and the CSV download carry `channel=qr` (the file holds
 *   QR answers only), the page passes axe in English and Dutch, and clearing the segment brings every channel back.
 *
 * Screenshots go to test-results/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Channel, channelOf, summarizeEvents, type WireEvent } from '@touchpoint/core';
import { seededRandom } from '@touchpoint/core/sample';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboard } from '../src/dashboard/ensure-dashboard';
import { seedSampleData } from '../src/seed-sample-data';
import { type RunningServer, startServer } from '../src/serve';
import { surveyKindsOf } from '../src/sites/site';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { parseCsv } from './support/parse-csv';
import { SHOP_SECRET, testSite } from './support/sites';
import { cspViolations, watchedPage } from './support/watched-page';

const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const signed = new Intl.NumberFormat('en', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const two = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A score as an English reader sees it (independent of the dashboard's own formatting). */
const shown = (metric: string, value: number) =>
  metric === 'nps'
    ? signed.format(value)
    : metric === 'csat'
      ? percent.format(value / 100)
      : two.format(value);

const dashboardDir = mkdtempSync(join(tmpdir(), 'touchpoint-channels-dashboard-'));
let dashboard: Promise<{ dir: string }> | undefined;
afterAll(() => rmSync(dashboardDir, { recursive: true, force: true }));

/** NPS answers of one channel at checkout.completed over the last days: scores drawn from `scores`. */
function channelAnswers(
  channel: Channel,
  count: number,
  scores: readonly number[],
  now: number,
): WireEvent[] {
  const random = seededRandom(channel.length * 31 + count);
  const events: WireEvent[] = [];
  for (let i = 0; i < count; i++) {
    const at = now - (1 + Math.floor(random() * 20)) * 86_400_000;
    const base = {
      v: 1 as const,
      surveyId: 'nps-checkout',
      touchpoint: 'checkout.completed',
      responseId: randomUUID(),
      context: { path: '/s/nps-checkout', channel },
      visitor: { id: `${channel}-${i}` },
    };
    events.push({ ...base, id: randomUUID(), type: 'shown', at: new Date(at).toISOString() });
    events.push({
      ...base,
      id: randomUUID(),
      type: 'completed',
      at: new Date(at + 5000).toISOString(),
      answers: [{ questionId: 'score', type: 'nps', value: scores[Math.floor(random() * scores.length)]! }],
    });
  }
  return events;
}

describe.skipIf(!browserAvailable()).each(databaseKinds())(
  'per-channel results in the dashboard on $name, in Chromium',
  (kind) => {
    const site = testSite();
    let database: TestDatabase;
    let store: Store;
    let server: RunningServer;
    let browser: BrowserHandle;
    let page: Page;

    const problems: string[] = [];
    const results: URL[] = [];

    beforeAll(async () => {
      if (kind.skip) return;
      // One build for both databases, in a folder of this file's own.
      dashboard ??= ensureDashboard({ dir: join(dashboardDir, 'dist') });
      const { dir } = await dashboard;
      database = await kind.start();
      store = await database.openStore();
      await store.registerSurveys(site.id, surveyKindsOf(site.config));
      const now = Date.now();
      await seedSampleData(store, { site: site.id, now });
      const extra = [
        ...channelAnswers('qr', 90, [2, 4, 5, 6, 6, 7, 8, 9, 10], now),
        ...channelAnswers('link', 60, [7, 8, 9, 9, 10, 10], now),
        ...channelAnswers('email', 40, [6, 8, 9, 10], now),
      ];
      const sentAt = new Date(now).toISOString();
      for (let i = 0; i < extra.length; i += 100) {
        await store.ingest([
          { site: site.id, batch: { sentAt, events: extra.slice(i, i + 100) }, receivedAt: now },
        ]);
      }
      server = await startServer({
        store,
        sites: [site],
        port: 0,
        host: '127.0.0.1',
        dashboardDir: dir,
        hostedScript: null,
        log: () => {},
      });
      browser = await launchBrowser();
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
      page = await watchedPage(context, problems);
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/v1/results/')) results.push(url);
      });
      mkdirSync(SHOTS, { recursive: true });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await database?.stop();
    });

    it.skipIf(kind.skip)(
      "shows each channel's score, interval and n side by side with a significance note",
      async () => {
        const ranges: URL[] = [];
        page.on('request', (request) => {
          const url = new URL(request.url());
          if (url.pathname === '/v1/results/segments' && url.searchParams.get('by') === 'channel')
            ranges.push(url);
        });
        await page.goto(`${server.url}/`);
        await page.getByLabel('Results key').fill(SHOP_SECRET);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('link', { name: 'checkout.completed' }).first().click();
        const panel = page.locator('section[aria-labelledby="channels-title"]');
        await panel.locator('.channel-sides').waitFor();
        const query = ranges.at(-1)!;
        const from = query.searchParams.get('from')!;
        const to = query.searchParams.get('to')!;
        const kinds = new Map(surveyKindsOf(site.config).map((kind) => [kind.surveyId, kind]));
        const raw = (await store.events(site.id))
          .filter((s) => s.day >= from && s.day <= to)
          .map((s) => s.event);
        const names: Record<Channel, string> = {
          web: 'Website',
          link: 'Link',
          email: 'E-mail',
          qr: 'QR code',
        };
        for (const channel of ['web', 'link', 'email', 'qr'] as const) {
          const summary = summarizeEvents(
            raw.filter((e) => channelOf(e.context) === channel),
            { metricOf: (surveyId) => kinds.get(surveyId) },
          ).find((row) => row.touchpoint === 'checkout.completed')!;
          const side = panel.locator(`.compare-side[data-channel="${channel}"]`);
          expect(await side.locator('h3').textContent()).toBe(names[channel]);
          expect(await side.locator('.score-value').textContent()).toBe(signed.format(summary.score!));
          const text = await side.textContent();
          expect(text).toContain(`${signed.format(summary.ci!.low)} to ${signed.format(summary.ci!.high)}`);
          expect(text).toContain(`Answers: ${summary.n}`);
        }
        // Web has the most answers: each other channel is compared with it, in words.
        expect(await panel.locator('.verdict').count()).toBe(3);
        const qr = await panel.locator('.verdict[data-channel="qr"]').textContent();
        expect(qr).toMatch(/NPS was \d+ points? lower in QR code than in Website\./);
        expect(qr).toMatch(/(Not significant|Significant) at 95 %/);
        await panel.screenshot({ path: join(SHOTS, `touchpoint-per-channel-${kind.name}.png`) });
      },
    );

    it.skipIf(kind.skip)(
      "filters every request by channel: the overview becomes core's summary of the QR answers, the CSV too",
      async () => {
        await page.goto(`${server.url}/#/`);
        await page.locator('table.overview-table').waitFor();
        const rows = page.locator('tr.touchpoint-row');
        await expect.poll(() => rows.count()).toBe(4);

        // With the keyboard only: from the page path field, Tab to the channel, pick QR code, Tab on to Apply.
        await page.getByLabel('Page path').focus();
        await page.keyboard.press('Tab');
        const channel = page.getByRole('form', { name: 'Date range and segment' }).getByLabel('Channel');
        expect(await channel.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
        expect(await channel.locator('option').allTextContents()).toEqual([
          'All channels',
          'Website',
          'Link',
          'E-mail',
          'QR code',
        ]);
        for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
        expect(await channel.inputValue()).toBe('qr');
        const before = results.length;
        // The site names customer attributes as segments: their choice comes next, left at all customers.
        await page.keyboard.press('Tab');
        const attribute = page
          .getByRole('form', { name: 'Date range and segment' })
          .getByLabel('Customer attribute');
        expect(await attribute.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
        await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement.textContent')).toBe('Apply');
        await page.keyboard.press('Enter');

        // Only checkout.completed was answered by QR code: its numbers are core's over the QR events of the range.
        await expect.poll(() => rows.count()).toBe(1);
        const query = results.slice(before).find((url) => url.pathname === '/v1/results/overview')!;
        expect(query.searchParams.get('channel')).toBe('qr');
        const from = query.searchParams.get('from')!;
        const to = query.searchParams.get('to')!;
        const kinds = new Map(surveyKindsOf(site.config).map((k) => [k.surveyId, k]));
        const qrEvents = (await store.events(site.id))
          .filter((s) => s.day >= from && s.day <= to && channelOf(s.event.context) === 'qr')
          .map((s) => s.event);
        const expected = summarizeEvents(qrEvents, { metricOf: (surveyId) => kinds.get(surveyId) });
        expect(expected.map((row) => row.touchpoint)).toEqual(['checkout.completed']);
        const row = expected[0]!;
        const tr = page.locator('tr[data-touchpoint="checkout.completed"]');
        expect(await tr.locator('.answers').textContent()).toBe(String(row.n));
        expect(await tr.locator('.score-value').textContent()).toBe(shown(row.metric, row.score!));
        expect(await tr.locator('.interval-text').textContent()).toBe(
          `${shown(row.metric, row.ci!.low)} to ${shown(row.metric, row.ci!.high)}`,
        );
        expect(results.slice(before).every((url) => url.searchParams.get('channel') === 'qr')).toBe(true);
        expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
        await page.screenshot({
          path: join(SHOTS, `dashboard-channel-filter-${kind.name}.png`),
          fullPage: true,
        });

        // The CSV download asks for the QR answers only, and gets them.
        const [csv] = await Promise.all([
          page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/results/export.csv'),
          page.getByRole('button', { name: 'Responses' }).click(),
        ]);
        expect(new URL(csv.url()).searchParams.get('channel')).toBe('qr');
        // The same request again from the test (Playwright keeps no body of a download read as a Blob).
        const file = await fetch(csv.url(), { headers: { Authorization: `Bearer ${SHOP_SECRET}` } });
        const [header, ...records] = parseCsv(await file.text());
        const column = header!.indexOf('channel');
        expect(column).toBeGreaterThan(-1);
        expect(records.length).toBe(row.n);
        expect(new Set(records.map((record) => record[column]))).toEqual(new Set(['qr']));

        // The touchpoint page of the filtered overview: every panel asks for the QR answers only.
        const opened = results.length;
        await page.getByRole('link', { name: 'checkout.completed' }).first().click();
        await page.locator('.verbatim-list, .verbatims .empty').first().waitFor();
        await page.locator('section[aria-labelledby="channels-title"] .compare-side').first().waitFor();
        // The list of customer attributes (for the breakdown's choices) is the site's, not a result to filter.
        const asked = results.slice(opened).filter((url) => url.pathname !== '/v1/results/attributes');
        expect(new Set(asked.map((url) => url.pathname.split('/').at(-1)))).toEqual(
          new Set(['overview', 'trend', 'compare', 'segments', 'verbatims']),
        );
        expect(asked.every((url) => url.searchParams.get('channel') === 'qr')).toBe(true);
        // The per-channel panel has the one channel left.
        expect(
          await page
            .locator('section[aria-labelledby="channels-title"] .compare-side')
            .getAttribute('data-channel'),
        ).toBe('qr');

        // In Dutch: the same filter in Dutch words, still axe-clean.
        await page.getByRole('button', { name: 'Nederlands' }).click();
        const filtersNl = page.getByRole('form', { name: 'Periode en segment' });
        await expect.poll(() => filtersNl.getByLabel('Kanaal').count()).toBe(1);
        expect(await filtersNl.getByLabel('Kanaal').locator('option').allTextContents()).toEqual([
          'Alle kanalen',
          'Via de website',
          'Via een link',
          'Via e-mail',
          'QR-code',
        ]);
        expect(await filtersNl.getByLabel('Kanaal').inputValue()).toBe('qr');
        expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);

        // Clearing the segment brings every channel back; the address says so (the last four weeks, no filter),
        // and going back returns to the QR filter, the address before.
        await page.getByRole('button', { name: 'Segment wissen' }).click();
        await page.getByRole('button', { name: 'English' }).click();
        await expect.poll(() => new URL(page.url()).hash).toBe('#/touchpoint/checkout.completed/nps');
        await page.goBack();
        await expect.poll(() => channel.inputValue()).toBe('qr');
        expect(new URL(page.url()).hash).toMatch(/^#\/touchpoint\/checkout\.completed\/nps\?.*channel=qr/);
        await page.getByRole('button', { name: 'Clear segment' }).click();
        await page.getByRole('link', { name: 'All touchpoints' }).click();
        await expect.poll(() => rows.count()).toBe(4);
        expect(await channel.inputValue()).toBe('');
        expect(results.at(-1)!.searchParams.get('channel')).toBeNull();
        expect(await cspViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      },
    );
  },
);
