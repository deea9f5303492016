/**
 * The whole loop through the script tag, as `pnpm start` runs it: the example shop (its own server, its plain
 * HTML pages with the stub, embed.js and its chunks from the widget's build) beside the reference server with
 * SQLite. For each touchpoint of the shop, by its real trigger (CSAT: scrolling a product page; NPS: placing an
 * order; CES: leaving a support article through the top of the window): the card shows, the visitor answers,
 * follows up, sees the thank-you step, and the server stores the display once. Then the same answered with the
 * keyboard only, the results API and the dashboard showing every answer, axe scans of the open card and of the
 * dashboard, and screenshots for a human to look at (test-results/).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Metric, OverviewResponse, VerbatimsResponse } from '@touchpoint/core';
import {
  buildWidgetFiles,
  SHOP_CONFIG_FILE,
  SHOP_PUBLIC_KEY,
  SHOP_SITE_ID,
  type ShopServer,
  startShop,
} from '@touchpoint/example-script-tag';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, openPage } from '../src/browser-page';
import { isFocused, tabInto, WCAG_TAGS, waitForCardAnimations } from '../src/keyboard';
import { type ReferenceServer, startReferenceServer } from '../src/reference-server';
import {
  answersOf,
  followUpBox,
  onlyResponse,
  scoreOption,
  sendButton,
  surveyCard,
  thankYou,
} from '../src/survey-card';

const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
const today = () => new Date().toISOString().slice(0, 10);

interface Touchpoint {
  readonly metric: Metric;
  readonly surveyId: string;
  readonly touchpoint: string;
  /** The page the visitor starts on. */
  readonly start: string;
  /** The path the events carry (query string stripped). */
  readonly path: string;
  /** Fires the trigger as a mouse user would. */
  trigger(page: Page): Promise<void>;
  /** Fires the trigger with the keyboard (exit intent has no keyboard gesture: the pointer leaves). */
  triggerByKeyboard(page: Page): Promise<void>;
  /** A score that gets the follow-up question. */
  readonly score: number;
}

/** The pointer leaves the window through its top edge, towards the tabs. */
async function leaveThroughTheTop(page: Page): Promise<void> {
  await page.mouse.move(500, 300);
  await page.mouse.move(500, 5, { steps: 5 });
  await page.mouse.move(500, -20, { steps: 2 });
}

const TOUCHPOINTS: Touchpoint[] = [
  {
    metric: 'csat',
    surveyId: 'csat-product',
    touchpoint: 'product.page',
    start: '/products/moka-pot.html',
    path: '/products/moka-pot.html',
    async trigger(page) {
      // A visitor reads first: by then the page has loaded everything (touchpoint-triggers.js included).
      await page.waitForLoadState('networkidle');
      await page.mouse.wheel(0, 5000);
    },
    async triggerByKeyboard(page) {
      await page.waitForLoadState('networkidle');
      await page.keyboard.press('End');
    },
    score: 4,
  },
  {
    metric: 'nps',
    surveyId: 'nps-checkout',
    touchpoint: 'checkout.completed',
    start: '/checkout.html',
    path: '/order-complete.html',
    async trigger(page) {
      await page.getByLabel('E-mail for the receipt').fill('sanne@example.com');
      await page.getByRole('button', { name: 'Place order' }).click();
    },
    async triggerByKeyboard(page) {
      for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.id === 'email')); i++)
        await page.keyboard.press('Tab');
      await page.keyboard.type('luc@example.com');
      await page.keyboard.press('Enter'); // submits the form
    },
    score: 9,
  },
  {
    metric: 'ces',
    surveyId: 'ces-support',
    touchpoint: 'support.article',
    start: '/support/articles/returns.html',
    path: '/support/articles/returns.html',
    trigger: leaveThroughTheTop,
    triggerByKeyboard: leaveThroughTheTop,
    score: 3,
  },
];

describe.skipIf(!browserAvailable())('the script-tag shop against the reference server', () => {
  let server: ReferenceServer;
  let shop: ShopServer;
  let browser: BrowserHandle;
  let widgetDir: string;
  /** Every answer given in this suite: touchpoint → [score, text]. */
  const given: Record<string, [number, string][]> = {};

  beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    widgetDir = await buildWidgetFiles(mkdtempSync(join(tmpdir(), 'touchpoint-shop-widget-')));
    let endpoint = '';
    shop = await startShop({ widgetDir, port: 0, endpoint: () => endpoint });
    server = await startReferenceServer(
      [
        {
          id: SHOP_SITE_ID,
          publicKey: SHOP_PUBLIC_KEY,
          allowedOrigins: [shop.url],
          configFile: SHOP_CONFIG_FILE,
        },
      ],
      { dashboard: true },
    );
    endpoint = server.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.stop();
    if (widgetDir) rmSync(widgetDir, { recursive: true, force: true });
  });

  const record = (tp: Touchpoint, text: string) => {
    given[tp.touchpoint] = [...(given[tp.touchpoint] ?? []), [tp.score, text]];
  };

  for (const tp of TOUCHPOINTS) {
    it(`${tp.metric.toUpperCase()} at ${tp.touchpoint} with the mouse: trigger, answer, follow-up, thank-you, stored once`, async () => {
      const { page, recorded, close } = await openPage(browser, `${shop.url}${tp.start}`);
      await tp.trigger(page);
      await surveyCard(page).waitFor();
      const text = `Mouse answer at ${tp.touchpoint}`;
      await scoreOption(page, tp.metric, tp.score).click();
      await followUpBox(page).fill(text);
      await sendButton(page).click();
      await thankYou(page).waitFor();
      record(tp, text);

      await expect
        .poll(async () => onlyResponse(await server.events(SHOP_SITE_ID), tp.surveyId).types, {
          timeout: 15_000,
        })
        .toEqual(['shown', 'answered', 'completed']);
      const { events } = onlyResponse(await server.events(SHOP_SITE_ID), tp.surveyId);
      expect(answersOf(events[2])).toEqual([
        [tp.metric, tp.score],
        ['text', text],
      ]);
      // The checkout's ?receipt=… (an e-mail address) never leaves the page.
      expect(events.map((e) => e.context.path)).toEqual([tp.path, tp.path, tp.path]);
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });
  }

  for (const tp of TOUCHPOINTS) {
    it(`${tp.metric.toUpperCase()} at ${tp.touchpoint} answered with the keyboard only; axe finds nothing in the card`, async () => {
      const { page, recorded, close } = await openPage(browser, `${shop.url}${tp.start}`);
      const before = (await server.events(SHOP_SITE_ID)).length;
      await page.locator('body').focus();
      await tp.triggerByKeyboard(page);
      await surveyCard(page).waitFor();
      await tabInto(page);
      await waitForCardAnimations(page);
      const scan = await new AxeBuilder({ page }).include('[data-touchpoint]').withTags(WCAG_TAGS).analyze();
      expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);

      const lowest = tp.metric === 'nps' ? 0 : 1;
      await page.keyboard.press('Home');
      for (let value = lowest; value < tp.score; value++) await page.keyboard.press('ArrowRight');
      expect(await isFocused(scoreOption(page, tp.metric, tp.score))).toBe(true);
      await page.keyboard.press('Enter');
      expect(await isFocused(followUpBox(page))).toBe(true);
      const text = `Keyboard answer at ${tp.touchpoint}`;
      await page.keyboard.type(text);
      await page.keyboard.press('Tab'); // Skip
      await page.keyboard.press('Tab'); // Send
      await page.keyboard.press('Enter');
      await thankYou(page).waitFor();
      record(tp, text);

      await expect
        .poll(async () => (await server.events(SHOP_SITE_ID)).slice(before).map((e) => e.type), {
          timeout: 15_000,
        })
        .toEqual(['shown', 'answered', 'completed']);
      const mine = (await server.events(SHOP_SITE_ID)).slice(before);
      expect(answersOf(mine[2])).toEqual([
        [tp.metric, tp.score],
        ['text', text],
      ]);
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });
  }

  it('the results API shows every answer, per touchpoint, with its words', async () => {
    const key = server.secretKeyOf(SHOP_SITE_ID);
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${server.url}/v1/results/${path}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };
    const overview = await get<OverviewResponse>(`overview?from=${today()}&to=${today()}`);
    const rows = Object.fromEntries(overview.rows.map((row) => [row.touchpoint, row]));
    for (const tp of TOUCHPOINTS) {
      const answers = given[tp.touchpoint] ?? [];
      expect(answers.length).toBeGreaterThan(0);
      expect(rows[tp.touchpoint]).toMatchObject({
        metric: tp.metric,
        n: answers.length,
        shown: answers.length,
        completed: answers.length,
      });
      const verbatims = await get<VerbatimsResponse>(
        `verbatims?from=${today()}&to=${today()}&touchpoint=${tp.touchpoint}`,
      );
      expect(verbatims.items.map((item) => [item.score, item.text]).sort()).toEqual(
        answers.map(([score, text]) => [score, text]).sort(),
      );
    }
    // The public key never reads results.
    const refused = await fetch(`${server.url}/v1/results/overview?from=${today()}&to=${today()}`, {
      headers: { authorization: `Bearer ${SHOP_PUBLIC_KEY}` },
    });
    expect(refused.status).toBe(401);
  });

  it('the dashboard shows them to a marketer, passes axe, and is saved as a screenshot', async () => {
    const { page, recorded, close } = await openPage(browser, `${server.url}/`, {
      viewport: { width: 1280, height: 900 },
    });
    await page.getByLabel(/results key/i).fill(server.secretKeyOf(SHOP_SITE_ID));
    await page.getByRole('button', { name: /sign in/i }).click();
    for (const tp of TOUCHPOINTS) await page.getByText(tp.touchpoint).first().waitFor();
    const scan = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIR, 'dashboard-overview.png'), fullPage: true });

    // A touchpoint's page lists the visitors' words.
    await page.getByRole('link', { name: 'checkout.completed' }).first().click();
    for (const [, text] of given['checkout.completed'] ?? []) await page.getByText(text).first().waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, 'dashboard-checkout.png'), fullPage: true });
    expect(await recorded()).toEqual(CLEAN);
    await close();
  });

  it('saves screenshots of the card: light, dark, right-to-left, and a 375 px phone', async () => {
    const shots: [string, BrowserContextOptions, ((page: Page) => Promise<void>)?][] = [
      ['card-light.png', { colorScheme: 'light' }],
      ['card-dark.png', { colorScheme: 'dark' }],
      [
        'card-rtl.png',
        { colorScheme: 'light' },
        async (page) => {
          // The same page in Arabic: the card follows <html lang> and mirrors its layout. (Set once the page is
          // parsed, before the card mounts; a document fulfilled by page.route would be refused the loopback
          // server by Chromium's local network access rules.)
          await page.addInitScript(() =>
            document.addEventListener('DOMContentLoaded', () => {
              document.documentElement.lang = 'ar';
              document.documentElement.dir = 'rtl';
            }),
          );
        },
      ],
      ['card-phone-375.png', { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }],
    ];
    for (const [file, options, prepare] of shots) {
      const { page, recorded, close } = await openPage(browser, undefined, {
        viewport: { width: 1000, height: 700 },
        ...options,
      });
      await prepare?.(page);
      await page.goto(`${shop.url}/order-complete.html`);
      await surveyCard(page).waitFor();
      await scoreOption(page, 'nps', 8).hover();
      await waitForCardAnimations(page);
      expect(await surveyCard(page).getAttribute('dir')).toBe(file === 'card-rtl.png' ? 'rtl' : 'ltr');
      await page.screenshot({ path: join(RESULTS_DIR, file) });
      expect(await recorded()).toEqual(CLEAN);
      await close();
    }
  });
});
