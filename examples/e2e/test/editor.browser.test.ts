/**
 * The survey editor end to end, in Chromium against the reference server and the example shop (issue 12's Tests
 * paragraph): sign in with the admin key; create a CES survey on the returns article with exit intent; see it in
 * the live preview (the widget's own card) in English and Dutch; publish; open the shop page (no server restart)
 * and see the card; answer it and find the answer in the results; edit the wording, publish, and see the new
 * wording on the next page view (timed); roll back; two editors publishing from the same version (the second
 * gets a conflict and loses nothing); the same work with the keyboard alone (sign in, open, edit, publish); a
 * preview link that shows the survey at once and sends nothing. Axe scans the editor; screenshots go to
 * test-results/editor-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { OverviewResponse } from '@touchpoint/core';
import {
  buildWidgetFiles,
  SHOP_CONFIG_FILE,
  SHOP_PUBLIC_KEY,
  SHOP_SITE_ID,
  type ShopServer,
  startShop,
} from '@touchpoint/example-script-tag';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, type OpenedPage, openPage } from '../src/browser-page';
import { WCAG_TAGS } from '../src/keyboard';
import { type ReferenceServer, startReferenceServer } from '../src/reference-server';
import { scoreOption, surveyCard, thankYou } from '../src/survey-card';

const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
const ADMIN_KEY = 'ak_shop_editor_0123456789abcdef';
const RETURNS = '/support/articles/returns.html';
const TEXT_EN = 'How easy was it to find our returns policy?';
const TEXT_NL = 'Hoe makkelijk vond je ons retourbeleid?';
const TEXT_EN_2 = 'Was our returns policy easy to find?';
const today = () => new Date().toISOString().slice(0, 10);

/** The pointer leaves the window through its top edge (exit intent). */
async function leaveThroughTheTop(page: Page): Promise<void> {
  await page.mouse.move(500, 300);
  await page.mouse.move(500, 5, { steps: 5 });
  await page.mouse.move(500, -20, { steps: 2 });
}

async function axe(page: Page): Promise<string[]> {
  const scan = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

describe.skipIf(!browserAvailable())('the survey editor against the reference server and the shop', () => {
  let server: ReferenceServer;
  let shop: ShopServer;
  let browser: BrowserHandle;
  let dir: string;
  let editor: OpenedPage;
  /** The editor's survey page of the new survey. */
  let surveyHash = '';
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'touchpoint-editor-e2e-'));
    const widgetDir = await buildWidgetFiles(join(dir, 'widget'));
    // The shop without its own returns survey: the product team creates it in the editor.
    const config = JSON.parse(readFileSync(SHOP_CONFIG_FILE, 'utf8')) as { surveys: { id: string }[] };
    config.surveys = config.surveys.filter((s) => s.id !== 'ces-support');
    const configFile = join(dir, 'touchpoint.config.json');
    writeFileSync(configFile, JSON.stringify(config));
    let endpoint = '';
    shop = await startShop({ widgetDir, port: 0, endpoint: () => endpoint });
    server = await startReferenceServer(
      [
        {
          id: SHOP_SITE_ID,
          publicKey: SHOP_PUBLIC_KEY,
          adminKey: ADMIN_KEY,
          allowedOrigins: [shop.url],
          configFile,
        },
      ],
      { dashboard: true },
    );
    endpoint = server.url;
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    console.log(`[editor e2e] timings (ms): ${JSON.stringify(timings)}`);
    await editor?.close();
    await browser?.close();
    await shop?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(key: string): Promise<OpenedPage> {
    const opened = await openPage(browser, `${server.url}/`, { viewport: { width: 1400, height: 1000 } });
    await opened.page.getByLabel(/admin key/i).fill(key);
    await opened.page.getByRole('button', { name: /sign in/i }).click();
    await opened.page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();
    return opened;
  }

  const cardText = (page: Page) => surveyCard(page).textContent();

  it('the admin key opens the editor; the results key does not', async () => {
    editor = await signIn(ADMIN_KEY);
    const { page } = editor;
    await page.getByRole('navigation', { name: 'Editor' }).getByRole('link', { name: 'Versions' }).waitFor();
    expect(await page.getByText('nps-checkout').count()).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-surveys.png'), fullPage: true });

    const results = await openPage(browser, `${server.url}/`);
    await results.page.getByLabel(/results key/i).fill(server.secretKeyOf(SHOP_SITE_ID));
    await results.page.getByRole('button', { name: /sign in/i }).click();
    await results.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await results.page.getByLabel('From').first().waitFor();
    expect(await results.page.getByRole('navigation', { name: 'Editor' }).count()).toBe(0);
    await results.close();
  });

  it('creates a CES survey on the returns article with exit intent, problems shown at the field', async () => {
    const { page } = editor;
    await page.getByRole('button', { name: 'New survey' }).click();
    await page.getByRole('heading', { name: /^Survey new-survey/ }).waitFor();
    surveyHash = new URL(page.url()).hash;

    // A bad id: the problem appears at the field, in the words of touchpoint validate.
    await page.getByLabel('Survey id').fill('ces returns');
    const idProblem = page.locator('#f-surveys_2__id-problems');
    await idProblem.waitFor();
    expect(await idProblem.textContent()).toContain('use letters, digits and . _ : - only');
    expect(await page.getByLabel('Survey id').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);

    await page.getByLabel('Survey id').fill('ces-returns');
    await page.getByLabel('Touchpoint', { exact: true }).fill('support.returns');
    await page.getByLabel('Metric').selectOption({ label: 'CES (effort, agree scale)' });
    const question = page.getByRole('group', { name: 'Question', exact: true });
    await question.getByLabel('en').fill(TEXT_EN);
    await question.getByLabel('nl').fill(TEXT_NL);
    await page.getByLabel('What happens').selectOption({ label: 'The visitor is about to leave' });
    const include = page.getByRole('group', { name: 'Only on pages that match' });
    await include.getByRole('button', { name: 'Add a URL rule' }).click();
    await include.getByLabel('Match').selectOption({ label: 'is exactly' });
    await include.getByLabel('Path or pattern').fill(RETURNS);
    expect(await page.locator('.publish-bar .problems').count()).toBe(0);
  });

  it('shows the real card in the live preview, in English and in Dutch, light and dark, on a phone', async () => {
    const { page } = editor;
    const frame = page.frameLocator('iframe.preview-frame');
    await frame.getByText(TEXT_EN).waitFor();
    await page.locator('#preview-language').selectOption('nl');
    await frame.getByText(TEXT_NL).waitFor();
    // The built-in Dutch end labels of CES, from the widget's own card.
    await frame.getByText('Helemaal mee eens').waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-preview-nl.png'), fullPage: true });
    await page.locator('#preview-theme').selectOption('dark');
    await page.locator('#preview-width').selectOption('phone');
    await page.locator('#preview-language').selectOption('en');
    await frame.getByText(TEXT_EN).waitFor();
    expect(await page.locator('iframe.preview-frame').evaluate((f) => f.getBoundingClientRect().width)).toBe(
      375,
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-preview-phone-dark.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);
  });

  it('the simulator answers on the draft, with reasons in words', async () => {
    const { page } = editor;
    const sim = page.getByRole('region', { name: 'Would it show?' });
    await sim.getByLabel('Page address').fill(`${shop.url}${RETURNS}`);
    await sim.getByLabel('What happened').selectOption({ label: 'The visitor is about to leave' });
    await sim.getByLabel('Returning visitor').check();
    await sim.getByLabel(/Saw this survey/).fill('10');
    await sim.getByRole('button', { name: 'Check' }).click();
    await sim.getByText(/ces-returns: not shown/).waitFor();
    expect(await sim.locator('.sim-summary').textContent()).toBe(
      'not shown — shown 10 days ago; may show again after 90 days (from ' +
        new Date(Date.now() + 80 * 86_400_000).toISOString().slice(0, 10) +
        ')',
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-simulator.png'), fullPage: true });
  });

  it('publishes; the shop page shows the card without a restart; the answer reaches the results', async () => {
    const { page } = editor;
    await page.locator('#publish-note').fill('CES on the returns article');
    await page.locator('#publish-author').fill('Sanne');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published as version 2/).waitFor();

    const visitor = await openPage(browser, `${shop.url}${RETURNS}`);
    await visitor.page.waitForLoadState('networkidle');
    await leaveThroughTheTop(visitor.page);
    await surveyCard(visitor.page).waitFor();
    expect(await cardText(visitor.page)).toContain(TEXT_EN);
    await scoreOption(visitor.page, 'ces', 6).click();
    await thankYou(visitor.page).waitFor();
    expect(await visitor.recorded()).toEqual(CLEAN);
    await visitor.close();

    await expect
      .poll(
        async () => {
          const response = await fetch(`${server.url}/v1/results/overview?from=${today()}&to=${today()}`, {
            headers: { authorization: `Bearer ${server.secretKeyOf(SHOP_SITE_ID)}` },
          });
          const overview = (await response.json()) as OverviewResponse;
          return overview.rows.find((row) => row.touchpoint === 'support.returns')?.n ?? 0;
        },
        { timeout: 15_000 },
      )
      .toBe(1);
  });

  it('an edited wording is on the next page view after publishing (timed)', async () => {
    const { page } = editor;
    await page.goto(`${server.url}/${surveyHash}`);
    const question = page.getByRole('group', { name: 'Question', exact: true });
    await question.getByLabel('en').fill(TEXT_EN_2);
    await page.locator('#publish-note').fill('shorter question');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published as version 3/).waitFor();
    const published = Date.now();

    const visitor = await openPage(browser, `${shop.url}${RETURNS}`);
    await visitor.page.waitForLoadState('networkidle');
    await leaveThroughTheTop(visitor.page);
    await surveyCard(visitor.page).waitFor();
    expect(await cardText(visitor.page)).toContain(TEXT_EN_2);
    timings.publishToCardShown = Date.now() - published;
    await visitor.close();
    // The config endpoint alone: the first request after the publish already serves it.
    const config = await fetch(`${server.url}/v1/config?site=${SHOP_PUBLIC_KEY}`, {
      headers: { Origin: shop.url },
    });
    expect(config.headers.get('etag')).toMatch(/^"3-/);
  });

  it('shows the versions with a readable diff, and rolls back in one click', async () => {
    const { page } = editor;
    await page.getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('heading', { name: 'Versions', level: 1 }).waitFor();
    await page.locator('#compare-from').selectOption('2');
    await page.locator('#compare-to').selectOption('3');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByText(`~ surveys[ces-returns].question.text.en: "${TEXT_EN}" → "${TEXT_EN_2}"`).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIR, 'editor-history.png'), fullPage: true });

    await page.getByRole('button', { name: 'Publish version 2 again' }).click();
    await page.getByText('Version 2 is published again as version 4.').waitFor();
    const visitor = await openPage(browser, `${shop.url}${RETURNS}`);
    await visitor.page.waitForLoadState('networkidle');
    await leaveThroughTheTop(visitor.page);
    await surveyCard(visitor.page).waitFor();
    expect(await cardText(visitor.page)).toContain(TEXT_EN);
    await visitor.close();
  });

  it('two editors publish from the same version: the second gets a conflict and loses nothing', async () => {
    const other = await signIn(ADMIN_KEY);
    for (const { page } of [editor, other]) {
      await page.goto(`${server.url}/${surveyHash}`);
      await page.getByRole('group', { name: 'Question', exact: true }).getByLabel('en').waitFor();
    }
    await editor.page
      .getByRole('group', { name: 'Question', exact: true })
      .getByLabel('en')
      .fill('Editor one');
    await other.page
      .getByRole('group', { name: 'Question', exact: true })
      .getByLabel('en')
      .fill('Editor two');
    await editor.page.getByRole('button', { name: 'Publish' }).click();
    await editor.page.getByText(/Published as version 5/).waitFor();
    await other.page.getByRole('button', { name: 'Publish' }).click();
    const conflict = other.page.locator('.conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Version 5 was published by');
    expect(await conflict.textContent()).toContain('Nothing of yours was lost');
    // The second editor's words are still in the form.
    expect(
      await other.page.getByRole('group', { name: 'Question', exact: true }).getByLabel('en').inputValue(),
    ).toBe('Editor two');
    await other.page.screenshot({ path: join(RESULTS_DIR, 'editor-conflict.png'), fullPage: true });
    await other.page.getByRole('button', { name: 'Publish mine on top of version 5' }).click();
    await other.page.getByText(/Published as version 6/).waitFor();
    const served = await fetch(`${server.url}/v1/config?site=${SHOP_PUBLIC_KEY}`, {
      headers: { Origin: shop.url },
    });
    const body = (await served.json()) as { surveys: { id: string; question: { text?: { en?: string } } }[] };
    expect(body.surveys.find((s) => s.id === 'ces-returns')?.question.text?.en).toBe('Editor two');
    await other.close();
  });

  it('with the keyboard alone: signs in, opens a survey, changes its words and publishes them', async () => {
    const opened = await openPage(browser, `${server.url}/`, { viewport: { width: 1400, height: 1000 } });
    const { page } = opened;
    try {
      const hasFocus = (target: ReturnType<Page['locator']>) =>
        target.evaluate((element) => element === element.ownerDocument.activeElement);
      /** Presses Tab until `target` has focus: it is reachable, in order, without a pointer. */
      const tabTo = async (target: ReturnType<Page['locator']>, limit = 250) => {
        await target.waitFor();
        for (let i = 0; i < limit; i++) {
          await page.keyboard.press('Tab');
          if (await hasFocus(target)) return;
        }
        throw new Error(`Tab never reached ${target}`);
      };
      await tabTo(page.getByLabel(/admin key/i));
      await page.keyboard.type(ADMIN_KEY);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();

      await tabTo(page.getByRole('link', { name: 'ces-returns', exact: true }));
      await page.keyboard.press('Enter');
      const question = page.getByRole('group', { name: 'Question', exact: true }).getByLabel('en');
      await tabTo(question);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Keyboard only: how easy was it?');
      await tabTo(page.locator('#publish-note'));
      await page.keyboard.type('typed without a mouse');
      await tabTo(page.getByRole('button', { name: 'Publish', exact: true }));
      await page.keyboard.press('Enter');
      await page.getByText(/Published as version \d+/).waitFor();
      const served = await fetch(`${server.url}/v1/config?site=${SHOP_PUBLIC_KEY}`, {
        headers: { Origin: shop.url },
      });
      const body = (await served.json()) as {
        surveys: { id: string; question: { text?: { en?: string } } }[];
      };
      expect(body.surveys.find((s) => s.id === 'ces-returns')?.question.text?.en).toBe(
        'Keyboard only: how easy was it?',
      );
      expect(await axe(page)).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('a preview link shows the survey at once on the live page, and sends nothing', async () => {
    const { page } = editor;
    await page.goto(`${server.url}/${surveyHash}`);
    await page.locator('#preview-page').fill(`${shop.url}/index.html`);
    await page.getByRole('button', { name: 'Make a preview link' }).click();
    const link = await page.locator('a.preview-url').getAttribute('href');
    expect(link).toContain('touchpoint_preview=');
    const before = (await server.events(SHOP_SITE_ID)).length;

    const visitor = await openPage(browser, link!);
    await surveyCard(visitor.page).waitFor();
    await visitor.page.screenshot({ path: join(RESULTS_DIR, 'editor-preview-link.png') });
    await scoreOption(visitor.page, 'ces', 7).click();
    await thankYou(visitor.page).waitFor();
    await visitor.page.goto(`${shop.url}/index.html`);
    await visitor.page.waitForLoadState('networkidle');
    expect((await server.events(SHOP_SITE_ID)).length).toBe(before);
    await visitor.close();

    // A forged link (a survey id and a far expiry, no valid signature) shows nothing: the survey runtime asks for
    // the version it names and is refused (the page's published config loads as on any page).
    const forged = link!.replace(
      /touchpoint_preview=[^&]+/,
      'touchpoint_preview=ces-returns~6~99999999999999~forged',
    );
    const stranger = await openPage(browser);
    const refused = stranger.page.waitForResponse((r) => r.url().includes('&preview='));
    await stranger.page.goto(forged);
    expect((await refused).status()).toBe(403);
    await stranger.page.waitForTimeout(500);
    expect(await stranger.page.locator('[data-touchpoint]').count()).toBe(0);
    await stranger.close();
  });
});
