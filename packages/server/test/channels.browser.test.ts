/**
 * The channels beyond the web page (decisions/0012), over real HTTP on 127.0.0.1 with real Chromium, on SQLite and
 * a real PostgreSQL 15: a personal link answered (score, follow-up, thank-you), opened again and changed, stored as
 * one response with the user id; the e-mail snippet rendered, a score clicked, the hosted page completed; a tampered
 * and an expired link refused with nothing stored; a scanner-like client following every link (with and without
 * running script) records nothing; the QR code decodes (jsQR over the PNG) to a working link; the results split by
 * channel equal core's summary of the raw events. Screenshots go to test-results/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { channelOf, type SegmentsResponse, summarizeEvents } from '@touchpoint/core';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import jsQR from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostedScript } from '../../widget/scripts/build';
import { HOSTED_CSP } from '../src/routes/hosted';
import { type RunningServer, startServer } from '../src/serve';
import { surveyKindsOf } from '../src/sites/site';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { SHOP_ADMIN, SHOP_SECRET, testSite } from './support/sites';
import { COLLECT_VIOLATIONS, cspViolations } from './support/watched-page';

const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const PHONE = { width: 390, height: 844 };

/** Waits (bounded) until `check` holds. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const scriptDir = mkdtempSync(join(tmpdir(), 'touchpoint-hosted-script-'));
let hostedScript: string;

describe.skipIf(!browserAvailable()).each(databaseKinds())('channels on $name, in Chromium', (kind) => {
  const site = testSite();
  let database: TestDatabase;
  let store: Store;
  let server: RunningServer;
  let browser: BrowserHandle;
  let context: BrowserContext;
  let offset = 0;
  const consoleProblems: string[] = [];

  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/v1/admin/${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${SHOP_ADMIN}`, ...(init.headers ?? {}) },
    });
  const makeLink = async (body: object) => {
    const response = await admin('links', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { url: string; responseId: string; expiresAt: string | null };
  };
  const openPage = async (url: string): Promise<Page> => {
    const page = await context.newPage();
    page.on('console', (message) => {
      // The refused links answer 400 and 410 on purpose; anything else is a problem.
      if (message.type() === 'error' && !/status of 4(00|10) /.test(message.text())) {
        consoleProblems.push(message.text());
      }
    });
    await page.addInitScript({ content: COLLECT_VIOLATIONS });
    await page.goto(url);
    return page;
  };

  beforeAll(async () => {
    if (kind.skip) return;
    hostedScript ??= await buildHostedScript(scriptDir);
    database = await kind.start();
    store = await database.openStore();
    await store.registerSurveys(site.id, surveyKindsOf(site.config));
    server = await startServer({
      store,
      sites: [site],
      port: 0,
      host: '127.0.0.1',
      dashboardDir: null,
      hostedScript,
      clock: { now: () => Date.now() + offset },
      log: () => {},
    });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-GB', viewport: PHONE, hasTouch: true, isMobile: true });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.stop();
  });

  describe.skipIf(kind.skip)('hosted pages', () => {
    it('answers a personal link, opens it again and changes it: one response with the user id', async () => {
      const link = await makeLink({
        surveyId: 'nps-checkout',
        userId: 'u-42',
        attributes: { ticket: 'T-1001' },
      });
      expect(link.url).toMatch(/\/s\/nps-checkout\?t=[\w-]+\.[\w-]+$/);
      const page = await openPage(link.url);
      const response = await page.request.get(link.url);
      expect(response.headers()['content-security-policy']).toBe(HOSTED_CSP);
      const card = page.locator('[data-touchpoint]');
      await card.getByRole('radio', { name: /^8\b/ }).click();
      await card.getByRole('textbox').fill('The reply took two days');
      await page.screenshot({ path: join(SHOTS, `hosted-page-phone-${kind.name}.png`), fullPage: true });
      await card.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => card.getByText('Thank you for your feedback!').count()).toBe(1);
      await until(
        'the first answer',
        async () => (await store.responseAnswers('shop', link.responseId)).length === 2,
      );
      // The page fits a phone: nothing wider than the viewport.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      expect(await cspViolations(page)).toEqual([]);
      await page.close();

      const again = await openPage(link.url);
      await expect
        .poll(() => again.locator('#touchpoint-previous').textContent())
        .toContain('You answered 8');
      const card2 = again.locator('[data-touchpoint]');
      await card2.getByRole('radio', { name: /^3\b/ }).click();
      await card2.getByRole('textbox').fill('Still no answer');
      await card2.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => card2.getByText('Thank you for your feedback!').count()).toBe(1);
      await until('the changed answer', async () =>
        (await store.responseAnswers('shop', link.responseId)).some((a) => a.type === 'nps' && a.value === 3),
      );
      await until(
        'every event of both openings',
        async () =>
          (await store.events('shop')).filter((e) => e.event.responseId === link.responseId).length === 6,
      );
      await again.close();

      const events = (await store.events('shop')).filter((e) => e.event.responseId === link.responseId);
      expect(new Set(events.map((e) => e.event.visitor.userId))).toEqual(new Set(['u-42']));
      expect(new Set(events.map((e) => channelOf(e.event.context)))).toEqual(new Set(['link']));
      expect(events[0]?.event.visitor.attributes).toEqual({ ticket: 'T-1001' });
      const scores = await store.scores({
        site: 'shop',
        fromMs: 0,
        toMs: Date.now() + 86_400_000,
        limit: 1000,
      });
      const mine = scores.filter((s) => s.responseId === link.responseId);
      expect(mine.map((s) => [s.value, s.channel, s.texts])).toEqual([[3, 'link', ['Still no answer']]]);
    });

    it('renders the e-mail snippet; a score clicked opens the hosted page with it chosen and completes', async () => {
      const response = await admin('links/email?survey=nps-checkout&user=u-7&format=json');
      expect(response.status).toBe(200);
      const snippet = (await response.json()) as {
        html: string;
        text: string;
        url: string;
        responseId: string;
      };
      expect(snippet.html).not.toMatch(/<script|<style|class=/i);
      expect(snippet.html).toMatch(/^<table/);
      expect(snippet.text.split('\n').filter((line) => line.includes('&score='))).toHaveLength(11);
      const html = await admin('links/email?survey=nps-checkout&user=u-7');
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      const text = await admin('links/email?survey=nps-checkout&user=u-7&format=text');
      expect(text.headers.get('content-type')).toMatch(/^text\/plain/);

      const mail = await context.newPage();
      await mail.setViewportSize({ width: 600, height: 400 });
      await mail.setContent(`<!doctype html><body style="margin:16px">${snippet.html}</body>`);
      await mail.screenshot({ path: join(SHOTS, `email-snippet-${kind.name}.png`) });
      const [hosted] = await Promise.all([
        mail.waitForEvent('popup'),
        mail.getByRole('link', { name: '6', exact: true }).click(),
      ]);
      await hosted.waitForLoadState();
      const card = hosted.locator('[data-touchpoint]');
      // The score is chosen: the follow-up of a detractor is asked at once.
      await card.getByRole('textbox').fill('Too many e-mails');
      await card.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => card.getByText('Thank you for your feedback!').count()).toBe(1);
      await until('the e-mail answer', async () =>
        (await store.responseAnswers('shop', snippet.responseId)).some(
          (a) => a.type === 'nps' && a.value === 6,
        ),
      );
      const events = (await store.events('shop')).filter((e) => e.event.responseId === snippet.responseId);
      expect(new Set(events.map((e) => channelOf(e.event.context)))).toEqual(new Set(['email']));
      expect(new Set(events.map((e) => e.event.visitor.userId))).toEqual(new Set(['u-7']));
      // Every event of the response is in (shown, answered, completed) before the page goes.
      await until(
        'every e-mail event',
        async () =>
          (await store.events('shop')).filter((e) => e.event.responseId === snippet.responseId).length === 3,
      );
      await hosted.close();
      await mail.close();
    });

    it('refuses a tampered and an expired link with a clear page, storing nothing', async () => {
      const before = await store.countEvents('shop');
      const link = await makeLink({
        surveyId: 'nps-checkout',
        userId: 'u-9',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const last = link.url.at(-1) === 'A' ? 'B' : 'A';
      const tampered = `${link.url.slice(0, -1)}${last}`;
      const page = await openPage(tampered);
      await expect.poll(() => page.getByRole('heading').textContent()).toBe('This survey link is not valid');
      expect(await page.locator('script').count()).toBe(0);
      expect((await page.request.get(tampered)).status()).toBe(400);
      // Another user id in the claims, same signature: refused too.
      const [payload, signature] = new URL(link.url).searchParams.get('t')!.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, userId: 'someone-else' })).toString('base64url');
      expect((await page.request.get(`${server.url}/s/nps-checkout?t=${forged}.${signature}`)).status()).toBe(
        400,
      );
      await page.close();

      offset = 2 * 3_600_000; // two hours later
      try {
        const expired = await openPage(link.url);
        await expect
          .poll(() => expired.getByRole('heading').textContent())
          .toBe('This survey link has expired');
        expect(await expired.locator('script').count()).toBe(0);
        expect((await expired.request.get(link.url)).status()).toBe(410);
        await expired.close();
      } finally {
        offset = 0;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await store.countEvents('shop')).toBe(before);
    });

    it('records nothing when a scanner follows every link, with or without running script', async () => {
      const response = await admin('links/email?survey=nps-checkout&user=u-scan&format=json');
      const snippet = (await response.json()) as { html: string; text: string };
      const qr = await admin('qr?survey=csat-support&touchpoint=support.article');
      const qrUrl = qr.headers.get('x-touchpoint-url')!;
      const hrefs = [...snippet.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
      const textLinks = snippet.text.match(/https?:\/\/\S+/g) ?? [];
      const links = [...new Set([...hrefs, ...textLinks, qrUrl])];
      expect(links.length).toBe(12);
      const before = await store.countEvents('shop');
      // A mail gateway: GET every link and every resource each page names, HEAD too, no script run.
      for (const url of links) {
        for (const method of ['GET', 'HEAD']) {
          const answer = await fetch(url, { method, redirect: 'follow' });
          expect(answer.status).toBe(200);
          const body = method === 'GET' ? await answer.text() : '';
          for (const [, resource] of body.matchAll(/(?:src|href)="([^"]+)"/g)) {
            expect((await fetch(new URL(resource!, url))).status).toBe(200);
          }
        }
      }
      // A scanner that renders the pages in a browser and runs their script, but never acts on them.
      const scanner = await browser.newContext({ viewport: PHONE });
      for (const url of [...links.slice(0, 2), ...links.slice(9, 11)]) {
        const page = await scanner.newPage();
        await page.goto(url);
        // The script ran: the link's score is chosen and its answer waits for the reader to confirm it.
        await page.locator('#touchpoint-confirm').waitFor({ state: 'visible' });
        await page.waitForTimeout(1500);
        await page.close();
      }
      await scanner.close();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await store.countEvents('shop')).toBe(before);
    });

    it('makes a QR code (SVG and PNG) that decodes to a working hosted page with the channel qr', async () => {
      const svg = await admin('qr?survey=csat-support&touchpoint=support.article');
      expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(await svg.text()).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const png = await admin('qr?survey=csat-support&touchpoint=support.article&format=png');
      expect(png.headers.get('content-type')).toBe('image/png');
      const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
      const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      expect(decoded?.data).toBe(`${server.url}/s/csat-support?site=pk_shop_test&channel=qr`);
      const wrong = await admin('qr?survey=csat-support&touchpoint=checkout.completed');
      expect(wrong.status).toBe(400);

      const before = await store.countEvents('shop');
      const page = await openPage(decoded!.data);
      const card = page.locator('[data-touchpoint]');
      // The faces of csat-support are named by words: the fourth of five is a 4.
      await card.getByRole('radio').nth(3).click();
      await expect.poll(() => card.getByText('Thank you for your feedback!').count()).toBe(1);
      await until('the QR answer', async () => (await store.countEvents('shop')) >= before + 2);
      const events = (await store.events('shop')).slice(before);
      expect(events.map((e) => [e.event.type, channelOf(e.event.context), e.event.touchpoint])).toEqual([
        ['shown', 'qr', 'support.article'],
        ['completed', 'qr', 'support.article'],
      ]);
      expect(await cspViolations(page)).toEqual([]);
      await page.close();
    });

    it('splits results by channel exactly as core summarizes the raw events', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const raw = (await store.events('shop')).map((e) => e.event);
      const kinds = new Map(surveyKindsOf(site.config).map((k) => [k.surveyId, k]));
      for (const [touchpoint, metric] of [
        ['checkout.completed', 'nps'],
        ['support.article', 'csat'],
      ] as const) {
        const response = await fetch(
          `${server.url}/v1/results/segments?touchpoint=${touchpoint}&metric=${metric}&by=channel&from=${today}&to=${today}`,
          { headers: { Authorization: `Bearer ${SHOP_SECRET}` } },
        );
        const body = (await response.json()) as SegmentsResponse;
        const channels = [
          ...new Set(raw.filter((e) => e.touchpoint === touchpoint).map((e) => channelOf(e.context))),
        ];
        const expected = channels.map((channel) => {
          const summary = summarizeEvents(
            raw.filter((e) => channelOf(e.context) === channel),
            { metricOf: (surveyId) => kinds.get(surveyId) },
          ).find((row) => row.touchpoint === touchpoint)!;
          const { touchpoint: _, ...rest } = summary;
          return { ...rest, segment: channel };
        });
        const bySegment = (a: { segment: string }, b: { segment: string }) =>
          a.segment < b.segment ? -1 : 1;
        expect([...body.rows].sort(bySegment)).toEqual(expected.sort(bySegment));
      }
      expect(consoleProblems).toEqual([]);
    });
  });
});

afterAll(() => rmSync(scriptDir, { recursive: true, force: true }));
