/**
 * Honest small numbers (issue 13, point 6; decision 0011): below 5 answers a score has no interval and the
 * dashboard says why, one written answer is "1 written answer", and signing in asks for the overview once.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import type { WireEvent } from '@touchpoint/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overviewRow, overviewShown, renderDashboard, signIn } from '../../test/render-dashboard';
import { en } from '../i18n/en';
import { nl } from '../i18n/nl';

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

/** One completed NPS answer of 9 (with a written reason) at a touchpoint nobody else answered. */
const lonelyNine: WireEvent = {
  v: 1,
  id: '33333333-3333-4333-8333-333333333333',
  type: 'completed',
  surveyId: 'nps-gift',
  touchpoint: 'gift.card',
  responseId: '44444444-4444-4444-8444-444444444444',
  at: '2025-03-01T10:00:00.000Z',
  context: { path: '/gift', locale: 'en', device: 'desktop' },
  visitor: { id: 'visitor-lonely' },
  answers: [
    { questionId: 'score', type: 'nps', value: 9 },
    { questionId: 'reason', type: 'text', value: 'Lovely wrapping' },
  ],
};

describe('one NPS answer of 9', () => {
  it('shows +100 with no interval and says why, never an interval that leaves out the score', async () => {
    renderDashboard({ signedIn: true, extraEvents: [lonelyNine] });
    await overviewShown();
    const row = overviewRow('gift.card');
    expect(row.querySelector('.score-value')!.textContent).toBe('+100');
    const interval = row.querySelector('.interval-text')!.textContent;
    expect(interval).toBe(en.noInterval);
    expect(interval).toContain('5');
    expect(row.textContent).not.toMatch(/−48|-48/);
    expect(row.querySelector('svg title, svg')!.getAttribute('aria-label') ?? '').not.toMatch(/−48|-48/);
  });

  it('on its own page: the interval card explains instead of "with 95 % confidence…"', async () => {
    renderDashboard({ signedIn: true, extraEvents: [lonelyNine], hash: '#/touchpoint/gift.card/nps' });
    await screen.findByText(en.noIntervalExplain);
    expect(screen.queryByText(en.intervalExplain)).toBeNull();
    const panel = await screen.findByRole('region', { name: en.verbatimsTitle });
    await within(panel).findByText('Lovely wrapping');
    expect(within(panel).getByText('1 written answer shown, newest first.')).toBeTruthy();
  });

  it('Dutch says it in the singular too', () => {
    expect(nl.verbatimsCount('1')).toBe('1 geschreven antwoord getoond, nieuwste eerst.');
    expect(nl.verbatimsCount('2')).toBe('2 geschreven antwoorden getoond, nieuwste eerst.');
    expect(en.verbatimsCount('2')).toBe('2 written answers shown, newest first.');
  });
});

describe('signing in', () => {
  it('asks the server for the overview once, not once to check the key and again to show it', async () => {
    const { api } = renderDashboard();
    await signIn();
    await overviewShown();
    // Let any second request start before counting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/v1/results/overview')).toBe(true));
    expect(api.calls.filter((c) => c.path === '/v1/results/overview')).toHaveLength(1);
  });
});
