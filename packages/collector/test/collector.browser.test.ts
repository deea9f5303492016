/**
 * The collector in real Chromium against a real loopback server (docs/faults.md cases 9, 12, 13, 17, 20, 21):
 * the bundle is built with esbuild for the page, the server answers with core's acknowledgement and dedupes by id.
 */
import type { WireEvent } from '@touchpoint/core';
import {
  type BrowserHandle,
  browserAvailable,
  launchBrowser,
  type StaticServer,
  startStaticServer,
} from '@touchpoint/testkit';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered } from './support/events';

const SITE_KEY = 'site_1';

type Page = Awaited<ReturnType<Awaited<ReturnType<BrowserHandle['newContext']>>['newPage']>>;

/** Builds the collector as the page gets it: one IIFE exposing `TouchpointCollector`. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'TouchpointCollector',
    conditions: ['@touchpoint/source'],
    target: 'es2022',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

const PAGE = `<!doctype html><title>shop</title><script src="/collector.js"></script>
<script>
  window.collector = TouchpointCollector.createCollector({ endpoint: location.origin, siteKey: '${SITE_KEY}' });
</script>`;

describe.skipIf(!browserAvailable())('collector in Chromium', () => {
  let browser: BrowserHandle;
  let server: StaticServer;
  /** What the server answers: 'ok' stores and acknowledges; a number is an error status. */
  let mode: 'ok' | number = 'ok';
  const stored = new Map<string, WireEvent>();

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startStaticServer({
      pages: {
        '/': PAGE,
        '/other': '<!doctype html><title>elsewhere</title><p>No collector here.</p>',
        '/collector.js': { body: await bundle(), type: 'text/javascript; charset=utf-8' },
      },
      onRequest(request) {
        if (request.method !== 'POST' || !request.path.startsWith('/v1/events')) return { status: 404 };
        if (mode !== 'ok') return { status: mode };
        const { events } = JSON.parse(request.body) as { events: WireEvent[] };
        const fresh = events.filter((e) => !stored.has(e.id));
        for (const e of fresh) stored.set(e.id, e);
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ok: true, stored: fresh.length, duplicates: events.length - fresh.length }),
        };
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const arrivals = (id: string) =>
    server.requests.filter((r) => r.method === 'POST' && r.body.includes(`"id":"${id}"`)).length;

  async function open(): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    return page;
  }

  it('an answer sent as the page is left (same tick) arrives exactly once, CORS-simple', async () => {
    mode = 'ok';
    const page = await open();
    const event = answered(9);
    await page.evaluate((e) => {
      (window as unknown as { collector: { send(e: unknown): void } }).collector.send(e);
      location.href = '/other';
    }, event);
    await page.waitForURL('**/other');
    await expect.poll(() => stored.has(event.id), { timeout: 5000 }).toBe(true);
    await page.waitForTimeout(500);
    expect(arrivals(event.id)).toBe(1);
    const request = server.requests.find((r) => r.body.includes(event.id))!;
    expect(request.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(server.requests.filter((r) => r.method === 'OPTIONS')).toEqual([]);
    expect(stored.get(event.id)).toEqual(event);
    await page.context().close();
  });

  it('registers no unload or beforeunload listener (CDP DOMDebugger.getEventListeners)', async () => {
    const page = await open();
    const cdp = await page.context().newCDPSession(page);
    const listenerTypes = async (expression: string) => {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      return listeners.map((l) => l.type);
    };
    const onWindow = await listenerTypes('window');
    const onDocument = await listenerTypes('document');
    expect(onWindow).toEqual(expect.arrayContaining(['pagehide', 'pageshow', 'online', 'offline']));
    expect(onDocument).toContain('visibilitychange');
    expect([...onWindow, ...onDocument]).not.toContain('unload');
    expect([...onWindow, ...onDocument]).not.toContain('beforeunload');
    await page.context().close();
  });

  it('a persisted queue survives a reload and is resent with the same ids', async () => {
    mode = 503;
    const page = await open();
    const events = [answered(2), answered(3)];
    await page.evaluate((es) => {
      const { collector } = window as unknown as {
        collector: { send(e: unknown): void; flush(): Promise<void> };
      };
      for (const e of es) collector.send(e);
      return collector.flush();
    }, events);
    const queued = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('touchpoint:q:'))
        .map((k) => localStorage.getItem(k)),
    );
    expect(queued.join()).toContain(events[0]!.id);
    expect(events.every((e) => !stored.has(e.id))).toBe(true);
    // Still down while the page reloads: what the old page hands over at unload fails too.
    await page.reload();
    const before = server.requests.length;
    mode = 'ok';
    await expect.poll(() => events.every((e) => stored.has(e.id)), { timeout: 10_000 }).toBe(true);
    // The new page took the stored queue over and sent it again: same ids, counted as a later attempt.
    const after = server.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.headers['content-type']);
    expect(
      after.some((r) => /attempt=[2-9]/.test(r.path) && events.every((e) => r.body.includes(e.id))),
    ).toBe(true);
    await expect
      .poll(() =>
        page.evaluate(() =>
          Object.keys(localStorage)
            .filter((k) => k.startsWith('touchpoint:q:'))
            .map((k) => localStorage.getItem(k))
            .join(),
        ),
      )
      .not.toContain(events[0]!.id);
    await page.context().close();
  });

  it('offline (context.setOffline): nothing is sent; back online: everything, once, without cookies', async () => {
    mode = 'ok';
    const page = await open();
    const context = page.context();
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noDocumentCookie: a cookie of the page that the collector must not send
      document.cookie = 'session=secret; path=/';
    });
    await context.setOffline(true);
    const events = [answered(5), answered(6), answered(7)];
    const before = server.requests.length;
    await page.evaluate((es) => {
      const { collector } = window as unknown as {
        collector: { send(e: unknown): void; flush(): Promise<void> };
      };
      for (const e of es) collector.send(e);
      return collector.flush();
    }, events);
    await page.waitForTimeout(1500);
    expect(server.requests.length).toBe(before);
    await context.setOffline(false);
    await expect.poll(() => events.every((e) => stored.has(e.id)), { timeout: 5000 }).toBe(true);
    const sent = server.requests.slice(before);
    expect(events.map((e) => arrivals(e.id))).toEqual([1, 1, 1]);
    expect(sent.every((r) => r.headers.cookie === undefined)).toBe(true);
    await context.close();
  });
});
