/**
 * The dashboard's alerts page in real Chromium against the real server: the admin opens Alerts, signs in with the
 * admin key, creates a rule for a receiver on 127.0.0.1 (its secret shown once), sends a test alert that reaches
 * the receiver signed, and sees the delivery, a failing one and its error, and resends it. axe finds nothing. An
 * admin signed in to the editor opens Alerts without a second sign-in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../src/alerts/signature';
import { ensureDashboard } from '../src/dashboard/ensure-dashboard';
import { type RunningServer, startServer } from '../src/serve';
import { openSqliteStore } from '../src/store/sqlite';
import { type AlertReceiver, startAlertReceiver } from './support/alert-receiver';
import { SHOP_ADMIN, SHOP_SECRET, testSite } from './support/sites';

describe.skipIf(!browserAvailable())('the alerts page of the dashboard, in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-alerts-dashboard-'));
  let server: RunningServer;
  let browser: BrowserHandle;
  let receiver: AlertReceiver;
  let failing = false;

  beforeAll(async () => {
    const dashboard = await ensureDashboard({ dir: join(dir, 'dist') });
    receiver = await startAlertReceiver(() => (failing ? 500 : 200));
    server = await startServer({
      store: await openSqliteStore({ path: join(dir, 'touchpoint.sqlite') }),
      sites: [testSite()],
      port: 0,
      dashboardDir: dashboard.dir,
      log: () => undefined,
      alerts: { allowPrivateTargets: true, delivery: { pollMs: 100 } },
    });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A page of its own, collecting page errors and console errors (a refused key's logged 401 only when expected). */
  async function openPage({ refusedKeyExpected = false } = {}) {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !(refusedKeyExpected && m.text().includes('401'))) problems.push(m.text());
    });
    return { context, page, problems };
  }

  it('creates a rule, sends a test alert, shows deliveries and failures, resends', async () => {
    // A refused key answers 401, which Chromium logs as a failed resource: expected here.
    const { context, page, problems } = await openPage({ refusedKeyExpected: true });
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();

    // The results key does not open the alerts.
    await page.getByLabel('Admin key', { exact: true }).fill(SHOP_SECRET);
    await page.getByRole('button', { name: 'Open alerts' }).click();
    await page.getByText('This key was not accepted').waitFor();
    await page.getByLabel('Admin key', { exact: true }).fill(SHOP_ADMIN);
    await page.getByRole('button', { name: 'Open alerts' }).click();
    await page.getByText('No alert rules yet.').waitFor();

    await page.getByLabel('Destination URL').fill(`${receiver.url}/hook`);
    await page.getByRole('button', { name: 'Create rule' }).click();
    const secret = (await page.locator('code.alert-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    const rule = page.locator('li.alert-rule');
    await expect.poll(() => rule.count()).toBe(1);

    await rule.getByRole('button', { name: 'Send a test alert' }).click();
    await receiver.until((all) => all.length === 1, 15_000);
    expect(verifySignature(secret, receiver.received[0]!.body, receiver.received[0]!.signature)).toBe(true);
    await rule.getByRole('button', { name: 'Refresh' }).click();
    await rule.getByRole('cell', { name: 'delivered' }).waitFor();

    // A receiver that fails: the attempt's error is on the page; a resend delivers once it recovers.
    failing = true;
    await rule.getByRole('button', { name: 'Send a test alert' }).click();
    await receiver.until((all) => all.some((r) => r.answered === 500), 15_000);
    await expect
      .poll(
        async () => {
          await rule.getByRole('button', { name: 'Refresh' }).click();
          return rule.getByText('HTTP 500').count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    failing = false;
    const row = rule.locator('tr', { hasText: 'HTTP 500' }).first();
    await row.getByRole('button', { name: 'Resend' }).click();
    await receiver.until((all) => all.filter((r) => r.answered === 200).length === 2, 15_000);
    const [first, second] = receiver.received.filter((r) => r.answered === 200);
    expect(second!.deliveryId).not.toBe(first!.deliveryId);
    expect(
      receiver.received.filter((r) => r.deliveryId === second!.deliveryId).map((r) => r.answered),
    ).toEqual([500, 200]);
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens Alerts for an admin signed in to the editor without asking for the key again', async () => {
    const { context, page, problems } = await openPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Results key or admin key').fill(SHOP_ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Surveys' }).first().waitFor();
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    // The rule the test above created is listed at once: no key form.
    await expect.poll(() => page.locator('li.alert-rule').count()).toBe(1);
    expect(await page.getByLabel('Admin key', { exact: true }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
