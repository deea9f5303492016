/**
 * A Chromium page for the dashboard's browser tests that records what a user would never see but a test must: every
 * Content-Security-Policy violation the page reports (`cspViolations`), and every console error or warning and
 * uncaught page error (into the test's `problems`).
 */
import type { BrowserContext, Page } from 'playwright-core';

/** An init script collecting CSP violations (plain script text: the server's tsconfig has no DOM types). */
export const COLLECT_VIOLATIONS = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
});`;

/** The CSP violations `page` reported so far (its init script was `COLLECT_VIOLATIONS`). */
export const cspViolations = (page: Page) => page.evaluate('window.__violations') as Promise<string[]>;

/** A new page of `context` collecting CSP violations, with console errors, warnings and page errors in `problems`. */
export async function watchedPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript({ content: COLLECT_VIOLATIONS });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return page;
}
