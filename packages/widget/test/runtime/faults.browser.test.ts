// @vitest-environment node
/**
 * Faults of the catalogue that only a real browser shows (docs/faults.md cases 21, 32, 36, 42, 52, 53, 55), with
 * the built embed.js and its chunks in Chromium, served beside fixture pages by a loopback server that also plays
 * the reference server: `GET /v1/config` answers each site key's config, `POST /v1/events` stores each event id
 * once and counts the copies sent again.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WireEvent } from '@touchpoint/core';
import {
  type BrowserHandle,
  browserAvailable,
  launchBrowser,
  type StaticServer,
  startStaticServer,
} from '@touchpoint/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWidget, PACKAGE_ROOT } from '../../scripts/build';
import { visitorKey } from '../../src/runtime/visitor-key';
import { STUB_SNIPPET } from '../../src/stub-snippet';
import { VERSION } from '../../src/version';

const OUT = join(PACKAGE_ROOT, 'dist-faults-test');
const CHUNKS = [
  'embed.js',
  'touchpoint-survey.js',
  'touchpoint-collector.js',
  'touchpoint-triggers.js',
  'touchpoint-debug.js',
];
/** The version the "old build" of case 36 claims. */
const OLD_VERSION = '0.0.1-old';

const nps = (id: string, event: string, extra: Record<string, unknown> = {}) => ({
  id,
  touchpoint: `${id}.done`,
  question: { type: 'nps' },
  thankYou: { autoCloseMs: 0 },
  triggers: [{ type: 'event', name: event }],
  ...extra,
});

/** Fires a trigger and never shows (a 0 % sample): `warm` loads a tab's survey runtime, which reads the visitor. */
const never = nps('never', 'warm', { targeting: { sampleRate: 0 } });

/** One config per site key; fatigue as each case needs it (the default recontactDays is 90). */
const CONFIGS: Record<string, unknown> = {
  'site-tabs': {
    version: 1,
    fatigue: { cooldownDays: 0, sessionCap: 10 },
    surveys: [nps('a', 'a.go'), nps('b', 'b.go'), never],
  },
  'site-queue': {
    version: 1,
    fatigue: { cooldownDays: 0, sessionCap: 10 },
    surveys: [nps('first', 'q.go', { priority: 2 }), nps('second', 'q.go', { priority: 1 })],
  },
  'site-once': { version: 1, surveys: [nps('once', 'go'), never] },
  'site-text': { version: 1, surveys: [nps('why', 'go', { followUp: { id: 'why' } })] },
};

/** Records `error` and `unhandledrejection` on every page, and every `pageshow` (with `persisted`). */
const RECORD = `window.__errors = []; window.__pageshows = [];
addEventListener('error', (e) => __errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason)));
addEventListener('pageshow', (e) => __pageshows.push(e.persisted));`;

/** A page with the published stub and `init` for `site`, then `script`; `embed` are the loader tags; `before` runs first. */
function page(
  site: string,
  {
    before = '',
    script = '',
    head = '',
    body = '',
    debug = false,
    embed = ['/embed.js'],
    inline = false,
  } = {},
): string {
  // `inline`: the config in the page, for hosts where the loader could not fetch it (no fetch at all).
  const config = inline ? `, config: ${JSON.stringify(CONFIGS[site])}` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
${before ? `<script>${before}</script>` : ''}<script>${STUB_SNIPPET}
touchpoint('init', { siteKey: '${site}', endpoint: '/', debug: ${debug}${config} }); ${script}</script>
${embed.map((src) => `<script src="${src}"></script>`).join('\n')}${head}
</head><body><main><h1>Shop</h1><p>Coffee and kettles.</p>${body}</main></body></html>`;
}

describe.skipIf(!browserAvailable())('faults of the catalogue in Chromium', () => {
  let server: StaticServer;
  let browser: BrowserHandle;
  const stored = new Map<string, WireEvent>();
  let duplicates = 0;

  beforeAll(async () => {
    await buildWidget(OUT);
    // An "old" build beside the current one (case 36): the same files claiming another version, under /old/.
    mkdirSync(join(OUT, 'old'), { recursive: true });
    for (const file of CHUNKS) {
      const text = readFileSync(join(OUT, file), 'utf8');
      if (file === 'embed.js') {
        expect(text).toContain(`"${VERSION}"`);
        writeFileSync(join(OUT, 'old', file), text.replaceAll(`"${VERSION}"`, `"${OLD_VERSION}"`));
      } else copyFileSync(join(OUT, file), join(OUT, 'old', file));
    }
    server = await startStaticServer({
      files: Object.fromEntries(
        CHUNKS.flatMap((f) => [
          [`/${f}`, join(OUT, f)],
          [`/old/${f}`, join(OUT, 'old', f)],
        ]),
      ),
      onRequest(request) {
        const json = { 'content-type': 'application/json' };
        const url = new URL(request.path, 'http://x');
        const site = url.searchParams.get('site') ?? '';
        if (request.method === 'GET' && url.pathname === '/v1/config' && CONFIGS[site])
          return { status: 200, headers: json, body: JSON.stringify(CONFIGS[site]) };
        if (request.method === 'POST' && url.pathname === '/v1/events') {
          const { events } = JSON.parse(request.body) as { events: WireEvent[] };
          let fresh = 0;
          for (const event of events) {
            if (stored.has(event.id)) duplicates++;
            else {
              stored.set(event.id, event);
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
    browser = await launchBrowser([], { backForwardCache: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(() => {
    stored.clear();
    duplicates = 0;
  });

  const contexts: BrowserContext[] = [];
  async function tab(context: BrowserContext, path: string, html: string) {
    server.setPage(path, html);
    const p = await context.newPage();
    const console: string[] = [];
    p.on('console', (message) => console.push(message.text()));
    await p.goto(`${server.url}${path}`);
    return { page: p, console };
  }
  async function context() {
    const created = await browser.newContext();
    await created.addInitScript(RECORD);
    contexts.push(created);
    return created;
  }
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  });

  const cards = (p: Page) => p.locator('[data-touchpoint]').count();
  const types = (surveyId: string) =>
    [...stored.values()]
      .filter((e) => e.surveyId === surveyId)
      .map((e) => e.type)
      .sort();
  const errors = (p: Page) => p.evaluate(() => (window as unknown as { __errors: string[] }).__errors);
  const track = (p: Page, name: string) =>
    p.evaluate(
      (n) => (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint('track', n),
      name,
    );
  const dismiss = async (p: Page, { gone = true } = {}) => {
    await p.locator('[data-touchpoint] .x').click();
    if (gone) await p.waitForSelector('[data-touchpoint]', { state: 'detached' });
  };
  /** Waits long enough for a decision that should show nothing to have shown something (the runtime is loaded). */
  const settle = (p: Page) => p.waitForTimeout(1500);
  /** The visitor record a tab reads for `site` from its localStorage (`{}` when there is none). */
  const visitorRecord = async <T>(p: Page, site: string): Promise<T> =>
    JSON.parse((await p.evaluate((key) => localStorage.getItem(key), visitorKey(site))) ?? '{}') as T;

  describe('case 52: several tabs of one browser', () => {
    /** Two tabs of one browser on `path` with the once-only survey, both with its runtime loaded and the visitor record read. */
    async function twoReadyTabs(path: string) {
      const shared = await context();
      const html = page('site-once');
      const one = await tab(shared, path, html);
      const two = await tab(shared, path, html);
      await Promise.all([track(one.page, 'warm'), track(two.page, 'warm')]);
      await settle(one.page);
      return { one, two };
    }

    it('two tabs triggered at the same moment show one card between them', async () => {
      // Both have loaded the survey runtime and read the visitor record before either decides.
      const { one, two } = await twoReadyTabs('/tabs-once.html');
      await Promise.all([track(one.page, 'go'), track(two.page, 'go')]);
      await expect.poll(async () => (await cards(one.page)) + (await cards(two.page))).toBe(1);
      await settle(one.page);
      expect((await cards(one.page)) + (await cards(two.page))).toBe(1);
      await expect.poll(() => types('once')).toEqual(['shown']);
      expect(await errors(one.page)).toEqual([]);
      expect(await errors(two.page)).toEqual([]);
    });

    it('a tab whose copy of localStorage has not yet received the other tab’s display still shows no second card', async () => {
      const { one, two } = await twoReadyTabs('/tabs-late.html');
      // From now on the second tab reads localStorage as it is now until it writes a key itself: a browser handing
      // the first tab's writes to this tab's copy late, made as late as can be (Chromium hands them over
      // asynchronously, which is what made the race of the test above fail now and then).
      await two.page.evaluate(() => {
        const { getItem, setItem } = Storage.prototype;
        const late = new Map<string, string | null>();
        for (let i = 0; i < localStorage.length; i++) {
          const key = localStorage.key(i)!;
          late.set(key, getItem.call(localStorage, key));
        }
        Storage.prototype.getItem = function (key: string) {
          return late.has(key) ? late.get(key)! : getItem.call(this, key);
        };
        Storage.prototype.setItem = function (key: string, value: string) {
          late.delete(key);
          setItem.call(this, key, value);
        };
      });
      await track(one.page, 'go');
      await one.page.waitForSelector('[data-touchpoint]', { state: 'attached' });
      // The first tab's card is open; the second tab's copy of the record does not have it.
      const seen = await visitorRecord<{ history: { surveys: Record<string, unknown> } }>(
        two.page,
        'site-once',
      );
      expect(seen.history.surveys.once).toBeUndefined();

      await track(two.page, 'go');
      await settle(two.page);
      expect(await cards(two.page)).toBe(0);
      expect(await cards(one.page)).toBe(1);
      await expect.poll(() => types('once')).toEqual(['shown']);
      // What the second tab learnt is in its record now: the first tab's display, once.
      const learnt = await visitorRecord<{
        history: { surveys: Record<string, { shownCount: number; shown: number[] }> };
      }>(two.page, 'site-once');
      expect(learnt.history.surveys.once).toMatchObject({ shownCount: 1, shown: [expect.any(Number)] });
      expect(await errors(one.page)).toEqual([]);
      expect(await errors(two.page)).toEqual([]);
    });

    it('a visitor forgotten in one tab (reset) is a new visitor in the other: the card before does not hold it back', async () => {
      const { one, two } = await twoReadyTabs('/tabs-reset.html');
      await track(one.page, 'go');
      await one.page.waitForSelector('[data-touchpoint]', { state: 'attached' });
      // The visitor is forgotten while the first tab still announces the card it showed (for 10 s).
      await one.page.evaluate(() =>
        (window as unknown as { touchpoint: (m: string) => void }).touchpoint('reset'),
      );
      await settle(two.page);
      await track(two.page, 'go');
      await two.page.waitForSelector('[data-touchpoint]', { state: 'attached' });
      expect(await cards(two.page)).toBe(1);
      await expect.poll(() => types('once')).toEqual(['shown', 'shown']);
      const visitors = new Set(
        [...stored.values()].filter((e) => e.surveyId === 'once').map((e) => e.visitor.id),
      );
      expect(visitors.size).toBe(2);
      expect(await errors(one.page)).toEqual([]);
      expect(await errors(two.page)).toEqual([]);
    });

    it('a dismissal in one tab holds in the other, and neither tab loses the history the other wrote', async () => {
      const shared = await context();
      const html = page('site-tabs', { debug: true });
      const one = await tab(shared, '/tabs.html', html);
      // The second tab reads the visitor record now, before the first tab records anything.
      const two = await tab(shared, '/tabs.html', html);
      await track(two.page, 'warm');
      await settle(two.page);

      await track(one.page, 'a.go');
      await one.page.waitForSelector('[data-touchpoint]', { state: 'attached' });
      await dismiss(one.page);

      // At its next decision the other tab knows survey "a" was dismissed (recontactDays: 90).
      await track(two.page, 'a.go');
      await settle(two.page);
      expect(await cards(two.page)).toBe(0);
      expect(two.console.join('\n')).toMatch(/survey "a" does not show/);

      // Survey "b" in the second tab: its write keeps what the first tab recorded.
      await track(two.page, 'b.go');
      await two.page.waitForSelector('[data-touchpoint]', { state: 'attached' });
      await dismiss(two.page);
      const record = await visitorRecord<{
        history: { surveys: Record<string, { shownCount: number; dismissed: number[] }> };
      }>(one.page, 'site-tabs');
      expect(Object.keys(record.history.surveys).sort()).toEqual(['a', 'b']);
      expect(record.history.surveys.a).toMatchObject({ shownCount: 1, dismissed: [expect.any(Number)] });
      expect(record.history.surveys.b).toMatchObject({ shownCount: 1, dismissed: [expect.any(Number)] });
      await expect
        .poll(() => [...types('a'), ...types('b')])
        .toEqual(['dismissed', 'shown', 'dismissed', 'shown']);
    });
  });

  it('case 53: of two eligible surveys one shows, the other waits (debug says why) and shows when it closes', async () => {
    const { page: p, console } = await tab(
      await context(),
      '/queue.html',
      page('site-queue', { debug: true }),
    );
    await track(p, 'q.go');
    await p.waitForSelector('[data-touchpoint]', { state: 'attached' });
    expect(await cards(p)).toBe(1);
    await expect.poll(() => console.join('\n')).toMatch(/survey "second" waits for "first"/);
    await expect.poll(() => types('first')).toEqual(['shown']);
    expect(types('second')).toEqual([]);
    // Closing the first card is the next moment the rules allow: the second shows at once.
    await dismiss(p, { gone: false });
    await expect.poll(() => types('second')).toEqual(['shown']);
    expect(await cards(p)).toBe(1);
    expect(types('first')).toEqual(['dismissed', 'shown']);
    expect(await errors(p)).toEqual([]);
  });

  describe('case 42: host dialogs and overlays', () => {
    const blockers = [
      [
        'a <dialog> opened with showModal()',
        `<dialog id="blocker"><p>We use cookies.</p><button>OK</button></dialog>`,
        `document.getElementById('blocker').showModal();`,
        `document.getElementById('blocker').close();`,
      ],
      [
        'an aria-modal dialog',
        `<div id="blocker" role="dialog" aria-modal="true" aria-label="Checkout"><p>Pay now</p></div>`,
        '',
        `document.getElementById('blocker').remove();`,
      ],
      [
        'an element over the card’s corner at a higher z-index',
        `<div id="blocker" style="position:fixed;right:0;bottom:0;width:320px;height:160px;z-index:2147483647;background:#333;color:#fff">Accept cookies</div>`,
        '',
        `document.getElementById('blocker').remove();`,
      ],
    ] as const;

    it.each(blockers)(
      '%s: the card waits, says so in debug mode, then shows on top when it is gone',
      async (_, body, open, close) => {
        const html = page('site-once', {
          debug: true,
          body,
          script: `addEventListener('DOMContentLoaded', () => { ${open} });`,
        });
        const { page: p, console } = await tab(
          await context(),
          `/dialog-${blockers.findIndex((b) => b[1] === body)}.html`,
          html,
        );
        await track(p, 'go');
        await expect
          .poll(() => console.join('\n'))
          .toMatch(/survey "once" waits for (a dialog|div z-index 2147483647)/);
        await settle(p);
        expect(await cards(p)).toBe(0);
        expect(types('once')).toEqual([]);

        await p.evaluate(close);
        await p.waitForSelector('[data-touchpoint]', { state: 'attached' });
        const onTop = await p.evaluate(() => {
          const host = document.querySelector('[data-touchpoint]')!;
          const box = host.shadowRoot!.querySelector('[role=dialog], [role=region]')!.getBoundingClientRect();
          return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === host;
        });
        expect(onTop).toBe(true);
        await expect.poll(() => types('once')).toEqual(['shown']);
        expect(await errors(p)).toEqual([]);
      },
    );

    it('a <dialog> opened with show() (not modal) and a low overlay do not hold the card back', async () => {
      const body = `<dialog id="note"><p>Free delivery</p></dialog><div style="position:fixed;right:0;bottom:0;width:320px;height:160px;z-index:10">Chat</div>`;
      const html = page('site-once', {
        body,
        script: `addEventListener('DOMContentLoaded', () => document.getElementById('note').show());`,
      });
      const { page: p } = await tab(await context(), '/dialog-open.html', html);
      await track(p, 'go');

      await p.waitForSelector('[data-touchpoint]', { state: 'attached' });
      await expect.poll(() => types('once')).toEqual(['shown']);
    });
  });

  it('case 21: restored from the back/forward cache, no survey shows or is counted twice and nothing is sent twice', async () => {
    const c = await context();
    const { page: p } = await tab(c, '/bf-a.html', page('site-once'));
    await track(p, 'go');
    await p.waitForSelector('[data-touchpoint]', { state: 'attached' });
    await expect.poll(() => types('once')).toEqual(['shown']);
    server.setPage('/bf-b.html', page('site-once'));
    await p.goto(`${server.url}/bf-b.html`);
    // A restore from the cache fires no load event: wait for the navigation to commit only.
    await p.goBack({ waitUntil: 'commit' });
    // Headless Chromium did restore the page from the cache: the same document, shown again with persisted = true.
    await expect
      .poll(() => p.evaluate(() => (window as unknown as { __pageshows: boolean[] }).__pageshows))
      .toEqual([false, true]);
    // The card that was open is the one card; a new trigger shows nothing more (fatigue holds).
    expect(await cards(p)).toBe(1);
    await track(p, 'go');
    await settle(p);
    expect(await cards(p)).toBe(1);
    expect(types('once')).toEqual(['shown']);
    expect(duplicates).toBe(0);
    expect(await errors(p)).toEqual([]);
  });

  describe('case 32: no fetch, or no keepalive and AbortController', () => {
    const hosts = [
      [
        'fetch and AbortController deleted: XMLHttpRequest',
        `delete window.fetch; delete window.AbortController;`,
      ],
      [
        'a fetch that refuses keepalive, and no AbortController',
        `delete window.AbortController; const f = window.fetch; window.fetch = function (url, init) { if (init && init.keepalive) return Promise.reject(new TypeError('keepalive is not supported')); return f.apply(this, arguments); };`,
      ],
    ] as const;
    it.each(hosts)('%s: every answer is stored once', async (_, patch) => {
      const c = await context();
      const { page: p } = await tab(
        c,
        `/nofetch-${hosts.findIndex((h) => h[1] === patch)}.html`,
        page('site-once'),
      );
      await track(p, 'go');
      await p.locator('[data-touchpoint] [role=radio]').nth(9).click();
      await expect.poll(() => types('once'), { timeout: 10_000 }).toEqual(['completed', 'shown']);
      expect(duplicates).toBe(0);
      expect(await errors(p)).toEqual([]);
    });
  });

  it('case 36: two different builds on one page: the first wins, one warning, one card, no error', async () => {
    const c = await context();
    const html = page('site-once', { embed: ['/old/embed.js', '/embed.js'] });
    const { page: p, console } = await tab(c, '/two-builds.html', html);
    expect(await p.evaluate(() => (window as unknown as { touchpoint: { v?: string } }).touchpoint.v)).toBe(
      OLD_VERSION,
    );
    await track(p, 'go');
    await p.waitForSelector('[data-touchpoint]', { state: 'attached' });
    await settle(p);
    expect(await cards(p)).toBe(1);
    expect(console.filter((line) => line.includes('included twice'))).toHaveLength(1);
    await expect.poll(() => types('once')).toEqual(['shown']);
    expect(await errors(p)).toEqual([]);
  });

  it('case 55: markup typed into the follow-up stays text: stored as typed, never parsed, nothing runs', async () => {
    const c = await context();
    const { page: p } = await tab(c, '/text.html', page('site-text'));
    await track(p, 'go');
    await p.locator('[data-touchpoint] [role=radio]').nth(3).click();
    const markup = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    await p.locator('[data-touchpoint] textarea').fill(markup);
    await p.locator('[data-touchpoint] textarea').press('Tab');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    await expect.poll(() => types('why'), { timeout: 10_000 }).toEqual(['answered', 'completed', 'shown']);
    const completed = [...stored.values()].find((e) => e.surveyId === 'why' && e.type === 'completed');
    expect(completed && 'answers' in completed ? completed.answers : []).toContainEqual({
      questionId: 'why',
      type: 'text',
      value: markup,
    });
    expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await p.evaluate(() => document.querySelectorAll('img, b').length)).toBe(0);
    expect(await errors(p)).toEqual([]);
  });
});
