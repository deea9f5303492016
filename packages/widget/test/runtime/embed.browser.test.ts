// @vitest-environment node
/**
 * The built embed.js in real Chromium, served beside fixture pages by a loopback server: the published stub with
 * the script arriving late, the tag included twice, storage blocked in a sandboxed iframe, and a hostile host.
 * No `error` or `unhandledrejection` may come from us.
 */
import { join } from 'node:path';
import {
  type BrowserHandle,
  browserAvailable,
  launchBrowser,
  type StaticServer,
  startStaticServer,
} from '@touchpoint/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget, PACKAGE_ROOT } from '../../scripts/build';
import { STUB_SNIPPET } from '../../src/stub-snippet';

type Page = Awaited<ReturnType<Awaited<ReturnType<BrowserHandle['newContext']>>['newPage']>>;

const OUT = join(PACKAGE_ROOT, 'dist-browser-test');
const CONFIG = {
  version: 1,
  surveys: [
    { id: 's', touchpoint: 't', question: { type: 'nps' }, triggers: [{ type: 'event', name: 'never' }] },
  ],
};
const init = (extra = '') =>
  `touchpoint('init', { siteKey: 'site-1', config: ${JSON.stringify(CONFIG)}, debug: true${extra} });`;

/** Records console lines and every error / unhandledrejection on the page. */
const RECORD = `window.__errors = [];
addEventListener('error', (e) => __errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason)));`;

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><script>${RECORD}</script></head><body>${body}</body></html>`;

const PAGES = {
  '/late.html': page(`<script>${STUB_SNIPPET}
touchpoint('track', 'first'); ${init()} touchpoint('track', 'second');
setTimeout(() => { const s = document.createElement('script'); s.src = '/embed.js'; s.onload = () => touchpoint('track', 'third'); document.head.append(s); }, 300);
</script>`),
  '/twice.html': page(
    `<script>${STUB_SNIPPET} ${init()}</script><script src="/embed.js"></script><script src="/embed.js"></script>`,
  ),
  '/hostile.html': page(`<script>
window.fetch = () => { throw new Error('host fetch is broken'); };
JSON.stringify = () => { throw new Error('host stringify is broken'); };
const map = Array.prototype.map; Array.prototype.map = function (f) { return map.call(this, f).concat(['host junk']); };
${STUB_SNIPPET}
touchpoint('init', { siteKey: 'site-1', endpoint: '/api', onEvent: () => { throw new Error('host callback'); } });
touchpoint('track', 'x'); touchpoint('identify', 'u', { plan: 'pro' }); touchpoint('consent', false); touchpoint('reset');
</script><script src="/embed.js"></script>`),
  '/sandboxed.html': page(
    `<iframe sandbox="allow-scripts" srcdoc="${`<script>${RECORD.replace(/\n/g, ' ')} ${STUB_SNIPPET} ${init()} touchpoint('consent', false); touchpoint('reset'); touchpoint('track', 'other');</script><script src='${'__ORIGIN__'}/embed.js'></script>`.replace(/"/g, '&quot;')}"></iframe>`,
  ),
};

describe.skipIf(!browserAvailable())('embed.js in Chromium', () => {
  let server: StaticServer;
  let browser: BrowserHandle;

  beforeAll(async () => {
    await buildWidget(OUT);
    // The survey and collector chunks too: a page where a survey's trigger applies fetches them during idle time
    // (preload).
    const files = Object.fromEntries(
      ['embed.js', 'touchpoint-survey.js', 'touchpoint-collector.js', 'touchpoint-debug.js'].map((name) => [
        `/${name}`,
        join(OUT, name),
      ]),
    );
    server = await startStaticServer({ files });
    for (const [path, html] of Object.entries(PAGES))
      server.setPage(path, html.replace('__ORIGIN__', server.url));
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<{ page: Page; console: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`${server.url}${path}`);
    return { page, console };
  }
  const errors = (page: Page) => page.evaluate(() => (window as unknown as { __errors: string[] }).__errors);

  it('replays the stub queue in order when embed.js arrives late', async () => {
    const { page, console } = await open('/late.html');
    await page.waitForFunction(
      () => typeof (window as { touchpoint?: { v?: string } }).touchpoint?.v === 'string',
    );
    await page.waitForTimeout(100);
    const tracked = console.flatMap((line) => /"name":"(\w+)"/.exec(line)?.[1] ?? []);
    expect(tracked).toEqual(['first', 'second', 'third']);
    expect(console.every((line) => line.startsWith('[touchpoint]'))).toBe(true);
    expect(await errors(page)).toEqual([]);
  });

  it('including the tag twice is harmless: one warning, one widget', async () => {
    const { page, console } = await open('/twice.html');
    await page.waitForTimeout(100);
    expect(console.filter((line) => line.includes('included twice'))).toHaveLength(1);
    expect(await page.evaluate(() => typeof (window as { touchpoint?: unknown }).touchpoint)).toBe(
      'function',
    );
    expect(await errors(page)).toEqual([]);
  });

  it('a hostile host (broken fetch, JSON.stringify, Array.prototype.map, throwing callbacks) sees no error from us', async () => {
    const { page, console } = await open('/hostile.html');
    await page.waitForTimeout(200);
    expect(await errors(page)).toEqual([]);
    expect(console.some((line) => line.startsWith('[touchpoint] could not load'))).toBe(true);
  });

  it('runs in a sandboxed iframe where storage is blocked', async () => {
    const { page, console } = await open('/sandboxed.html');
    await page.waitForTimeout(300);
    const frame = page.frames()[1]!;
    expect(await frame.evaluate(() => typeof (window as { touchpoint?: { v?: string } }).touchpoint?.v)).toBe(
      'string',
    );
    expect(await frame.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
    expect(
      console.filter((line) => line.startsWith('[touchpoint]') && !line.includes('fires no trigger')),
    ).toEqual([]);
  });
});
