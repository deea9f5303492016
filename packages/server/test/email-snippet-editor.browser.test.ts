/**
 * The e-mail snippet in the survey editor, in Chromium against the real server (its dashboard, its admin routes,
 * its Content-Security-Policy), on SQLite and a real PostgreSQL 15: signed in with the admin key, a survey's page
 * makes the snippet of a personal link; the text areas hold exactly the HTML and plain text the route answered;
 * the preview (a frame sandboxed without scripts) shows the scale as buttons, styled, each naming its link, with no
 * CSP violation, and a click on one opens and answers nothing; both copy buttons put the exact text on the clipboard; a
 * survey that is only in the draft gets no snippet and says why; the page passes axe. A screenshot goes to
 * test-results/editor-email-snippet.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboard } from '../src/dashboard/ensure-dashboard';
import { type RunningServer, startServer } from '../src/serve';
import { surveyKindsOf } from '../src/sites/site';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { SHOP_ADMIN, testSite } from './support/sites';
import { cspViolations, watchedPage } from './support/watched-page';

const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));

interface SnippetAnswer {
  html: string;
  text: string;
  url: string;
  responseId: string;
}

/**
 * Axe over the page. The preview's frame is sandboxed without scripts, so axe cannot run inside it (it would wait
 * for the frame forever); what the frame shows is the e-mail, scanned on its own in the first test.
 */
const axe = (page: Page) =>
  new AxeBuilder({ page })
    .exclude('iframe.snippet-frame')
    .analyze()
    .then((r) => r.violations);

const dashboardDir = mkdtempSync(join(tmpdir(), 'touchpoint-snippet-editor-'));
let dashboard: Promise<{ dir: string }> | undefined;
afterAll(() => rmSync(dashboardDir, { recursive: true, force: true }));

describe.skipIf(!browserAvailable()).each(databaseKinds())(
  'the e-mail snippet in the survey editor on $name, in Chromium',
  (kind) => {
    const site = testSite();
    let database: TestDatabase;
    let store: Store;
    let server: RunningServer;
    let browser: BrowserHandle;
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      if (kind.skip) return;
      dashboard ??= ensureDashboard({ dir: join(dashboardDir, 'dist') });
      const { dir } = await dashboard;
      database = await kind.start();
      store = await database.openStore();
      await store.registerSurveys(site.id, surveyKindsOf(site.config));
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
      context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      page = await watchedPage(context, problems);
      page.setDefaultTimeout(15_000);
      mkdirSync(SHOTS, { recursive: true });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await database?.stop();
    });

    it.skipIf(kind.skip)(
      "makes a survey's e-mail snippet: exact texts, a preview with the scale as buttons, copies",
      async () => {
        await page.goto(`${server.url}/`);
        await page.getByLabel(/admin key/i).fill(SHOP_ADMIN);
        await page.getByRole('button', { name: /sign in/i }).click();
        await page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();
        await page.getByRole('link', { name: 'nps-checkout', exact: true }).click();

        const panel = page.getByRole('region', { name: 'E-mail snippet' });
        await panel.getByLabel('Customer id (optional)').fill('u-7');
        expect(await panel.getByLabel('Language of the question').inputValue()).toBe('en');
        const [answer] = await Promise.all([
          page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/admin/links/email'),
          panel.getByRole('button', { name: 'Make the e-mail snippet' }).click(),
        ]);
        expect(answer.status()).toBe(200);
        const asked = new URL(answer.url()).searchParams;
        expect(Object.fromEntries(asked)).toEqual({
          survey: 'nps-checkout',
          format: 'json',
          user: 'u-7',
          lang: 'en',
        });
        const snippet = (await answer.json()) as SnippetAnswer;
        expect(snippet.html).toMatch(/^<table/);

        // The text areas hold exactly what the route answered.
        const html = panel.getByLabel('HTML (paste into the e-mail’s HTML body)');
        const text = panel.getByLabel('Plain text (the e-mail’s text alternative)');
        await expect.poll(() => html.inputValue()).toBe(snippet.html);
        expect(await text.inputValue()).toBe(snippet.text);
        expect(await panel.locator('.snippet-url').textContent()).toBe(snippet.url);

        // The preview: eleven buttons, 0 to 10, styled as the e-mail is, each showing (on hover) its personal link
        // with its score; none is a live link, so a click opens nothing and answers nothing.
        const frameElement = panel.locator('iframe.snippet-frame');
        expect(await frameElement.getAttribute('sandbox')).toBe('allow-same-origin');
        const frame = panel.frameLocator('iframe.snippet-frame');
        const buttons = frame.locator('a');
        await expect.poll(() => buttons.count()).toBe(11);
        expect(await buttons.allTextContents()).toEqual([
          '0',
          '1',
          '2',
          '3',
          '4',
          '5',
          '6',
          '7',
          '8',
          '9',
          '10',
        ]);
        const nine = frame.getByTitle(`${snippet.url}&score=9`);
        expect(await nine.textContent()).toBe('9');
        const look = await nine.evaluate((a) => {
          const style = a.ownerDocument.defaultView!.getComputedStyle(a);
          return [
            style.display,
            style.borderTopStyle,
            style.fontWeight,
            a.getBoundingClientRect().height > 30,
          ];
        });
        expect(look).toEqual(['block', 'solid', '700', true]);
        expect(await frame.locator('body').textContent()).toContain('How likely are you to recommend us');
        expect(await frame.locator('script, [href]').count()).toBe(0);
        expect(await panel.getByText(/left out of this preview/).count()).toBe(0);
        // A real click at the button (the mouse, not locator.click: Playwright's own click checks run script in the
        // frame, which its sandbox refuses and reports).
        const box = (await nine.boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForTimeout(300);
        const frameUrl = await frameElement.evaluate(
          (frame) =>
            (frame as typeof frame & { contentDocument: typeof frame.ownerDocument | null }).contentDocument
              ?.URL,
        );
        expect(frameUrl).toBe('about:blank');
        expect(context.pages()).toHaveLength(1);
        expect(await store.countEvents('shop')).toBe(0);

        // Copy: the exact texts on the clipboard.
        await panel.getByRole('button', { name: 'Copy the HTML' }).click();
        await panel.getByText('The HTML is copied.').waitFor();
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(snippet.html);
        await panel.getByRole('button', { name: 'Copy the plain text' }).click();
        await panel.getByText('The plain text is copied.').waitFor();
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(snippet.text);

        // The e-mail itself, as a mail client shows it (the preview's frame runs no axe): WCAG 2.2 AA clean.
        const mail = await context.newPage();
        await mail.setContent(
          `<!doctype html><html lang="en"><title>E-mail</title><body>${snippet.html}</body></html>`,
        );
        const mailScan = await new AxeBuilder({ page: mail })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        expect(mailScan.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
        await mail.close();

        await panel.screenshot({ path: join(SHOTS, `editor-email-snippet-${kind.name}.png`) });
        expect(await axe(page)).toEqual([]);
        expect(await cspViolations(page)).toEqual([]);
        // The test's own init script (COLLECT_VIOLATIONS) is offered to every frame; the preview's sandbox refuses
        // to run it and says so. Those refusals prove the sandbox; anything else is a problem.
        const refused = "Blocked script execution in 'about:blank' because the document's frame is sandboxed";
        expect(problems.filter((p) => !p.startsWith(refused))).toEqual([]);
      },
    );

    it.skipIf(kind.skip)(
      'says a survey that is only in the draft has no snippet yet, and asks nothing',
      async () => {
        const asked: string[] = [];
        page.on('request', (request) => {
          if (new URL(request.url()).pathname === '/v1/admin/links/email') asked.push(request.url());
        });
        await page.getByRole('link', { name: 'Back to the surveys' }).click();
        await page.getByRole('button', { name: 'New survey' }).click();
        const panel = page.getByRole('region', { name: 'E-mail snippet' });
        await panel.getByText(/is not published yet\. Publish it first/).waitFor();
        expect(await panel.getByRole('button', { name: 'Make the e-mail snippet' }).count()).toBe(0);
        expect(asked).toEqual([]);
        expect(await axe(page)).toEqual([]);
      },
    );
  },
);
