// @vitest-environment node
/**
 * What a visitor notices on the card (issue 16), in real Chromium: touch targets on a 320 px phone, the score shown
 * and changeable on the follow-up step (mouse and keyboard), star hover/focus feedback, the minimise control that
 * uncovers the host's content, the phone sheet's safe-area padding; axe on each new state; and screenshots at 320,
 * 375 and 1280 px, light and dark, saved under test-results/card/ for a human to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { browserAvailable } from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCard, mountIn, RESULTS_DIR, startUiBrowser, type UiBrowser } from './browser-harness';
import { view } from './survey-fixture';

const SHOTS = join(RESULTS_DIR, 'card');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const phone = (width: number) => ({
  viewport: { width, height: 640 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
});

const settled = (page: Page) =>
  inCard(page, (root) =>
    Promise.all([...root.querySelectorAll('.c')].flatMap((c) => c.getAnimations().map((a) => a.finished))),
  );
async function axe(page: Page) {
  await settled(page);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
const boxes = (page: Page, selector: string) =>
  inCard(
    page,
    new Function(
      'root',
      `return [...root.querySelectorAll(${JSON.stringify(selector)})].map((e) => { const r = e.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; })`,
    ) as (root: ShadowRoot) => { x: number; y: number; w: number; h: number }[],
  );

describe.skipIf(!browserAvailable())('the card as a visitor meets it, in real Chromium', () => {
  let ui: UiBrowser;
  beforeAll(async () => {
    ui = await startUiBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await ui?.close();
  });

  it('on a 320 px touch screen every 0–10 target is at least 44 px tall and 24 px wide, on one row', async () => {
    const { page, close } = await ui.open('/touch-320', { context: phone(320) });
    await mountIn(page, view());
    const options = await boxes(page, '[role=radio]');
    expect(options).toHaveLength(11);
    for (const option of options) {
      // Layout works in 1/64 px units: 44 px may measure 43.9999.
      expect(Math.round(option.h)).toBeGreaterThanOrEqual(44);
      expect(option.w).toBeGreaterThanOrEqual(24);
    }
    // One row, in order: no split of the scale into a top and a bottom half.
    expect(new Set(options.map((o) => Math.round(o.y))).size).toBe(1);
    const [closeButton] = await boxes(page, '.x');
    const [minimise] = await boxes(page, '.n');
    expect([closeButton?.h, minimise?.h].map((h) => Math.round(h ?? 0))).toEqual([44, 44]);
    await close();
  });

  it('with a mouse (no touch) the scale keeps its 40 px desktop height', async () => {
    const { page, close } = await ui.open('/mouse-1280', {
      context: { viewport: { width: 1280, height: 720 } },
    });
    await mountIn(page, view());
    expect((await boxes(page, '[role=radio]'))[0]!.h).toBe(40);
    await close();
  });

  it('the follow-up step shows the score chosen and lets the visitor change it, by mouse and by keyboard', async () => {
    const { page, close } = await ui.open('/follow-up');
    await mountIn(page, view({ followUp: {} }));
    await inCard(page, (root) => (root.querySelectorAll('[role=radio]')[6] as HTMLElement).click());
    const checked = () => inCard(page, (root) => root.querySelector('[aria-checked=true]')?.textContent);
    expect(await checked()).toBe('6');
    expect(await axe(page)).toEqual([]);
    await inCard(page, (root) => (root.querySelectorAll('[role=radio]')[9] as HTMLElement).click());
    expect(await checked()).toBe('9');
    // Keyboard: from the text box back to the scale, move, and Enter to change the score.
    await inCard(page, (root) => (root.querySelector('textarea') as HTMLElement).focus());
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await checked()).toBe('10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fast');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const calls = await page.evaluate(() => window.tp.calls);
    expect(calls).toEqual([
      ['shown'],
      ['answered', [{ questionId: 'score', type: 'nps', value: 6 }]],
      ['answered', [{ questionId: 'score', type: 'nps', value: 9 }]],
      ['answered', [{ questionId: 'score', type: 'nps', value: 10 }]],
      [
        'completed',
        [
          { questionId: 'score', type: 'nps', value: 10 },
          { questionId: 'reason', type: 'text', value: 'Fast' },
        ],
      ],
    ]);
    await close();
  });

  it('stars show the value about to be chosen on hover and on keyboard focus', async () => {
    const { page, close } = await ui.open('/stars');
    await mountIn(page, view({ question: { type: 'csat', style: 'stars' } }));
    const filled = () =>
      inCard(page, (root) =>
        [...root.querySelectorAll('[role=radio] svg')].map((svg) => getComputedStyle(svg).fill !== 'none'),
      );
    expect(await filled()).toEqual([false, false, false, false, false]);
    const star = (await boxes(page, '[role=radio]'))[3]!;
    await page.mouse.move(star.x + star.w / 2, star.y + star.h / 2);
    expect(await filled()).toEqual([true, true, true, true, false]);
    await page.mouse.move(5, 5);
    await page.focus('#host-button');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await filled()).toEqual([true, true, true, false, false]);
    expect(await axe(page)).toEqual([]);
    await close();
  });

  it("a minimised card uncovers the host's content, and the keyboard opens it again", async () => {
    const { page, close } = await ui.open('/minimise', { context: phone(375) });
    await mountIn(page, view());
    const covered = () =>
      page.evaluate(() => document.elementFromPoint(40, window.innerHeight - 30)?.tagName);
    expect(await covered()).toBe('DIV'); // the card's host element
    await inCard(page, (root) => (root.querySelector('.n') as HTMLElement).focus());
    await page.keyboard.press('Enter');
    expect(await covered()).not.toBe('DIV');
    expect(await inCard(page, (root) => root.activeElement?.textContent)).toBe('Open the survey');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'minimised-375.png') });
    await page.keyboard.press('Enter');
    expect(await inCard(page, (root) => root.activeElement?.getAttribute('aria-label'))).toBe('Minimise');
    expect(await page.evaluate(() => window.tp.calls)).toEqual([['shown']]);
    await close();
  });

  it('the phone sheet pads its bottom for the safe area', async () => {
    const { page, close } = await ui.open('/safe-area', { context: phone(375) });
    await mountIn(page, view());
    const padding = await inCard(
      page,
      (root) => getComputedStyle(root.querySelector('.c') as Element).paddingBottom,
    );
    // env(safe-area-inset-bottom) is 0 in a desktop Chromium; the rule is there and adds to the 16 px.
    expect(padding).toBe('16px');
    const css = await inCard(page, (root) =>
      [...root.adoptedStyleSheets]
        .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
        .join('\n'),
    );
    expect(css).toContain('env(safe-area-inset-bottom)');
    await close();
  });

  for (const colorScheme of ['light', 'dark'] as const)
    for (const width of [320, 375, 1280])
      it(`screenshots at ${width} px, ${colorScheme}: the question and the follow-up with its score`, async () => {
        const context =
          width === 1280
            ? { viewport: { width, height: 720 }, colorScheme }
            : { ...phone(width), colorScheme, viewport: { width, height: 720 } };
        const { page, close } = await ui.open(`/shot-${width}-${colorScheme}`, { context });
        await mountIn(page, view({ followUp: { placeholder: 'Optional' } }));
        await settled(page);
        await page.screenshot({ path: join(SHOTS, `question-${width}-${colorScheme}.png`) });
        await inCard(page, (root) => (root.querySelectorAll('[role=radio]')[8] as HTMLElement).click());
        await page.screenshot({ path: join(SHOTS, `follow-up-${width}-${colorScheme}.png`) });
        expect(await axe(page)).toEqual([]);
        await close();
      });
});
