/**
 * Shared set-up of the UI's browser suites: one bundle of the card, one loopback server with a clean and a
 * hostile host page under chosen CSPs, and helpers to open a page and mount a card in it.
 */
import { fileURLToPath } from 'node:url';
import { type BrowserHandle, launchBrowser, type StaticServer, startStaticServer } from '@touchpoint/testkit';
import { build } from 'esbuild';
import type { BrowserContextOptions, Page } from 'playwright-core';
import type { SurveyView } from '../../src/ui/survey-view';

export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** CSS a real hostile host page might carry (docs/faults.md cases 39, 40, 47). */
export const HOSTILE_CSS = `* { all: unset }
html { font-size: 10px }
[class*=nps], [id*=survey] { display: none !important }
button { padding: 45px }
div { display: flex }
body { font-family: "Comic Sans MS", cursive; color: red; line-height: 3 }`;

const HOST_CSS = `body { margin: 0; padding: 24px; font: 16px/1.5 Georgia, serif; background: #f4f1ea; color: #222 }
main { max-width: 640px } h1 { font-size: 28px } .note { color: #444 } #feedback { margin-top: 24px }`;

export function hostPage(stylesheet: '/host.css' | '/hostile.css', lang = 'en', dir = 'ltr'): string {
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title><link rel="stylesheet" href="${stylesheet}"></head>
<body>
<main>
<h1>Order confirmed</h1>
<p class="note">Thanks for shopping with us. Your parcel leaves the warehouse tomorrow.</p>
<p><label for="host-input">Discount code</label> <input id="host-input"> <button id="host-button">Apply</button></p>
<div id="feedback"></div>
</main>
<script type="module" src="/harness.js"></script>
</body>
</html>`;
}

export interface UiBrowser {
  readonly server: StaticServer;
  readonly browser: BrowserHandle;
  /** Opens `path` (served with `csp`), records CSP violations, waits for the harness. */
  open(
    path: string,
    options?: { csp?: string; context?: BrowserContextOptions; html?: string },
  ): Promise<{ page: Page; violations(): Promise<string[]>; close(): Promise<void> }>;
  close(): Promise<void>;
}

export async function startUiBrowser(): Promise<UiBrowser> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./page/harness.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    conditions: ['@touchpoint/source'],
    write: false,
    logLevel: 'silent',
  });
  const server = await startStaticServer({
    pages: {
      '/harness.js': { body: bundle.outputFiles[0]!.text, type: 'text/javascript; charset=utf-8' },
      '/host.css': { body: HOST_CSS, type: 'text/css' },
      '/hostile.css': { body: `${HOST_CSS}\n${HOSTILE_CSS}`, type: 'text/css' },
    },
  });
  const browser = await launchBrowser();
  let pages = 0;
  return {
    server,
    browser,
    async open(path, options = {}) {
      const url = `/page-${++pages}${path}`;
      server.setPage(url, {
        body: options.html ?? hostPage('/host.css'),
        ...(options.csp === undefined ? {} : { csp: options.csp }),
      });
      const context = await browser.newContext(options.context ?? { viewport: { width: 900, height: 640 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __violations: string[] }).__violations = seen;
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
        });
      });
      await page.goto(`${server.url}${url}`);
      await page.waitForFunction(() => 'tp' in window);
      return {
        page,
        violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
        close: () => context.close(),
      };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function mountIn(page: Page, view: SurveyView, options: { forceStyleFallback?: boolean } = {}) {
  await page.evaluate(([v, o]) => window.tp.mount(v, o), [view, options] as const);
}

/** Runs `fn` with the card's shadow root; the host is the page's `[data-touchpoint]` element. */
export function inCard<T>(page: Page, fn: (root: ShadowRoot) => T): Promise<T> {
  return page.evaluate(
    `(${fn.toString()})(document.querySelector('[data-touchpoint]').shadowRoot)`,
  ) as Promise<T>;
}
