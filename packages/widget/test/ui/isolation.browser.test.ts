// @vitest-environment node
/**
 * The card on real host pages in Chromium: hostile host CSS, no CSS leaking out, strict CSP with and without a
 * nonce plus Trusted Types, hostile survey text, and the keyboard model with real key presses.
 */
import { browserAvailable } from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPage, inCard, mountIn, startUiBrowser, type UiBrowser } from './browser-harness';
import { view } from './survey-fixture';

describe.skipIf(!browserAvailable())('the survey card in real Chromium', () => {
  let ui: UiBrowser;
  beforeAll(async () => {
    ui = await startUiBrowser();
  });
  afterAll(async () => {
    await ui?.close();
  });

  const layout = async (page: Page) => {
    // Let the entrance animation end first.
    await inCard(page, (root) =>
      Promise.all((root.querySelector('.c') as Element).getAnimations().map((a) => a.finished)),
    );
    return inCard(page, (root) => {
      const box = (selector: string) => {
        const r = (root.querySelector(selector) as Element).getBoundingClientRect();
        return [r.x, r.y, r.width, r.height].map(Math.round);
      };
      const question = getComputedStyle(root.querySelector('.h') as Element);
      return {
        card: box('.c'),
        firstOption: box('[role=radio]'),
        close: box('.x'),
        font: [question.fontSize, question.fontWeight, question.lineHeight],
      };
    });
  };

  it('looks the same on a hostile host page as on a clean one', async () => {
    const clean = await ui.open('/clean');
    await mountIn(clean.page, view());
    const hostile = await ui.open('/hostile', { html: hostPage('/hostile.css') });
    await mountIn(hostile.page, view());
    const expected = await layout(clean.page);
    // 400 px wide, 16 px from the right and bottom edges of a 900 × 640 viewport.
    expect(expected.card).toEqual([484, 640 - 16 - expected.card[3]!, 400, expected.card[3]]);
    expect(expected.font).toEqual(['16px', '600', '23.2px']);
    expect(await layout(hostile.page)).toEqual(expected);
    // Visible and on top: the element at the card's centre is the card's host.
    const [x = 0, y = 0, w = 0, h = 0] = expected.card;
    const onTop = await hostile.page.evaluate(
      ([cx, cy]) => document.elementFromPoint(cx!, cy!)?.hasAttribute('data-touchpoint'),
      [x + w / 2, y + h / 2],
    );
    expect(onTop).toBe(true);
    await clean.close();
    await hostile.close();
  });

  it('leaves the host page computed styles untouched before mount, after mount and after unmount', async () => {
    const { page, close } = await ui.open('/leak');
    // Every computed property of sample host elements, except those that follow the layout's size (an inline card
    // makes #feedback and its ancestors taller, which is the point of inline).
    const snapshot = () =>
      page.evaluate(() => {
        const sized = /^(height|width|block-size|inline-size|perspective-origin|transform-origin)$/;
        const values: Record<string, string> = {};
        for (const selector of [
          'html',
          'body',
          'main',
          'h1',
          '.note',
          'label',
          '#host-input',
          '#host-button',
          '#feedback',
        ]) {
          const style = getComputedStyle(document.querySelector(selector) as Element);
          for (const property of style) {
            if (!sized.test(property)) values[`${selector} ${property}`] = style.getPropertyValue(property);
          }
        }
        return values;
      });
    const changed = (now: Record<string, string>) =>
      Object.keys(before)
        .filter((key) => now[key] !== before[key])
        .map((key) => `${key}: ${before[key]} → ${now[key]}`);
    const before = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThan(9 * 300);
    for (const placement of ['bottom-right', 'modal', 'inline'] as const) {
      await mountIn(page, view({ display: { placement, target: '#feedback' } }));
      expect(await inCard(page, (root) => root.querySelectorAll('[role=radio]').length)).toBe(11);
      expect(changed(await snapshot())).toEqual([]);
      await page.evaluate(() => window.tp.close());
      expect(changed(await snapshot())).toEqual([]);
    }
    expect(await page.evaluate(() => document.querySelector('[data-touchpoint]'))).toBeNull();
    await close();
  });

  const STRICT = "default-src 'self'; style-src 'self'; require-trusted-types-for 'script'";
  const styled = (page: Page) =>
    inCard(page, (root) => {
      const card = getComputedStyle(root.querySelector('.c') as Element);
      return [card.backgroundColor, card.borderRadius, card.position, card.width];
    });

  it('works under a strict CSP with Trusted Types: zero violations, styled, through the whole flow', async () => {
    const { page, violations, close } = await ui.open('/strict', { csp: STRICT });
    await mountIn(page, view({ followUp: {} }));
    expect(await styled(page)).toEqual(['rgb(255, 255, 255)', '12px', 'relative', '400px']);
    await page.focus('#host-button');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Fast <b>delivery</b>');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.tp.calls.map(([name]) => name))).toEqual([
      'shown',
      'answered',
      'completed',
    ]);
    expect(await violations()).toEqual([]);
    await close();
  });

  it('falls back to one nonce-carrying <style> that the same CSP allows', async () => {
    const csp = "default-src 'self'; style-src 'self' 'nonce-r4nd0m'; require-trusted-types-for 'script'";
    const { page, violations, close } = await ui.open('/nonce', { csp });
    await mountIn(page, view({}, { nonce: 'r4nd0m' }), { forceStyleFallback: true });
    expect(await inCard(page, (root) => root.querySelectorAll('style').length)).toBe(1);
    expect(await styled(page)).toEqual(['rgb(255, 255, 255)', '12px', 'relative', '400px']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    expect(await styled(page)).toEqual(['rgb(255, 255, 255)', '12px', 'relative', '400px']);
    expect(await violations()).toEqual([]);
    await close();
  });

  it('the violation detector works: the fallback without a nonce is blocked and reported', async () => {
    const { page, violations, close } = await ui.open('/no-nonce', { csp: STRICT });
    await mountIn(page, view(), { forceStyleFallback: true });
    await expect.poll(violations).toEqual([expect.stringMatching(/^style-src-elem inline/)]);
    await close();
  });

  it('renders hostile survey text as text in the real parser; the canary is never set', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><svg onload="window.__pwned=1"></svg>';
    const { page, close } = await ui.open('/xss', { csp: STRICT });
    await mountIn(
      page,
      view({
        question: { type: 'nps', text: payload, labels: { low: payload } },
        followUp: { text: payload },
      }),
    );
    await page.focus('#host-button');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(50);
    expect(
      await inCard(page, (root) => [root.querySelector('label')?.textContent, !!root.querySelector('img')]),
    ).toEqual([payload, false]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await close();
  });

  it('keyboard: a popover leaves focus with the host; Tab reaches the scale; arrows select; Enter answers', async () => {
    const { page, close } = await ui.open('/keys');
    await page.focus('#host-input');
    await mountIn(page, view({ display: { placement: 'bottom-left' } }));
    await page.keyboard.type('SAVE10');
    expect(await page.inputValue('#host-input')).toBe('SAVE10');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await inCard(page, (root) => root.activeElement?.getAttribute('aria-label'))).toBe(
      '0, Not at all likely',
    );
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'End', 'ArrowLeft']) {
      await page.keyboard.press(key);
    }
    expect(await page.evaluate(() => window.tp.calls.length)).toBe(1);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => window.tp.calls[1])).toEqual([
      'completed',
      [{ questionId: 'score', type: 'nps', value: 9 }],
    ]);
    await page.keyboard.press('Escape');
    // Focus goes back to the element it came from (the host button before the card).
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('host-button');
    await close();
  });

  it('keyboard: a modal traps Tab and gives focus back on Escape', async () => {
    const { page, close } = await ui.open('/modal');
    await page.focus('#host-button');
    await mountIn(page, view({ display: { placement: 'modal' } }));
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-touchpoint'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('host-button');
    expect(await page.evaluate(() => window.tp.calls.map(([name]) => name))).toEqual([
      'shown',
      'dismissed',
      'closed',
    ]);
    await close();
  });
});
