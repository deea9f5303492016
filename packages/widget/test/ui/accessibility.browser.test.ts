// @vitest-environment node
/**
 * Accessibility in real Chromium: an axe-core scan (WCAG 2.0–2.2 A and AA rules, inside the open shadow root) of
 * every metric's card, light and dark, and of the follow-up and thank-you steps; reduced motion; and the
 * screenshots (light, dark, RTL, a 375 px phone) saved under test-results/ for a human to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { SurveyInput } from '@touchpoint/core';
import { browserAvailable } from '@touchpoint/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPage, inCard, mountIn, RESULTS_DIR, startUiBrowser, type UiBrowser } from './browser-harness';
import { view } from './survey-fixture';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page: Page) {
  // Scan after the entrance animation, when colours are final.
  await inCard(page, (root) =>
    Promise.all((root.querySelector('.c') as Element).getAnimations().map((a) => a.finished)),
  );
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const METRICS: [string, Partial<SurveyInput>][] = [
  ['NPS', { question: { type: 'nps' } }],
  ['CES 7', { question: { type: 'ces' } }],
  ['CES 5', { question: { type: 'ces', points: 5 } }],
  ['CSAT numbers', { question: { type: 'csat' } }],
  ['CSAT faces', { question: { type: 'csat', style: 'faces' } }],
  ['CSAT stars', { question: { type: 'csat', style: 'stars' } }],
];

describe.skipIf(!browserAvailable())('accessibility of the survey card in real Chromium', () => {
  let ui: UiBrowser;
  beforeAll(async () => {
    ui = await startUiBrowser();
    mkdirSync(RESULTS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await ui?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no WCAG A/AA violation in any metric's card, ${colorScheme}`, async () => {
      const { page, close } = await ui.open(`/axe-${colorScheme}`);
      for (const [name, input] of METRICS) {
        await mountIn(
          page,
          view({ ...input, display: { placement: 'bottom-right' } }, { appearance: { colorScheme } }),
        );
        // With a selection too, so the selected option's colours are checked.
        await page.focus('#host-button');
        await page.keyboard.press('Tab');
        await page.keyboard.press('ArrowRight');
        expect([name, await axe(page)]).toEqual([name, []]);
        await page.evaluate(() => window.tp.close());
      }
      await close();
    });
  }

  it('axe finds no violation in the modal, its follow-up step and its thank-you step (dark from the OS)', async () => {
    const { page, close } = await ui.open('/axe-steps', { context: { colorScheme: 'dark' } });
    await mountIn(
      page,
      view(
        {
          display: { placement: 'modal' },
          followUp: { placeholder: 'Optional' },
          thankYou: { autoCloseMs: 0 },
        },
        { appearance: { brandColor: '#ffcc00' } },
      ),
    );
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Enter');
    expect(await axe(page)).toEqual([]);
    await page.keyboard.type('Quick checkout');
    await inCard(page, (root) => (root.querySelector('.p') as HTMLElement).click());
    expect(await axe(page)).toEqual([]);
    await close();
  });

  it('honours prefers-reduced-motion: no entrance animation', async () => {
    const moving = await ui.open('/motion');
    await mountIn(moving.page, view());
    expect(
      await inCard(moving.page, (root) => (root.querySelector('.c') as Element).getAnimations().length),
    ).toBe(1);
    const still = await ui.open('/still', { context: { reducedMotion: 'reduce' } });
    await mountIn(still.page, view());
    expect(
      await inCard(still.page, (root) => (root.querySelector('.c') as Element).getAnimations().length),
    ).toBe(0);
    await moving.close();
    await still.close();
  });

  const shoot = async (page: Page, file: string) => {
    await inCard(page, (root) =>
      Promise.all((root.querySelector('.c') as Element).getAnimations().map((a) => a.finished)),
    );
    await page.screenshot({ path: join(RESULTS_DIR, file) });
  };

  it('saves screenshots: light, dark, follow-up, RTL, modal, inline, and a 375 px phone', async () => {
    const light = await ui.open('/shot-light');
    await mountIn(light.page, view());
    await light.page.focus('#host-button');
    await light.page.keyboard.press('Tab');
    for (let i = 0; i < 8; i++) await light.page.keyboard.press('ArrowRight');
    await shoot(light.page, 'card-light.png');
    await light.close();

    const dark = await ui.open('/shot-dark', {
      context: { colorScheme: 'dark', viewport: { width: 900, height: 640 } },
    });
    await mountIn(dark.page, view({ question: { type: 'csat', style: 'faces' } }, { locale: 'nl' }));
    await shoot(dark.page, 'card-dark-faces-nl.png');
    await dark.close();

    const followUp = await ui.open('/shot-follow-up');
    await mountIn(
      followUp.page,
      view({ question: { type: 'ces' }, followUp: { placeholder: 'Optional' } }, { locale: 'de' }),
    );
    await inCard(followUp.page, (root) => (root.querySelectorAll('[role=radio]')[2] as HTMLElement).click());
    await shoot(followUp.page, 'card-follow-up-de.png');
    await followUp.close();

    const rtl = await ui.open('/shot-rtl', { html: hostPage('/host.css', 'ar', 'rtl') });
    await mountIn(
      rtl.page,
      view(
        {
          display: { placement: 'bottom-left' },
          question: {
            type: 'nps',
            text: { ar: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟' },
            labels: { low: { ar: 'غير محتمل إطلاقًا' }, high: { ar: 'محتمل جدًا' } },
          },
        },
        { locale: 'ar', appearance: { brandColor: '#0f766e' } },
      ),
    );
    await shoot(rtl.page, 'card-rtl-ar.png');
    await rtl.close();

    const modal = await ui.open('/shot-modal');
    await mountIn(
      modal.page,
      view({ display: { placement: 'modal' }, question: { type: 'csat', style: 'stars' } }, { locale: 'fr' }),
    );
    await modal.page.keyboard.press('ArrowRight');
    await modal.page.keyboard.press('ArrowRight');
    await modal.page.keyboard.press('ArrowRight');
    await shoot(modal.page, 'card-modal-stars-fr.png');
    await modal.close();

    const inline = await ui.open('/shot-inline');
    await mountIn(
      inline.page,
      view({ display: { placement: 'inline', target: '#feedback' }, question: { type: 'ces', points: 5 } }),
    );
    await shoot(inline.page, 'card-inline-ces5.png');
    await inline.close();

    const phone = await ui.open('/shot-phone', {
      context: {
        viewport: { width: 375, height: 667 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    });
    await mountIn(phone.page, view());
    await shoot(phone.page, 'card-phone-375.png');
    const box = await inCard(phone.page, (root) => {
      const r = (root.querySelector('.c') as Element).getBoundingClientRect();
      return [r.left, r.right, r.bottom, window.innerWidth, window.innerHeight];
    });
    // A full-width bottom sheet.
    expect(box).toEqual([0, 375, 667, 375, 667]);
    await phone.close();
  });
});
