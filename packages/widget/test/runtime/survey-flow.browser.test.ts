// @vitest-environment node
/**
 * The whole script-tag flow in real Chromium, as a visitor and a server see it: the built embed.js and its chunks
 * served beside fixture pages by a loopback server that also plays the reference server (`GET /v1/config` with the
 * config, `POST /v1/events` answered with core's acknowledgement and each event id stored once). For NPS, CES and
 * CSAT a trigger fires, the card shows, the visitor answers with the keyboard only, the thank-you step shows and
 * closes, and the server stores `shown`, `answered` (when a follow-up applies) and `completed`, each once; a
 * dismissal stores `dismissed`; strict CSP (nonce, then Trusted Types) sees zero violations; the stub works with
 * the script loaded late; debug mode logs each decision with its reasons; and events a page could not deliver are
 * delivered by the next page even when no survey shows there, by the collector chunk alone (decisions/0004). The
 * survey chunk and the collector chunk are fetched in parallel, and a card shows only with both.
 */
import { join } from 'node:path';
import type { WireEvent } from '@touchpoint/core';
import {
  type BrowserHandle,
  browserAvailable,
  launchBrowser,
  type StaticServer,
  startStaticServer,
} from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWidget, PACKAGE_ROOT } from '../../scripts/build';
import { STUB_SNIPPET } from '../../src/stub-snippet';

const OUT = join(PACKAGE_ROOT, 'dist-flow-test');
const NONCE = 'Zm9yLXRoZS10ZXN0';
const SITE = 'site-flow';

const CONFIG = {
  version: 1,
  fatigue: { cooldownDays: 0, sessionCap: 10 },
  surveys: [
    {
      id: 'nps-checkout',
      touchpoint: 'checkout.completed',
      question: { type: 'nps' },
      followUp: { id: 'why' },
      thankYou: { autoCloseMs: 600 },
      triggers: [{ type: 'event', name: 'nps.go' }],
    },
    {
      id: 'ces-support',
      touchpoint: 'support.article',
      question: { type: 'ces' },
      // Only for high effort: a 6 (agree) goes straight to the thank-you step.
      followUp: { id: 'effort', bands: ['disagree'] },
      thankYou: { autoCloseMs: 600 },
      triggers: [{ type: 'event', name: 'ces.go' }],
    },
    {
      id: 'csat-delivery',
      touchpoint: 'delivery.received',
      question: { type: 'csat', style: 'faces' },
      followUp: { id: 'what', bands: ['unsatisfied'] },
      thankYou: { autoCloseMs: 600 },
      triggers: [{ type: 'event', name: 'csat.go' }],
    },
  ],
};

/**
 * A second site whose one survey's trigger applies only under `/leftover-shop`: its other pages preload nothing, so
 * what they fetch to deliver events an earlier page left is the collector chunk alone.
 */
const LEFTOVER_SITE = 'site-leftover';
const LEFTOVER_CONFIG = {
  version: 1,
  surveys: [
    {
      id: 'ces-leftover',
      touchpoint: 'support.leftover',
      question: { type: 'ces' },
      thankYou: { autoCloseMs: 600 },
      triggers: [
        {
          type: 'event',
          name: 'ces.go',
          url: { include: [{ match: 'startsWith', value: '/leftover-shop' }] },
        },
      ],
    },
  ],
};
const CONFIGS: Record<string, unknown> = { [SITE]: CONFIG, [LEFTOVER_SITE]: LEFTOVER_CONFIG };

/** Records `error`, `unhandledrejection` and `securitypolicyviolation` events on the page. */
const RECORD = `window.__errors = []; window.__violations = [];
addEventListener('error', (e) => __errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason)));
document.addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective + ' ' + e.blockedURI));`;

const CSP = {
  nonce: `default-src 'self'; script-src 'nonce-${NONCE}'; style-src 'self'`,
  trustedTypes: `default-src 'self'; script-src 'nonce-${NONCE}'; style-src 'self'; require-trusted-types-for 'script'; trusted-types touchpoint`,
};

/** A page with the published stub, `init` with the server as endpoint, then `script` (e.g. a `track`). */
function shopPage(script: string, { debug = false, late = false, site = SITE } = {}): string {
  const init = `touchpoint('init', { siteKey: '${site}', endpoint: '/', debug: ${debug} });`;
  const load = late
    ? `setTimeout(() => { const s = document.createElement('script'); s.nonce = '${NONCE}'; s.src = '/embed.js'; document.head.append(s); }, 300);`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script nonce="${NONCE}">${RECORD}
${STUB_SNIPPET}
${init} ${script} ${load}</script>
${late ? '' : `<script nonce="${NONCE}" async src="/embed.js"></script>`}
</head><body><main><h1>Thank you for your order</h1><p>Your parcel leaves tomorrow.</p></main></body></html>`;
}

interface Stored {
  readonly event: WireEvent;
  /** Page the accepted request came from (its Referer). */
  readonly from: string;
}

describe.skipIf(!browserAvailable())('the survey flow from the script tag in Chromium', () => {
  let server: StaticServer;
  let browser: BrowserHandle;
  /** Accepted events by id: the server's unique key. */
  const stored = new Map<string, Stored>();
  /** How many times an accepted id was sent again. */
  let duplicates = 0;
  /** Requests from these pages are answered 503 (the server is down for them). */
  let refuseFrom: string[] = [];

  beforeAll(async () => {
    await buildWidget(OUT);
    server = await startStaticServer({
      files: Object.fromEntries(
        [
          'embed.js',
          'touchpoint-survey.js',
          'touchpoint-collector.js',
          'touchpoint-triggers.js',
          'touchpoint-debug.js',
        ].map((f) => [`/${f}`, join(OUT, f)]),
      ),
      onRequest(request) {
        const json = { 'content-type': 'application/json' };
        const url = new URL(request.path, 'http://x');
        const site = url.searchParams.get('site') ?? '';
        if (request.method === 'GET' && url.pathname === '/v1/config' && CONFIGS[site])
          return { status: 200, headers: json, body: JSON.stringify(CONFIGS[site]) };
        if (request.method === 'POST' && url.pathname === '/v1/events' && CONFIGS[site]) {
          const from = new URL(String(request.headers.referer ?? 'http://x/')).pathname;
          if (refuseFrom.includes(from)) return { status: 503 };
          const { events } = JSON.parse(request.body) as { events: WireEvent[] };
          let fresh = 0;
          for (const event of events) {
            if (stored.has(event.id)) duplicates++;
            else {
              stored.set(event.id, { event, from });
              fresh++;
            }
          }
          return {
            status: 200,
            headers: json,
            body: JSON.stringify({ ok: true, stored: fresh, duplicates: events.length - fresh }),
          };
        }
        return undefined;
      },
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(() => {
    stored.clear();
    duplicates = 0;
    refuseFrom = [];
  });

  async function open(path: string, html: string, csp?: string) {
    server.setPage(path, csp === undefined ? html : { body: html, csp });
    const context = await browser.newContext();
    const tab = await context.newPage();
    const console: string[] = [];
    tab.on('console', (message) => console.push(message.text()));
    await tab.goto(`${server.url}${path}`);
    return { page: tab, context, console, close: () => context.close() };
  }
  const recorded = (page: Page, name: '__errors' | '__violations') =>
    page.evaluate((key) => (window as unknown as Record<string, string[]>)[key]!, name);
  /** The accessible name of what has focus inside the card. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const inner = document.activeElement?.shadowRoot?.activeElement;
      return inner?.getAttribute('aria-label') || inner?.textContent || inner?.tagName || null;
    });
  const events = (surveyId: string) =>
    [...stored.values()].map((s) => s.event).filter((e) => e.surveyId === surveyId);
  const typesOf = (surveyId: string) =>
    events(surveyId)
      .map((e) => e.type)
      .sort();
  const press = async (page: Page, key: string, times = 1) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };

  /** Keyboard only: Tab into the scale, arrows to the score, Enter. */
  async function chooseScore(page: Page, steps: number) {
    await page.waitForSelector('[data-touchpoint] [role=radio]');
    await press(page, 'Tab');
    await press(page, 'ArrowRight', steps);
    await press(page, 'Enter');
  }

  /** The follow-up: type, Tab past Skip to Send, Enter; then the thank-you step shows and closes by itself. */
  async function answerFollowUp(page: Page, text: string) {
    await page.waitForSelector('[data-touchpoint] textarea');
    expect(await focused(page)).toBe('TEXTAREA');
    await page.keyboard.type(text);
    await press(page, 'Tab', 2);
    expect(await focused(page)).toBe('Send');
    await press(page, 'Enter');
  }

  async function thanksThenClosed(page: Page) {
    await page.waitForSelector('[data-touchpoint] [role=status]');
    await page.waitForSelector('[data-touchpoint]', { state: 'detached' });
  }

  const oneResponse = (surveyId: string) => {
    const list = events(surveyId);
    expect(new Set(list.map((e) => e.responseId)).size).toBe(1);
    expect(new Set(list.map((e) => e.id)).size).toBe(list.length);
    expect(duplicates).toBe(0);
    for (const e of list) {
      expect(e.context.path).toBe(e.context.path.split('?')[0]);
      expect(e.visitor.id).toBe(list[0]!.visitor.id);
    }
    return list;
  };

  async function npsFlow(path: string, csp?: string) {
    const { page, close } = await open(path, shopPage(`touchpoint('track', 'nps.go');`), csp);
    await chooseScore(page, 9);
    await answerFollowUp(page, 'Fast delivery');
    await thanksThenClosed(page);
    await expect
      .poll(() => typesOf('nps-checkout'), { timeout: 10_000 })
      .toEqual(['answered', 'completed', 'shown']);
    const list = oneResponse('nps-checkout');
    const answered = list.find((e) => e.type === 'answered')!;
    const completed = list.find((e) => e.type === 'completed')!;
    expect(answered).toMatchObject({
      touchpoint: 'checkout.completed',
      answers: [{ questionId: 'score', type: 'nps', value: 9 }],
    });
    expect(completed).toMatchObject({
      touchpoint: 'checkout.completed',
      answers: [
        { questionId: 'score', type: 'nps', value: 9 },
        { questionId: 'why', type: 'text', value: 'Fast delivery' },
      ],
    });
    expect(await recorded(page, '__errors')).toEqual([]);
    const violations = await recorded(page, '__violations');
    await close();
    return violations;
  }

  it('NPS: the trigger fires, keyboard only to a 9 and a follow-up, thank-you, then shown/answered/completed once each', async () => {
    expect(await npsFlow('/nps.html')).toEqual([]);
  });

  it('CES: a 6 (agree) skips the follow-up meant for high effort; shown and completed once each', async () => {
    const { page, close } = await open('/ces.html', shopPage(`touchpoint('track', 'ces.go');`));
    await chooseScore(page, 5); // 1 → 6
    await thanksThenClosed(page);
    await expect.poll(() => typesOf('ces-support'), { timeout: 10_000 }).toEqual(['completed', 'shown']);
    const completed = oneResponse('ces-support').find((e) => e.type === 'completed')!;
    expect(completed).toMatchObject({
      touchpoint: 'support.article',
      answers: [{ questionId: 'score', type: 'ces', value: 6, points: 7 }],
    });
    expect(await recorded(page, '__errors')).toEqual([]);
    await close();
  });

  it('CSAT faces: a 2 (unsatisfied) asks what went wrong; shown, answered and completed once each', async () => {
    const { page, close } = await open('/csat.html', shopPage(`touchpoint('track', 'csat.go');`));
    await chooseScore(page, 1); // 1 → 2
    await answerFollowUp(page, 'Box was wet');
    await thanksThenClosed(page);
    await expect
      .poll(() => typesOf('csat-delivery'), { timeout: 10_000 })
      .toEqual(['answered', 'completed', 'shown']);
    const completed = oneResponse('csat-delivery').find((e) => e.type === 'completed')!;
    expect(completed.answers).toEqual([
      { questionId: 'score', type: 'csat', value: 2 },
      { questionId: 'what', type: 'text', value: 'Box was wet' },
    ]);
    expect(await recorded(page, '__errors')).toEqual([]);
    await close();
  });

  it('a dismissal (Escape) sends shown and dismissed', async () => {
    const { page, close } = await open('/dismiss.html', shopPage(`touchpoint('track', 'nps.go');`));
    await page.waitForSelector('[data-touchpoint] [role=radio]');
    await press(page, 'Tab');
    await press(page, 'Escape');
    await page.waitForSelector('[data-touchpoint]', { state: 'detached' });
    await expect.poll(() => typesOf('nps-checkout'), { timeout: 10_000 }).toEqual(['dismissed', 'shown']);
    oneResponse('nps-checkout');
    await close();
  });

  it('under a strict CSP (nonce on the script tag) the flow works with zero securitypolicyviolation events', async () => {
    expect(await npsFlow('/csp.html', CSP.nonce)).toEqual([]);
  });

  it('under Trusted Types (require-trusted-types-for script) too', async () => {
    expect(await npsFlow('/tt.html', CSP.trustedTypes)).toEqual([]);
  });

  it('preloads the survey chunk during idle time under a strict CSP and Trusted Types, shows nothing until a trigger fires, and never fetches it twice', async () => {
    const { page, close } = await open('/preload.html', shopPage(''), CSP.trustedTypes);
    const fetched = () =>
      page.evaluate(
        () =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => entry.name.endsWith('/touchpoint-survey.js')).length,
      );
    await expect.poll(fetched, { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-touchpoint]').count()).toBe(0);
    await page.evaluate(() =>
      (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint('track', 'nps.go'),
    );
    await page.waitForSelector('[data-touchpoint] [role=radio]');
    expect(await fetched()).toBe(1);
    expect(await recorded(page, '__violations')).toEqual([]);
    expect(await recorded(page, '__errors')).toEqual([]);
    await close();
  });

  it('the stub queues init and track until embed.js arrives late, then the survey shows and is answered', async () => {
    const { page, close } = await open(
      '/late.html',
      shopPage(`touchpoint('track', 'ces.go');`, { late: true }),
    );
    await chooseScore(page, 5);
    await thanksThenClosed(page);
    await expect.poll(() => typesOf('ces-support'), { timeout: 10_000 }).toEqual(['completed', 'shown']);
    expect(await recorded(page, '__errors')).toEqual([]);
    await close();
  });

  it('debug mode logs each decision with its reasons', async () => {
    const { page, console, close } = await open(
      '/debug.html',
      shopPage(`touchpoint('track', 'ces.go');`, { debug: true }),
    );
    await page.waitForSelector('[data-touchpoint] [role=radio]');
    await expect
      .poll(() => console.find((line) => line.includes('survey "ces-support" shows')))
      .toBeDefined();
    const decision = console.find((line) => line.includes('survey "ces-support" shows'))!;
    expect(decision).toMatch(/✓ trigger: event "ces.go" fires/);
    expect(decision).toMatch(/✓ device: /);
    const other = console.find((line) => line.includes('survey "nps-checkout" does not show'))!;
    expect(other).toMatch(/✗ trigger: event "ces.go" does not fire any of its triggers/);
    expect(console.every((line) => line.startsWith('[touchpoint]'))).toBe(true);
    await close();
  });

  it('an answer given offline is delivered, once, by the next page of the site, where no survey shows', async () => {
    const { page, context, close } = await open('/shop.html', shopPage(''));
    // A preview (which sends and records nothing) brings the survey chunk while the network is there.
    await page.evaluate(() =>
      (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint('show', 'nps-checkout'),
    );
    await page.waitForSelector('[data-touchpoint] [role=radio]');
    await page.locator('[data-touchpoint] button.x').click();
    await page.waitForSelector('[data-touchpoint]', { state: 'detached' });
    await context.setOffline(true);
    // Chromium's offline emulation does not hold back a beacon sent at pagehide: it may reach the server at once,
    // or once the network is back. Refuse everything from this page, so nothing it sends gets through and the
    // next page has to deliver (what this test proves).
    refuseFrom = ['/shop.html'];
    await page.evaluate(() =>
      (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint('track', 'ces.go'),
    );
    await chooseScore(page, 5);
    await thanksThenClosed(page);
    await page.close(); // left while still offline: nothing could be sent
    expect(stored.size).toBe(0);
    await context.setOffline(false);
    server.setPage('/about.html', shopPage(''));
    const next = await context.newPage();
    await next.goto(`${server.url}/about.html`);
    await expect.poll(() => typesOf('ces-support'), { timeout: 15_000 }).toEqual(['completed', 'shown']);
    expect([...stored.values()].map((s) => s.from)).toEqual(['/about.html', '/about.html']);
    oneResponse('ces-support');
    expect(await next.locator('[data-touchpoint]').count()).toBe(0);
    await close();
  });

  it('events a page could not deliver are delivered by the next page, where no survey shows, once', async () => {
    // The server is down for the first page: every request from it (fetches, the beacon at pagehide) gets a 503.
    refuseFrom = ['/offline.html'];
    const { page, close } = await open('/offline.html', shopPage(`touchpoint('track', 'ces.go');`));
    await chooseScore(page, 5);
    await thanksThenClosed(page);
    server.setPage('/quiet.html', shopPage(''));
    await page.goto(`${server.url}/quiet.html`);
    await expect.poll(() => typesOf('ces-support'), { timeout: 15_000 }).toEqual(['completed', 'shown']);
    expect([...stored.values()].map((s) => s.from)).toEqual(['/quiet.html', '/quiet.html']);
    oneResponse('ces-support');
    expect(await page.locator('[data-touchpoint]').count()).toBe(0);
    // Delivered means removed from storage: nothing is sent again on the next page.
    await page.reload();
    await page.waitForTimeout(1500);
    expect(duplicates).toBe(0);
    expect(stored.size).toBe(2);
    await close();
  });

  /** The widget's files a page asked for (its own requests, as Chromium made them), by name. */
  const chunksAsked = (page: Page) => {
    const asked: string[] = [];
    page.on('request', (request) => {
      const name = /\/((?:embed|touchpoint-[a-z]+)\.js)$/.exec(new URL(request.url()).pathname)?.[1];
      if (name) asked.push(name);
    });
    return asked;
  };

  it('a page that only has events an earlier page left loads the collector chunk alone, which delivers them once', async () => {
    // The server is down for the first page: its answer stays queued in localStorage.
    refuseFrom = ['/leftover-shop.html'];
    const { page, context, close } = await open(
      '/leftover-shop.html',
      shopPage(`touchpoint('track', 'ces.go');`, { site: LEFTOVER_SITE }),
    );
    await chooseScore(page, 5);
    await thanksThenClosed(page);
    await page.close();
    expect(stored.size).toBe(0);
    // No trigger of the site applies on this page: no preload, no card; only the leftover events to deliver.
    server.setPage('/leftover-quiet.html', shopPage('', { site: LEFTOVER_SITE }));
    const next = await context.newPage();
    const asked = chunksAsked(next);
    await next.goto(`${server.url}/leftover-quiet.html`);
    await expect.poll(() => typesOf('ces-leftover'), { timeout: 15_000 }).toEqual(['completed', 'shown']);
    expect([...stored.values()].map((s) => s.from)).toEqual(['/leftover-quiet.html', '/leftover-quiet.html']);
    oneResponse('ces-leftover');
    expect(asked).toEqual(['embed.js', 'touchpoint-collector.js']);
    expect(await next.locator('[data-touchpoint]').count()).toBe(0);
    expect(await recorded(next, '__errors')).toEqual([]);
    // Delivered means removed from storage: the next page of the site finds nothing and loads no chunk.
    const after = await context.newPage();
    const askedAfter = chunksAsked(after);
    await after.goto(`${server.url}/leftover-quiet.html`);
    await after.waitForTimeout(1500);
    expect(askedAfter).toEqual(['embed.js']);
    expect(duplicates).toBe(0);
    expect(stored.size).toBe(2);
    await close();
  });

  it('the preload asks for the survey chunk and the collector chunk together, not one after the other', async () => {
    const context = await browser.newContext();
    // The survey chunk is held back until the collector chunk is asked for: were the collector asked for only
    // once the survey chunk had run, it would never be, and the survey chunk would wait out the 10 s below.
    let collectorAsked = () => {};
    const asked = new Promise<void>((resolve) => {
      collectorAsked = resolve;
    });
    let heldUntilCollector = false;
    await context.route('**/touchpoint-collector.js', (route) => {
      collectorAsked();
      return route.continue();
    });
    await context.route('**/touchpoint-survey.js', async (route) => {
      heldUntilCollector = await Promise.race([
        asked.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]);
      return route.continue();
    });
    server.setPage('/parallel.html', { body: shopPage(''), csp: CSP.trustedTypes });
    const page = await context.newPage();
    const chunks = chunksAsked(page);
    await page.goto(`${server.url}/parallel.html`);
    await expect
      .poll(() => chunks.filter((name) => name !== 'embed.js').sort(), { timeout: 15_000 })
      .toEqual(['touchpoint-collector.js', 'touchpoint-survey.js']);
    await page.evaluate(() =>
      (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint('track', 'nps.go'),
    );
    await page.waitForSelector('[data-touchpoint] [role=radio]');
    expect(heldUntilCollector).toBe(true);
    await expect.poll(() => typesOf('nps-checkout'), { timeout: 10_000 }).toEqual(['shown']);
    expect(await recorded(page, '__violations')).toEqual([]);
    expect(await recorded(page, '__errors')).toEqual([]);
    await context.close();
  });

  it('when the collector chunk cannot load, no card shows, one clear error is logged and nothing reaches the page', async () => {
    const context = await browser.newContext();
    await context.route('**/touchpoint-collector.js', (route) => route.fulfill({ status: 404, body: '' }));
    server.setPage('/no-collector.html', shopPage(`touchpoint('track', 'nps.go');`));
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`${server.url}/no-collector.html`);
    await expect
      .poll(
        () => console.filter((line) => line.startsWith('[touchpoint] could not load survey runtime')).length,
      )
      .toBeGreaterThan(0);
    await page.evaluate(() =>
      (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint('track', 'nps.go'),
    );
    await page.waitForTimeout(500);
    expect(await page.locator('[data-touchpoint]').count()).toBe(0);
    expect(stored.size).toBe(0);
    expect(await recorded(page, '__errors')).toEqual([]);
    // Chromium's own line about the 404 aside, every line is ours, and ours name the file that failed.
    expect(
      console.filter(
        (line) => !line.startsWith('[touchpoint]') && !line.startsWith('Failed to load resource'),
      ),
    ).toEqual([]);
    expect(
      console
        .filter((line) => line.startsWith('[touchpoint]'))
        .every((line) => line.includes('touchpoint-collector.js')),
    ).toBe(true);
    await context.close();
  });
});
