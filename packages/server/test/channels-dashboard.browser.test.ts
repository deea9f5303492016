/**
 * A touchpoint's score per channel in the dashboard served by the real server, in Chromium: six weeks of web
 * answers (the sample data) plus answers by QR code, personal link and e-mail; the touchpoint page shows each
 * channel's score, interval and n as core summarizes the raw events of that channel, and a significance note per
 * channel against the one with the most answers. A screenshot goes to test-results/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Channel, channelOf, summarizeEvents, type WireEvent } from '@touchpoint/core';
import { seededRandom } from '@touchpoint/core/sample';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboard } from '../src/dashboard/ensure-dashboard';
import { seedSampleData } from '../src/seed-sample-data';
import { type RunningServer, startServer } from '../src/serve';
import { surveyKindsOf } from '../src/sites/site';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/store';
import { SHOP_SECRET, testSite } from './support/sites';

const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const signed = new Intl.NumberFormat('en', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

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

describe.skipIf(!browserAvailable())('per-channel results in the dashboard, in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-channels-dashboard-'));
  const site = testSite();
  let store: Store;
  let server: RunningServer;
  let browser: BrowserHandle;
  let page: Page;

  beforeAll(async () => {
    const dashboard = await ensureDashboard({ dir: join(dir, 'dist') });
    store = await openSqliteStore({ path: join(dir, 'touchpoint.sqlite') });
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
      dashboardDir: dashboard.dir,
      hostedScript: null,
      log: () => {},
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows each channel's score, interval and n side by side with a significance note", async () => {
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
    const raw = (await store.events(site.id)).filter((s) => s.day >= from && s.day <= to).map((s) => s.event);
    const names: Record<Channel, string> = { web: 'Website', link: 'Link', email: 'E-mail', qr: 'QR code' };
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
    await panel.screenshot({ path: join(SHOTS, 'touchpoint-per-channel.png') });
  });
});
