/**
 * Hostile host pages (docs/faults.md §5B, §5D, §5E, run as §7 says): the whole loop, from the trigger to the
 * answer stored once by the reference server, on pages that fight back: aggressive global CSS, a strict CSP with and
 * without a nonce and with Trusted Types, storage blocked, the script included twice, patched builtins, a host that
 * wipes its body, offline periods and navigations while an answer is being sent. Every page records
 * `securitypolicyviolation`, `error` and `unhandledrejection` from the start; none may come from us.
 *
 * Touchpoint is put on the page by the script tag (stub + embed.js) and, for the cases where an app bundle meets
 * the page differently (CSS, CSP, storage, fetch, navigation), by `init()` from the npm packages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildWidgetFiles,
  SHOP_CONFIG_FILE,
  SHOP_PUBLIC_KEY,
  SHOP_SITE_ID,
} from '@touchpoint/example-script-tag';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, type OpenedPage, openPage } from '../src/browser-page';
import { HOSTILE_CSS, type HostPage, type HostSite, type Inclusion, startHostSite } from '../src/host-page';
import { waitForCardAnimations } from '../src/keyboard';
import { type ReferenceServer, startReferenceServer } from '../src/reference-server';
import { answerWithMouse, eventsOfResponse, surveyCard, thankYou } from '../src/survey-card';

const INCLUSIONS: readonly Inclusion[] = ['script-tag', 'npm'];

describe.skipIf(!browserAvailable())('hostile host pages', () => {
  let server: ReferenceServer;
  let site: HostSite;
  let browser: BrowserHandle;
  let widgetDir: string;

  beforeAll(async () => {
    server = await startReferenceServer([
      {
        id: SHOP_SITE_ID,
        publicKey: SHOP_PUBLIC_KEY,
        allowedOrigins: ['http://127.0.0.1:*'],
        configFile: SHOP_CONFIG_FILE,
      },
    ]);
    widgetDir = await buildWidgetFiles(mkdtempSync(join(tmpdir(), 'touchpoint-hostile-widget-')));
    site = await startHostSite({ widgetDir, endpoint: server.url, siteKey: SHOP_PUBLIC_KEY });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
    if (widgetDir) rmSync(widgetDir, { recursive: true, force: true });
  });

  /** A CSP as strict as a careful site's: only its own origin, plus the Touchpoint server for the requests. */
  const strictCsp = (extra = '') =>
    `default-src 'self'; script-src 'self'${extra}; style-src 'self'${extra}; connect-src 'self' ${server.url}; img-src 'self'; base-uri 'none'; object-src 'none'`;

  async function open(page: HostPage, context: BrowserContextOptions = {}): Promise<OpenedPage> {
    return openPage(browser, site.page(page), context);
  }

  /** The events stored for the display whose follow-up text is `text`. */
  async function storedFor(text: string) {
    const events = await server.events(SHOP_SITE_ID);
    const completed = events.find(
      (event) =>
        event.type === 'completed' && event.answers.some((a) => a.type === 'text' && a.value === text),
    );
    return completed === undefined ? [] : eventsOfResponse(events, completed.responseId).types;
  }

  /** Answers the NPS card with `text` and waits until the server has the display stored once. */
  async function answerAndExpectStoredOnce(page: Page, text: string): Promise<void> {
    await surveyCard(page).waitFor();
    await answerWithMouse(page, 'nps', 6, text);
    await thankYou(page).waitFor();
    await expect.poll(() => storedFor(text), { timeout: 15_000 }).toEqual(['shown', 'answered', 'completed']);
  }

  /** Measures what a visitor sees of the card, once it has risen into place: its box and the question's font. */
  const cardLook = async (page: Page) => {
    await waitForCardAnimations(page);
    return surveyCard(page).evaluate((card) => {
      const box = card.getBoundingClientRect();
      const style = getComputedStyle(card);
      const question = card.querySelector('#t') ?? card;
      return {
        width: Math.round(box.width),
        height: Math.round(box.height),
        // A styled popover sits 16 px from the viewport's bottom-right corner; an unstyled one in the page flow.
        fromRight: Math.round(innerWidth - box.right),
        fromBottom: Math.round(innerHeight - box.bottom),
        background: style.backgroundColor,
        questionFont: getComputedStyle(question).fontSize,
        visible:
          box.width > 0 && box.height > 0 && style.visibility === 'visible' && style.display !== 'none',
      };
    });
  };

  for (const inclusion of INCLUSIONS) {
    describe(`${inclusion}`, () => {
      it('aggressive global CSS changes nothing in the card, and the card changes nothing in the page', async () => {
        const clean = await open({ inclusion, track: 'checkout.completed' });
        await surveyCard(clean.page).waitFor();
        const expected = await cardLook(clean.page);
        await clean.close();

        const hostile = await open({ inclusion, css: HOSTILE_CSS });
        const hostStyles = () =>
          hostile.page.evaluate(() =>
            ['h1', '.note', '#host-input', '#host-button'].map((selector) => {
              const style = getComputedStyle(document.querySelector(selector)!);
              return [style.display, style.fontSize, style.color, style.padding, style.fontFamily].join(' ');
            }),
          );
        const before = await hostStyles();
        await hostile.page.click('#place-order');
        await surveyCard(hostile.page).waitFor();
        expect(await cardLook(hostile.page)).toEqual(expected);
        expect(expected.visible).toBe(true);
        expect([expected.fromRight, expected.fromBottom]).toEqual([16, 16]);
        expect(await hostStyles()).toEqual(before);
        await answerAndExpectStoredOnce(hostile.page, `${inclusion} hostile css`);
        await surveyCard(hostile.page).getByRole('button', { name: 'Close' }).click();
        await surveyCard(hostile.page).waitFor({ state: 'detached' });
        expect(await hostStyles()).toEqual(before);
        expect(await hostile.recorded()).toEqual(CLEAN);
        await hostile.close();
      });

      // Functions: the server's address (in connect-src) is known once the suite has started.
      const csps: [string, () => Pick<HostPage, 'csp' | 'nonce'>][] = [
        ['a strict CSP without a nonce', () => ({ csp: strictCsp() })],
        ['a strict CSP with a nonce', () => ({ csp: strictCsp(" 'nonce-r4nd0m'"), nonce: 'r4nd0m' })],
        [
          "a strict CSP with require-trusted-types-for 'script'",
          () => ({ csp: `${strictCsp()}; require-trusted-types-for 'script'; trusted-types touchpoint` }),
        ],
      ];
      for (const [name, policy] of csps) {
        it(`${name}: zero violations, a styled card, the answer stored once`, async () => {
          const { page, recorded, close } = await open({
            inclusion,
            track: 'checkout.completed',
            ...policy(),
          });
          await surveyCard(page).waitFor();
          const look = await cardLook(page);
          expect(look).toMatchObject({ visible: true, fromRight: 16, fromBottom: 16 });
          expect(look.background).not.toBe('rgba(0, 0, 0, 0)');
          await answerAndExpectStoredOnce(page, `${inclusion} ${name}`);
          expect(await recorded()).toEqual(CLEAN);
          await close();
        });
      }

      it('storage blocked (the Storage getters throw, as with cookies blocked): the loop still works', async () => {
        const { page, context, recorded, close } = await open({ inclusion });
        await context.addInitScript(() => {
          for (const name of ['localStorage', 'sessionStorage'])
            Object.defineProperty(window, name, {
              get() {
                throw new DOMException('The operation is insecure.', 'SecurityError');
              },
            });
        });
        await page.reload();
        await page.click('#place-order');
        await answerAndExpectStoredOnce(page, `${inclusion} storage blocked`);
        expect(await recorded()).toEqual(CLEAN);
        await close();
      });

      it('a host that wraps fetch (a monitoring tool) is called through, and the answer arrives once', async () => {
        const { page, recorded, close } = await open({
          inclusion,
          track: 'checkout.completed',
          hostScript: `window.__hostFetches = [];
const original = window.fetch;
window.fetch = function (input, init) {
  window.__hostFetches.push(String(input instanceof Request ? input.url : input));
  return original.call(this, input, init);
};`,
        });
        await answerAndExpectStoredOnce(page, `${inclusion} wrapped fetch`);
        const seen = await page.evaluate(
          () => (window as unknown as { __hostFetches: string[] }).__hostFetches,
        );
        expect(seen.some((url) => url.startsWith(`${server.url}/v1/events?site=${SHOP_PUBLIC_KEY}`))).toBe(
          true,
        );
        expect(await recorded()).toEqual(CLEAN);
        await close();
      });

      it('a host whose fetch throws sees no error from us, and its page keeps working', async () => {
        const { page, console, recorded, close } = await open({
          inclusion,
          track: 'checkout.completed',
          hostScript: `window.fetch = function () { throw new TypeError('host fetch is broken'); };`,
        });
        await page.fill('#host-input', 'SPRING10');
        await page.click('#host-button');
        expect(await page.inputValue('#host-input')).toBe('SPRING10');
        await expect
          .poll(() =>
            console.some((line) => line.startsWith('[touchpoint]') && line.includes('could not load')),
          )
          .toBe(true);
        expect(await recorded()).toEqual(CLEAN);
        await close();
      });

      it('navigating away in the same task as Send: the answer arrives exactly once', async () => {
        const { page, recorded, close } = await open({ inclusion, track: 'checkout.completed' });
        await surveyCard(page).waitFor();
        const text = `${inclusion} navigation while sending`;
        await surveyCard(page).getByRole('radio').nth(6).click();
        await surveyCard(page).getByRole('textbox').fill(text);
        // One task: the click completes the survey, then the page is left (docs/faults.md case 17).
        await Promise.all([
          page.waitForURL(/\/next-\d+\.html$/),
          page.evaluate(() => {
            const root = document.querySelector('[data-touchpoint]')!.shadowRoot!;
            const send = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Send')!;
            send.click();
            (document.getElementById('next') as HTMLAnchorElement).click();
          }),
        ]);
        await expect
          .poll(() => storedFor(text), { timeout: 15_000 })
          .toEqual(['shown', 'answered', 'completed']);
        expect(await recorded()).toEqual(CLEAN);
        await close();
      });
    });
  }

  describe('script-tag only', () => {
    const inclusion = 'script-tag';

    it('the script included twice: one warning, one card, the answer stored once', async () => {
      const { page, console, recorded, close } = await open({
        inclusion,
        track: 'checkout.completed',
        twice: true,
      });
      await surveyCard(page).waitFor();
      await answerAndExpectStoredOnce(page, 'included twice');
      expect(await page.locator('[data-touchpoint]').count()).toBe(1);
      expect(console.filter((line) => line.includes('included twice'))).toHaveLength(1);
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });

    const patches: [string, string][] = [
      [
        'Array.prototype.map replaced by a library’s own (MooTools style)',
        `Array.prototype.map = function (fn, bind) {
  var results = [];
  for (var i = 0, l = this.length; i < l; i++) if (i in this) results[i] = fn.call(bind, this[i], i, this);
  return results;
};`,
      ],
      [
        'JSON.stringify replaced',
        `JSON.stringify = function () { throw new Error('host stringify is broken'); };`,
      ],
      [
        'Array.prototype.toJSON and a polluted Object.prototype (Prototype.js)',
        `Array.prototype.toJSON = function () { return JSON.stringify(this.slice()); };
Object.prototype.hostExtra = 'polluted';`,
      ],
      ['crypto.randomUUID missing (an insecure context)', 'delete Crypto.prototype.randomUUID;'],
      [
        'Promise replaced by a subclass (zone.js style)',
        `const Native = window.Promise;
window.Promise = class ZoneAwarePromise extends Native {};`,
      ],
    ];
    for (const [name, hostScript] of patches) {
      it(`${name}: the answer arrives, stored once, and nothing is thrown`, async () => {
        const { page, recorded, close } = await open({ inclusion, track: 'checkout.completed', hostScript });
        await answerAndExpectStoredOnce(page, name);
        expect(await recorded()).toEqual(CLEAN);
        await close();
      });
    }

    it('a broken Array.prototype.map (it adds an item): no survey, but nothing thrown into the page', async () => {
      const { page, console, recorded, close } = await open({
        inclusion,
        track: 'checkout.completed',
        hostScript: `const map = Array.prototype.map;
Array.prototype.map = function (f, self) { return map.call(this, f, self).concat(['host junk']); };`,
      });
      // No code can work with a builtin that lies; ours says so in the console and leaves the page alone.
      await expect
        .poll(
          () => console.filter((line) => line.startsWith('[touchpoint]') && line.includes('failed')).length,
        )
        .toBeGreaterThan(0);
      await page.fill('#host-input', 'SPRING10');
      await page.click('#host-button');
      expect(await page.inputValue('#host-input')).toBe('SPRING10');
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });

    it('the tab is closed right after Send: the answer still arrives, once', async () => {
      const { page, recorded, close } = await open({ inclusion, track: 'checkout.completed' });
      const text = 'tab closed after send';
      await surveyCard(page).waitFor();
      await answerWithMouse(page, 'nps', 6, text);
      await thankYou(page).waitFor();
      expect(await recorded()).toEqual(CLEAN);
      // Within the collector's batch wait: the events are still queued when the page goes (case 22).
      await page.close({ runBeforeUnload: true });
      await expect
        .poll(() => storedFor(text), { timeout: 15_000 })
        .toEqual(['shown', 'answered', 'completed']);
      await close();
    });

    it('a CSP whose connect-src leaves out the server: one clear line, and the page is untouched', async () => {
      const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'`;
      const { page, console, recorded, close } = await open({ inclusion, track: 'checkout.completed', csp });
      await expect
        .poll(() =>
          console.filter((line) => line.startsWith('[touchpoint]') && line.includes('could not load')),
        )
        .toHaveLength(1);
      await page.fill('#host-input', 'SPRING10');
      expect(await page.inputValue('#host-input')).toBe('SPRING10');
      const { violations, errors, rejections } = await recorded();
      expect({ errors, rejections }).toEqual({ errors: [], rejections: [] });
      // The browser reports its own refusal of our request, and nothing else.
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.every((v) => v.startsWith(`connect-src ${server.url}/v1/config`))).toBe(true);
      await close();
    });

    it('a host that wipes body.innerHTML while the card is open: no error, and the widget still works', async () => {
      const { page, recorded, close } = await open({ inclusion, track: 'checkout.completed' });
      await surveyCard(page).waitFor();
      await page.evaluate(() => {
        document.body.innerHTML = '<main><h1>Rendered again by the host framework</h1></main>';
      });
      await surveyCard(page).waitFor({ state: 'detached' });
      // The widget recovers: a preview (which sends nothing) shows a card again.
      await page.evaluate(() =>
        (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint('show', 'ces-support'),
      );
      await surveyCard(page).waitFor();
      expect(await page.locator('[data-touchpoint]').count()).toBe(1);
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });

    it('offline while answering: sent once the browser is back online, stored once', async () => {
      const { page, context, recorded, close } = await open({ inclusion, track: 'checkout.completed' });
      await surveyCard(page).waitFor(); // the survey chunk is loaded: the rest works offline
      await context.setOffline(true);
      const text = 'answered offline';
      await answerWithMouse(page, 'nps', 6, text);
      await thankYou(page).waitFor();
      // Past the collector's batch wait (1 s): nothing can have arrived while offline.
      await page.waitForTimeout(1500);
      expect(await storedFor(text)).toEqual([]);
      await context.setOffline(false);
      await expect
        .poll(() => storedFor(text), { timeout: 15_000 })
        .toEqual(['shown', 'answered', 'completed']);
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });

    it('a request that never answers when the page is left: the next page sends the same events, stored once', async () => {
      const { page, context, recorded, close } = await open({ inclusion, track: 'checkout.completed' });
      await surveyCard(page).waitFor();
      const text = 'in flight during navigation';
      let held = 0;
      // The server never answers while this page lives (docs/faults.md case 20).
      await context.route(`${server.url}/v1/events**`, (route) => {
        held += 1;
        void route;
      });
      await answerWithMouse(page, 'nps', 6, text);
      await thankYou(page).waitFor();
      await expect.poll(() => held).toBeGreaterThan(0);
      await context.unrouteAll({ behavior: 'ignoreErrors' });
      await page.click('#next');
      await page.waitForURL(/\/next-\d+\.html$/);
      await expect
        .poll(() => storedFor(text), { timeout: 15_000 })
        .toEqual(['shown', 'answered', 'completed']);
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });

    it('adds no global but touchpoint and no unload listener (the back/forward cache stays usable)', async () => {
      const { page, context, close } = await open({ inclusion });
      await context.addInitScript(() => {
        Object.defineProperty(window, '__globalsBefore', { value: Object.getOwnPropertyNames(window) });
      });
      await page.reload();
      await page.click('#place-order');
      await answerAndExpectStoredOnce(page, 'globals');
      const added = await page.evaluate(() => {
        const before = new Set((window as unknown as { __globalsBefore: string[] }).__globalsBefore);
        return Object.getOwnPropertyNames(window).filter(
          (name) => !before.has(name) && name !== '__globalsBefore',
        );
      });
      expect(added).toEqual(['touchpoint']);
      const session = await context.newCDPSession(page);
      const { result } = await session.send('Runtime.evaluate', { expression: 'window' });
      const { listeners } = await session.send('DOMDebugger.getEventListeners', {
        objectId: result.objectId!,
      });
      expect(listeners.map((listener) => listener.type)).not.toContain('unload');
      expect(listeners.map((listener) => listener.type)).not.toContain('beforeunload');
      await close();
    });

    it('never steals focus or keystrokes from a visitor typing in the page', async () => {
      const { page, recorded, close } = await open({ inclusion });
      await page.click('#host-input');
      await page.keyboard.type('SPR');
      await page.evaluate(() =>
        (window as unknown as { touchpoint: (...a: unknown[]) => void }).touchpoint(
          'track',
          'checkout.completed',
        ),
      );
      await surveyCard(page).waitFor();
      await page.keyboard.type('ING10');
      expect(await page.inputValue('#host-input')).toBe('SPRING10');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('host-input');
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });

    it('embed.js blocked by an ad blocker: the page works and logs nothing', async () => {
      const { page, context, console, recorded, close } = await open({
        inclusion,
        track: 'checkout.completed',
      });
      await context.route('**/touchpoint/embed.js', (route) => route.abort('blockedbyclient'));
      await page.reload();
      await page.fill('#host-input', 'SPRING10');
      expect(await page.inputValue('#host-input')).toBe('SPRING10');
      expect(
        await page.evaluate(() => typeof (window as { touchpoint?: { q?: unknown[] } }).touchpoint?.q),
      ).toBe('object');
      expect(console.filter((line) => line.startsWith('[touchpoint]'))).toEqual([]);
      expect(await recorded()).toEqual(CLEAN);
      await close();
    });
  });
});
