/**
 * A page in a fresh browser context with a recorder installed before any page script runs (docs/faults.md
 * §7): every `securitypolicyviolation`, `error` and `unhandledrejection` of every document the context opens,
 * and every console line. A suite asserts the page stayed clean after the whole flow.
 */
import type { BrowserHandle } from '@touchpoint/testkit';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export interface Recorded {
  /** `effectiveDirective blockedURI sample` per violation. */
  readonly violations: string[];
  readonly errors: string[];
  readonly rejections: string[];
}

/** Installed with `context.addInitScript`, so it runs first in every document (iframes included). */
const RECORDER = `(() => {
  const recorded = { violations: [], errors: [], rejections: [] };
  Object.defineProperty(window, '__recorded', { value: recorded });
  document.addEventListener('securitypolicyviolation', (event) => {
    recorded.violations.push([event.effectiveDirective, event.blockedURI, event.sample].join(' '));
  });
  window.addEventListener('error', (event) => {
    recorded.errors.push(String(event.message || event.error));
  });
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    recorded.rejections.push(String(reason && reason.stack ? reason.stack : reason));
  });
})();`;

export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every console line of the context's pages, in order. */
  readonly console: string[];
  /** What the recorder saw in the page's current document. */
  recorded(target?: Page): Promise<Recorded>;
  close(): Promise<void>;
}

/** A fresh context (own storage: a new visitor) with the recorder, and one page in it, optionally at `url`. */
export async function openPage(
  browser: BrowserHandle,
  url?: string,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, ...options });
  // Fail in seconds, not Playwright's 30 s, when a card never shows.
  context.setDefaultTimeout(10_000);
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  const console: string[] = [];
  context.on('console', (message) => console.push(message.text()));
  if (url !== undefined) await page.goto(url);
  return {
    page,
    context,
    console,
    recorded: (target = page) =>
      target.evaluate(() => (window as unknown as { __recorded: Recorded }).__recorded),
    close: () => context.close(),
  };
}

/** The console lines that did not come from Touchpoint (every Touchpoint line starts with `[touchpoint]`). */
export const foreignLines = (lines: readonly string[]) =>
  lines.filter((line) => !line.startsWith('[touchpoint]'));

export const CLEAN: Recorded = { violations: [], errors: [], rejections: [] };
