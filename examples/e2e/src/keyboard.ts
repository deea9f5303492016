/**
 * Keyboard and accessibility helpers for the card.
 */
import type { Locator, Page } from 'playwright-core';

/** The axe rule sets the card is held to: WCAG 2.0–2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Presses Tab until focus is inside the card (at most `limit` presses); a popover never takes focus itself. */
export async function tabInto(page: Page, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.hasAttribute('data-touchpoint') === true)) return;
  }
  throw new Error(`focus did not reach the survey card within ${limit} Tab presses`);
}

/** Resolves when the card's entrance animation has finished (colours are final: what axe and screenshots need). */
export async function waitForCardAnimations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('[data-touchpoint]')?.shadowRoot;
    return Promise.all((root?.getAnimations() ?? []).map((animation) => animation.finished));
  });
}

/** Whether the element has focus (inside its shadow root when it is in one). */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (element) => (element.getRootNode() as Document | ShadowRoot).activeElement === element,
  );
}
