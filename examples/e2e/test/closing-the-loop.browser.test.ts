/**
 * Closing the loop through the example shop (issue 13, its Tests paragraph), as `pnpm start` runs it: a
 * loyalty-card holder places an order on the shop (its plain HTML pages, the stub, embed.js), the order page
 * identifies them with `identify()`, they answer the checkout NPS with 3 and a few words. The item appears in the
 * follow-up inbox, in the API and in the dashboard, with the card number as the user id; a marketer marks it
 * contacted with a note in the page; the at-risk page lists the customer; the customer-attribute filter narrows
 * the overview to their country; the journey page shows the shop's journey. Everything passes axe; screenshots of
 * the inbox, at-risk and journey pages go to test-results/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { AtRiskResponse, InboxItemResponse, InboxResponse, OverviewResponse } from '@touchpoint/core';
import {
  buildWidgetFiles,
  SHOP_CONFIG_FILE,
  SHOP_PUBLIC_KEY,
  SHOP_SITE_ID,
  type ShopServer,
  startShop,
} from '@touchpoint/example-script-tag';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, type OpenedPage, openPage } from '../src/browser-page';
import { WCAG_TAGS } from '../src/keyboard';
import { type ReferenceServer, startReferenceServer } from '../src/reference-server';
import { followUpBox, onlyResponse, scoreOption, sendButton, surveyCard, thankYou } from '../src/survey-card';

const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
const today = () => new Date().toISOString().slice(0, 10);
const CARD = '10421042';
const WORDS = 'The moka pot arrived dented and nobody answered my e-mail';
const NOTE = 'Called the customer, a new pot is on its way';

describe.skipIf(!browserAvailable())('closing the loop from the example shop', () => {
  let server: ReferenceServer;
  let shop: ShopServer;
  let browser: BrowserHandle;
  let widgetDir: string;
  let marketer: OpenedPage;

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${server.secretKeyOf(SHOP_SITE_ID)}` },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as T;
  };
  const axe = async () => {
    const scan = await new AxeBuilder({ page: marketer.page }).withTags(WCAG_TAGS).analyze();
    return scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  };

  beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    widgetDir = await buildWidgetFiles(mkdtempSync(join(tmpdir(), 'touchpoint-loop-widget-')));
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
    await marketer?.close();
    await browser?.close();
    await shop?.close();
    await server?.stop();
    if (widgetDir) rmSync(widgetDir, { recursive: true, force: true });
  });

  it('an identified customer answers NPS 3 at checkout on the shop', async () => {
    const { page, recorded, close } = await openPage(browser, `${shop.url}/checkout.html`);
    await page.getByLabel('E-mail for the receipt').fill('sanne@example.com');
    await page.getByLabel('Loyalty card number (optional)').fill(CARD);
    await page.getByLabel('Ship to').selectOption('BE');
    await page.getByRole('button', { name: 'Place order' }).click();
    await surveyCard(page).waitFor();
    await scoreOption(page, 'nps', 3).click();
    await followUpBox(page).fill(WORDS);
    await sendButton(page).click();
    await thankYou(page).waitFor();

    await expect
      .poll(async () => onlyResponse(await server.events(SHOP_SITE_ID), 'nps-checkout').types, {
        timeout: 15_000,
      })
      .toEqual(['shown', 'answered', 'completed']);
    const { events } = onlyResponse(await server.events(SHOP_SITE_ID), 'nps-checkout');
    // identify() ran before the touchpoint: every event of the response carries the customer.
    for (const event of events) {
      expect(event.visitor.userId).toBe(CARD);
      expect(event.visitor.attributes).toEqual({ plan: 'loyalty', country: 'BE' });
    }
    expect(await recorded()).toEqual(CLEAN);
    await close();
  });

  it('the item is in the inbox API with the user id and the words', async () => {
    const inbox = await api<InboxResponse>(`/v1/inbox?from=${today()}&to=${today()}`);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      touchpoint: 'checkout.completed',
      score: 3,
      status: 'open',
      customer: { userId: CARD, attributes: { plan: 'loyalty', country: 'BE' } },
      texts: [WORDS],
    });
    expect(inbox.summary.byStatus).toEqual({ open: 1, contacted: 0, resolved: 0 });
  });

  it('a marketer finds it in the inbox page and marks it contacted with a note', async () => {
    marketer = await openPage(browser, `${server.url}/`, { viewport: { width: 1280, height: 900 } });
    const { page } = marketer;
    await page.getByLabel(/results key/i).fill(server.secretKeyOf(SHOP_SITE_ID));
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.locator('table.overview-table').waitFor();
    await page.getByRole('link', { name: 'Follow-up inbox' }).click();
    const item = page.locator('li.inbox-item').first();
    await item.waitFor();
    expect(await item.textContent()).toContain(CARD);
    expect(await item.textContent()).toContain(WORDS);
    expect(await axe()).toEqual([]);

    await item.getByRole('button', { name: 'Follow up' }).click();
    await item.getByLabel('Status').selectOption('contacted');
    await item.getByLabel('Note').fill(NOTE);
    await item.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Contacted' }).click();
    await page.locator('li.inbox-item .inbox-note').getByText(NOTE).waitFor();
    await page.locator('li.inbox-item').first().getByRole('button', { name: 'Follow up' }).click();
    await page.locator('.inbox-history li').nth(1).waitFor();
    expect(await axe()).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIR, 'loop-inbox.png'), fullPage: true });

    // The change is the server's, with its history.
    const inbox = await api<InboxResponse>(`/v1/inbox?from=${today()}&to=${today()}&status=contacted`);
    const detail = await api<InboxItemResponse>(`/v1/inbox/${inbox.items[0]!.responseId}`);
    expect(detail.item).toMatchObject({ status: 'contacted', note: NOTE });
    expect(detail.item.followedUpAt).not.toBeNull();
    expect(detail.history.map((h) => [h.kind, h.status])).toEqual([
      ['opened', 'open'],
      ['updated', 'contacted'],
    ]);
  });

  it('the at-risk page lists the customer', async () => {
    const { page } = marketer;
    await page.getByRole('link', { name: 'Customers at risk' }).click();
    const customer = page.locator(`li.at-risk-customer[data-user="${CARD}"]`);
    await customer.waitFor();
    expect(await customer.textContent()).toContain('Latest answer needs a follow-up');
    expect(await customer.textContent()).toContain('country: BE');
    expect(await axe()).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIR, 'loop-at-risk.png'), fullPage: true });
    const risk = await api<AtRiskResponse>(`/v1/results/at-risk?from=${today()}&to=${today()}`);
    expect(risk.customers.map((c) => c.userId)).toEqual([CARD]);
  });

  it('the customer-attribute filter narrows the results to the customer’s country', async () => {
    const { page } = marketer;
    await page.getByRole('link', { name: 'Touchpoints' }).click();
    await page.locator('table.overview-table').waitFor();
    await page.getByLabel('Customer attribute').selectOption({ label: 'country = BE' });
    // Listen before clicking: on loopback the answer can arrive before a listener set up after the click.
    const filteredResponse = page.waitForResponse((response) => response.url().includes('attr.country=BE'));
    await page.getByRole('button', { name: 'Apply' }).click();
    await filteredResponse;
    const row = page.locator('tr[data-touchpoint="checkout.completed"]');
    await row.waitFor();
    expect(await row.locator('.answers').textContent()).toBe('1');
    const filtered = await api<OverviewResponse>(
      `/v1/results/overview?from=${today()}&to=${today()}&attr.country=BE`,
    );
    expect(filtered.rows.map((r) => [r.touchpoint, r.n])).toEqual([['checkout.completed', 1]]);
    const other = await api<OverviewResponse>(
      `/v1/results/overview?from=${today()}&to=${today()}&attr.country=NL`,
    );
    expect(other.rows).toEqual([]);
  });

  it('the journey page shows the shop’s journey', async () => {
    const { page } = marketer;
    await page.getByRole('button', { name: 'Clear segment' }).click();
    await page.getByRole('link', { name: 'Journeys' }).click();
    await page.getByRole('heading', { name: 'Buying' }).waitFor();
    const stages = page.locator('li.journey-stage');
    expect(await stages.evaluateAll((items) => items.map((item) => item.getAttribute('data-stage')))).toEqual(
      ['Discover', 'Buy', 'Get help'],
    );
    const buy = stages.nth(1).locator('li.journey-touchpoint[data-touchpoint="checkout.completed"]');
    await buy.waitFor();
    expect(await buy.locator('.score-value').textContent()).toMatch(/^[-−]100$/);
    // One answer: the score without an interval (decision 0011), said in words.
    expect(await buy.locator('.interval-text').textContent()).toMatch(/fewer than 5 answers/);
    expect(await stages.nth(0).textContent()).toContain('No answers in this range.');
    expect(await axe()).toEqual([]);
    await page.screenshot({ path: join(RESULTS_DIR, 'loop-journey.png'), fullPage: true });
    expect(await marketer.recorded()).toEqual(CLEAN);
  });
});
