/**
 * The npm entry, end to end: the SPA example built by Vite (`init()` from @touchpoint/widget with
 * `createCollector()` as `onEvent`), served on 127.0.0.1, against the reference server with SQLite. For NPS, CES
 * and CSAT, each by its own trigger in the app (a client-side route, a custom event, a click): the card shows,
 * the visitor answers, follows up and sees the thank-you step, and the server has stored the display once.
 * Then the same with the keyboard only, and an axe scan of the open card.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Metric } from '@touchpoint/core';
import { buildSpa, SPA_CONFIG_FILE, SPA_PUBLIC_KEY, SPA_ROUTES } from '@touchpoint/example-spa';
import { type BrowserHandle, browserAvailable, launchBrowser, type StaticServer } from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, openPage } from '../src/browser-page';
import { isFocused, tabInto, WCAG_TAGS, waitForCardAnimations } from '../src/keyboard';
import { type ReferenceServer, startReferenceServer } from '../src/reference-server';
import { serveFolder } from '../src/serve-folder';
import {
  answersOf,
  followUpBox,
  onlyResponse,
  scoreOption,
  sendButton,
  surveyCard,
  thankYou,
} from '../src/survey-card';

const SITE = 'spa';

interface Flow {
  readonly metric: Metric;
  readonly surveyId: string;
  readonly touchpoint: string;
  /** Where the visitor starts. */
  readonly start: string;
  /** What the visitor does, with the mouse, that fires the trigger. */
  trigger(page: Page): Promise<void>;
  /** The same with the keyboard. */
  triggerByKeyboard(page: Page): Promise<void>;
  /** The path the events carry. */
  readonly path: string;
  /** A score whose band gets the follow-up question. */
  readonly score: number;
}

/** Presses Tab until the focused element's text is `text`, then Enter (at most 30 presses). */
async function activateByKeyboard(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no focusable element "${text}" within 30 Tab presses`);
}

const FLOWS: Flow[] = [
  {
    metric: 'ces',
    surveyId: 'ces-onboarding',
    touchpoint: 'onboarding.completed',
    start: '/onboarding/1',
    async trigger(page) {
      await page.getByRole('link', { name: 'Next' }).click();
      await page.getByRole('link', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Finish set-up' }).click();
    },
    async triggerByKeyboard(page) {
      await activateByKeyboard(page, 'Next');
      await page.getByText('Step 2 of 3').waitFor();
      await activateByKeyboard(page, 'Next');
      await page.getByText('Step 3 of 3').waitFor();
      await activateByKeyboard(page, 'Finish set-up');
    },
    path: '/onboarding/done',
    score: 3,
  },
  {
    metric: 'nps',
    surveyId: 'nps-projects',
    touchpoint: 'projects.opened',
    start: '/projects',
    trigger: (page) => page.getByRole('link', { name: 'Launch plan' }).click(),
    triggerByKeyboard: (page) => activateByKeyboard(page, 'Launch plan'),
    path: '/projects/launch-plan',
    score: 9,
  },
  {
    metric: 'csat',
    surveyId: 'csat-help',
    touchpoint: 'help.article',
    start: '/help/sharing',
    trigger: (page) => page.getByRole('button', { name: 'Rate this article' }).click(),
    triggerByKeyboard: (page) => activateByKeyboard(page, 'Rate this article'),
    path: '/help/sharing',
    score: 2,
  },
];

describe.skipIf(!browserAvailable())('the SPA example (npm entry) against the reference server', () => {
  let server: ReferenceServer;
  let app: StaticServer;
  let browser: BrowserHandle;
  let outDir: string;

  beforeAll(async () => {
    server = await startReferenceServer([
      {
        id: SITE,
        publicKey: SPA_PUBLIC_KEY,
        allowedOrigins: ['http://127.0.0.1:*'],
        configFile: SPA_CONFIG_FILE,
      },
    ]);
    outDir = mkdtempSync(join(tmpdir(), 'touchpoint-spa-'));
    await buildSpa({ outDir, endpoint: server.url });
    app = await serveFolder(outDir, { routes: SPA_ROUTES });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await server?.stop();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  for (const flow of FLOWS) {
    it(`${flow.metric.toUpperCase()} with the mouse: trigger, answer, follow-up, thank-you, stored once`, async () => {
      const { page, recorded, close } = await openPage(browser, `${app.url}${flow.start}`);
      // The widget listens for the page's clicks once its config is there: a visitor's click comes later than a
      // test's (a loaded suite once pressed the button before the config had arrived, and no card came).
      await page.waitForLoadState('networkidle');
      await flow.trigger(page);
      await surveyCard(page).waitFor();
      await scoreOption(page, flow.metric, flow.score).click();
      await followUpBox(page).fill(`mouse ${flow.metric}`);
      await sendButton(page).click();
      await thankYou(page).waitFor();
      if (flow.metric === 'nps') {
        // The thank-you step closes by itself (autoCloseMs 3000 by default)…
        await surveyCard(page).waitFor({ state: 'detached', timeout: 10_000 });
      } else {
        // … or with its close button, which is not a dismissal.
        await surveyCard(page).getByRole('button', { name: 'Close' }).click();
        await surveyCard(page).waitFor({ state: 'detached' });
      }

      await expect
        .poll(async () => onlyResponse(await server.events(SITE), flow.surveyId).types, { timeout: 15_000 })
        .toEqual(['shown', 'answered', 'completed']);
      const { events } = onlyResponse(await server.events(SITE), flow.surveyId);
      expect(answersOf(events[2])).toEqual([
        [flow.metric, flow.score],
        ['text', `mouse ${flow.metric}`],
      ]);
      expect(events.map((e) => [e.touchpoint, e.context.path])).toEqual(
        Array(3).fill([flow.touchpoint, flow.path]),
      );
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });
  }

  for (const flow of FLOWS) {
    it(`${flow.metric.toUpperCase()} with the keyboard only, and axe finds nothing in the open card`, async () => {
      const { page, recorded, close } = await openPage(browser, `${app.url}${flow.start}`);
      const before = (await server.events(SITE)).length;
      await page.waitForLoadState('networkidle'); // as above
      await flow.triggerByKeyboard(page);
      await surveyCard(page).waitFor();
      // A popover never takes focus: the visitor reaches it with Tab, after the page's own controls.
      await tabInto(page);
      await waitForCardAnimations(page);
      const scan = await new AxeBuilder({ page }).include('[data-touchpoint]').withTags(WCAG_TAGS).analyze();
      expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);

      // Arrow keys move the selection without answering; Enter answers.
      const lowest = flow.metric === 'nps' ? 0 : 1;
      await page.keyboard.press('Home');
      for (let value = lowest; value < flow.score; value++) await page.keyboard.press('ArrowRight');
      expect(await isFocused(scoreOption(page, flow.metric, flow.score))).toBe(true);
      await page.keyboard.press('Enter');
      expect(await isFocused(followUpBox(page))).toBe(true);
      await page.keyboard.type(`keyboard ${flow.metric}`);
      await page.keyboard.press('Tab'); // Skip
      await page.keyboard.press('Tab'); // Send
      expect(await isFocused(sendButton(page))).toBe(true);
      await page.keyboard.press('Enter');
      await thankYou(page).waitFor();
      await page.keyboard.press('Escape'); // closing the thank-you step is not a dismissal
      await surveyCard(page).waitFor({ state: 'detached' });

      await expect.poll(async () => (await server.events(SITE)).length - before, { timeout: 15_000 }).toBe(3);
      const mine = (await server.events(SITE)).slice(before);
      expect(mine.map((e) => e.type)).toEqual(['shown', 'answered', 'completed']);
      expect(new Set(mine.map((e) => e.responseId)).size).toBe(1);
      expect(answersOf(mine[2])).toEqual([
        [flow.metric, flow.score],
        ['text', `keyboard ${flow.metric}`],
      ]);
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });
  }
});
