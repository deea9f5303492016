/**
 * Alerts from a real visitor: in Chromium, a detractor's answer on the example shop's checkout (NPS 2, with a
 * follow-up) reaches a real receiver on 127.0.0.1 within seconds, signed with the rule's secret, naming the
 * response, the score and the words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildWidgetFiles,
  SHOP_CONFIG_FILE,
  SHOP_PUBLIC_KEY,
  SHOP_SITE_ID,
  type ShopServer,
  startShop,
} from '@touchpoint/example-script-tag';
import { verifySignature } from '@touchpoint/server';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, openPage } from '../src/browser-page';
import { type ReferenceServer, startReferenceServer } from '../src/reference-server';
import { followUpBox, scoreOption, sendButton, surveyCard, thankYou } from '../src/survey-card';

const ADMIN_KEY = 'ak_shop_alerts_0123456789abcdef';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly at: number;
}

describe.skipIf(!browserAvailable())('alerts from the script-tag shop', () => {
  let server: ReferenceServer;
  let shop: ShopServer;
  let browser: BrowserHandle;
  let widgetDir: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/touchpoint-alerts`;
    widgetDir = await buildWidgetFiles(mkdtempSync(join(tmpdir(), 'touchpoint-alerts-widget-')));
    let endpoint = '';
    shop = await startShop({ widgetDir, port: 0, endpoint: () => endpoint });
    server = await startReferenceServer(
      [
        {
          id: SHOP_SITE_ID,
          publicKey: SHOP_PUBLIC_KEY,
          adminKey: ADMIN_KEY,
          allowedOrigins: [shop.url],
          configFile: SHOP_CONFIG_FILE,
        },
      ],
      { alerts: { allowPrivateTargets: true } },
    );
    endpoint = server.url;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    if (widgetDir) rmSync(widgetDir, { recursive: true, force: true });
  });

  it('an NPS 2 at checkout produces a signed alert at the receiver within seconds', async () => {
    const created = await fetch(`${server.url}/v1/admin/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: receiverUrl,
        format: 'json',
        bands: ['detractor'],
        touchpoints: ['checkout.completed'],
      }),
    });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string; secret: string };

    const { page, recorded, close } = await openPage(browser, `${shop.url}/checkout.html`);
    await page.getByLabel('E-mail for the receipt').fill('sanne@example.com');
    await page.getByRole('button', { name: 'Place order' }).click();
    await surveyCard(page).waitFor();
    await scoreOption(page, 'nps', 2).click();
    await followUpBox(page).fill('The parcel arrived broken & late');
    const sent = Date.now();
    await sendButton(page).click();
    await thankYou(page).waitFor();

    await expect.poll(() => received.length, { timeout: 10_000, interval: 100 }).toBe(1);
    const [alert] = received;
    expect(alert!.at - sent).toBeLessThan(10_000);
    expect(verifySignature(rule.secret, alert!.body, String(alert!.headers['touchpoint-signature']))).toBe(
      true,
    );
    expect(alert!.headers['touchpoint-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(alert!.body)).toMatchObject({
      type: 'answer',
      rule: rule.id,
      site: SHOP_SITE_ID,
      touchpoint: 'checkout.completed',
      metric: 'nps',
      score: 2,
      band: 'detractor',
      text: 'The parcel arrived broken & late',
      path: '/order-complete.html',
    });
    expect(await recorded()).toEqual(CLEAN);
    await close();
  });
});
