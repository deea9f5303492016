import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { CompareResponse, TrendResponse, VerbatimsResponse, WireEvent } from '@touchpoint/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectedOverview, RESULTS_KEY } from '../../test/fake-results-api';
import { events, renderDashboard } from '../../test/render-dashboard';
import { en } from '../i18n/en';

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

const RANGE = { from: '2025-02-03', to: '2025-03-02' };
const row = (touchpoint: string) =>
  expectedOverview(events(), RANGE.from, RANGE.to).rows.find((r) => r.touchpoint === touchpoint)!;

function open(touchpoint: string, metric: string, extraEvents: readonly WireEvent[] = []) {
  return renderDashboard({ signedIn: true, hash: `#/touchpoint/${touchpoint}/${metric}`, extraEvents });
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
/** A range as an en-GB reader sees it, e.g. `3 Feb – 2 Mar 2025` (Intl puts thin spaces around the dash). */
const range = (from: string, to: string) => dayFormat.formatRange(new Date(from), new Date(to));
const lastCall = (api: ReturnType<typeof renderDashboard>['api'], endpoint: string) =>
  api.calls.filter((c) => c.path === `/v1/results/${endpoint}`).at(-1)!;
const answerOf = <T,>(api: ReturnType<typeof renderDashboard>['api'], url: string): T =>
  JSON.parse(api.answer(url, `Bearer ${RESULTS_KEY}`).body) as T;

describe('segment filters on the touchpoint page', () => {
  it('narrow the comparison, the breakdown and the verbatims too', async () => {
    const { api } = open('checkout.completed', 'nps');
    await screen.findByRole('region', { name: en.verbatimsTitle });
    const form = screen.getByRole('form', { name: en.filtersLabel });
    fireEvent.change(within(form).getByLabelText(en.filterDevice), { target: { value: 'mobile' } });
    fireEvent.input(within(form).getByLabelText(en.filterLocale), { target: { value: 'nl' } });
    fireEvent.input(within(form).getByLabelText(en.filterPath), { target: { value: '/checkout/thanks' } });
    // The sample's answers were all given on the website.
    fireEvent.change(within(form).getByLabelText(en.filterChannel), { target: { value: 'web' } });
    fireEvent.click(within(form).getByRole('button', { name: en.filterApply }));
    const segment = { device: 'mobile', locale: 'nl', path: '/checkout/thanks', channel: 'web' };
    for (const endpoint of ['compare', 'segments', 'verbatims', 'trend', 'overview']) {
      await waitFor(() => expect(lastCall(api, endpoint).params.get('device')).toBe('mobile'));
      expect(Object.fromEntries(lastCall(api, endpoint).params)).toMatchObject(segment);
    }
    expect(lastCall(api, 'verbatims').params.get('metric')).toBe('nps');
    // What the panels show is the segment's: the breakdown by device has the one device left.
    const breakdown = await screen.findByRole('region', { name: en.segmentsTitle });
    await waitFor(() => expect(within(breakdown).getAllByRole('row')).toHaveLength(2));
    const items = answerOf<VerbatimsResponse>(api, lastCall(api, 'verbatims').url).items;
    expect(
      items.every((v) => v.device === 'mobile' && v.locale?.startsWith('nl') && v.metric === 'nps'),
    ).toBe(true);
  });
});

describe('touchpoint page', () => {
  it('shows the score, interval, answers and the distribution by band', async () => {
    open('checkout.completed', 'nps');
    const distribution = await screen.findByRole('region', { name: en.distributionTitle });
    const expected = row('checkout.completed');
    expect(expected.metric).toBe('nps');
    const chart = within(distribution).getByRole('img');
    // One bar per score 0–10, each with its count written above it.
    expect(chart.querySelectorAll('rect.bar')).toHaveLength(11);
    const counts = [...chart.querySelectorAll('.bar-count')].map((el) => Number(el.textContent));
    expect(counts).toEqual(expected.distribution.map((d) => d.count));
    // The bands are named, not only coloured, with their share of the answers.
    const bands = [...chart.querySelectorAll('.band-label')].map((g) => g.textContent);
    const share = (count: number) => `${Math.round((100 * count) / expected.n)}%`;
    if (expected.metric !== 'nps') throw new Error('unreachable');
    expect(bands).toEqual([
      `Detractors${share(expected.detractors)}`,
      `Passives${share(expected.passives)}`,
      `Promoters${share(expected.promoters)}`,
    ]);
    expect(chart.getAttribute('aria-label')).toContain(`Detractors: ${expected.detractors}`);
    // The same numbers as a table.
    const table = within(distribution).getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(12);
    // The summary cards.
    expect(screen.getByText(String(expected.n), { selector: '.card-value' })).toBeTruthy();
    expect(screen.getByText(en.measureLong.nps, { selector: '.measure-explain' })).toBeTruthy();
  });

  it('warns about a small sample in plain words', async () => {
    open('product.page', 'csat');
    await screen.findByRole('region', { name: en.distributionTitle });
    const n = row('product.page').n;
    expect(n).toBeLessThan(30);
    expect(screen.getAllByText(en.smallSample(String(n))).length).toBeGreaterThanOrEqual(1);
  });

  it('says so when the touchpoint has no answers in the range', async () => {
    renderDashboard({ signedIn: true, hash: '#/touchpoint/no.such.touchpoint/nps' });
    await screen.findByText(en.touchpointMissing);
  });

  it('draws the trend by week or by day, and reads each point out by keyboard', async () => {
    const { api } = open('checkout.completed', 'nps');
    const trend = await screen.findByRole('region', { name: en.trendTitle });
    const chart = await within(trend).findByRole('img');
    expect(Object.fromEntries(lastCall(api, 'trend').params)).toEqual({
      touchpoint: 'checkout.completed',
      metric: 'nps',
      interval: 'week',
      ...RANGE,
    });
    const weeks = answerOf<TrendResponse>(api, lastCall(api, 'trend').url).points;
    expect(chart.querySelectorAll('circle.trend-point')).toHaveLength(
      weeks.filter((p) => p.score !== null).length,
    );
    expect(chart.querySelectorAll('path.trend-band').length).toBeGreaterThan(0);

    fireEvent.focus(chart);
    const readout = trend.querySelector('.readout')!;
    const last = weeks.at(-1)!;
    expect(readout.textContent).toMatch(
      new RegExp(`^Week of .+: [+-]?\\d+ \\(95 % interval .+\\), ${last.n} answers$`),
    );
    fireEvent.keyDown(chart, { key: 'Home' });
    expect(readout.textContent).toContain(`, ${weeks[0]!.n} answers`);
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    expect(readout.textContent).toContain(`, ${weeks[1]!.n} answers`);

    fireEvent.click(within(trend).getByRole('button', { name: en.trendByDay }));
    await waitFor(() => expect(lastCall(api, 'trend').params.get('interval')).toBe('day'));
    await waitFor(() =>
      expect(within(trend).getByRole('img').querySelectorAll('circle.trend-point').length).toBe(28),
    );
    expect(within(trend).getAllByRole('row')).toHaveLength(29);
  });

  it('compares this range with the one before, in plain words', async () => {
    const { api } = open('checkout.completed', 'nps');
    const compare = await screen.findByRole('region', { name: en.compareTitle });
    await waitFor(() => expect(compare.querySelector('.verdict')).not.toBeNull());
    const call = lastCall(api, 'compare');
    expect(Object.fromEntries(call.params)).toEqual({
      metric: 'nps',
      'a.touchpoint': 'checkout.completed',
      'a.from': '2025-02-03',
      'a.to': '2025-03-02',
      'b.touchpoint': 'checkout.completed',
      'b.from': '2025-01-06',
      'b.to': '2025-02-02',
    });
    const { comparison } = answerOf<CompareResponse>(api, call.url);
    expect(comparison!.significant).toBe(false);
    const sentence = compare.querySelector('.verdict-sentence')!.textContent!;
    const points = `${Math.round(Math.abs(comparison!.difference))} points`;
    expect(sentence).toContain(
      comparison!.difference > 0
        ? en.compareHigher(
            'NPS',
            points,
            range('2025-02-03', '2025-03-02'),
            range('2025-01-06', '2025-02-02'),
          )
        : en.compareLower(
            'NPS',
            points,
            range('2025-02-03', '2025-03-02'),
            range('2025-01-06', '2025-02-02'),
          ),
    );
    expect(sentence).toContain('95 % interval of the difference:');
    expect(within(compare).getByText(en.compareNotSignificant)).toBeTruthy();
  });

  it('compares two ranges of the marketer’s choice and says when the difference is significant', async () => {
    const { api } = open('support.article', 'csat');
    const compare = await screen.findByRole('region', { name: en.compareTitle });
    fireEvent.click(within(compare).getByRole('radio', { name: en.compareCustom }));
    const a = within(compare).getByRole('group', { name: en.comparePeriodA });
    const b = within(compare).getByRole('group', { name: en.comparePeriodB });
    fireEvent.input(within(a).getByLabelText(en.filterFrom), { target: { value: '2025-02-24' } });
    fireEvent.input(within(a).getByLabelText(en.filterTo), { target: { value: '2025-03-02' } });
    fireEvent.input(within(b).getByLabelText(en.filterFrom), { target: { value: '2025-02-17' } });
    fireEvent.input(within(b).getByLabelText(en.filterTo), { target: { value: '2025-02-23' } });
    fireEvent.click(within(compare).getByRole('button', { name: en.compareRun }));
    await waitFor(() => expect(lastCall(api, 'compare').params.get('a.from')).toBe('2025-02-24'));
    const call = lastCall(api, 'compare');
    expect(call.params.get('b.to')).toBe('2025-02-23');
    const { comparison } = answerOf<CompareResponse>(api, call.url);
    expect(comparison!.significant).toBe(true);
    expect(comparison!.difference).toBeLessThan(0);
    await within(compare).findByText(en.compareSignificant);
    expect(compare.querySelector('.verdict-sentence')!.textContent).toContain(
      en.compareLower(
        'CSAT',
        `${Math.round(-comparison!.difference)} percentage points`,
        range('2025-02-24', '2025-03-02'),
        range('2025-02-17', '2025-02-23'),
      ),
    );
  });

  it('breaks the score down by device, language or page', async () => {
    const { api } = open('checkout.completed', 'nps');
    const segments = await screen.findByRole('region', { name: en.segmentsTitle });
    await waitFor(() => expect(within(segments).queryByRole('table')).not.toBeNull());
    expect(Object.fromEntries(lastCall(api, 'segments').params)).toEqual({
      touchpoint: 'checkout.completed',
      metric: 'nps',
      by: 'device',
      ...RANGE,
    });
    const names = within(segments)
      .getAllByRole('rowheader')
      .map((th) => th.textContent);
    expect(names).toEqual(['Desktop', 'Mobile', 'Tablet']);
    fireEvent.click(within(segments).getByRole('button', { name: en.segmentBy.locale }));
    await waitFor(() => expect(lastCall(api, 'segments').params.get('by')).toBe('locale'));
    await waitFor(() =>
      expect(
        within(segments)
          .getAllByRole('rowheader')
          .map((th) => th.textContent),
      ).toEqual(['de', 'en', 'fr', 'nl']),
    );
  });
});

describe('verbatims', () => {
  it('shows the newest first, a page at a time, following the cursor', async () => {
    const { api } = open('checkout.completed', 'nps');
    const panel = await screen.findByRole('region', { name: en.verbatimsTitle });
    await waitFor(() => expect(panel.querySelectorAll('li.verbatim')).toHaveLength(20));
    const first = lastCall(api, 'verbatims');
    expect(Object.fromEntries(first.params)).toEqual({
      ...RANGE,
      touchpoint: 'checkout.completed',
      metric: 'nps',
      limit: '20',
    });
    const page = answerOf<VerbatimsResponse>(api, first.url);
    expect(page.nextCursor).not.toBeNull();
    const times = () => [...panel.querySelectorAll('time')].map((el) => el.getAttribute('datetime')!);
    expect(times()).toEqual(page.items.map((v) => v.at));
    expect([...times()].sort().reverse()).toEqual(times());
    expect(panel.querySelector('blockquote')!.textContent).toBe(page.items[0]!.text);

    fireEvent.click(within(panel).getByRole('button', { name: en.verbatimsMore }));
    await waitFor(() => expect(panel.querySelectorAll('li.verbatim')).toHaveLength(40));
    const second = lastCall(api, 'verbatims');
    expect(second.params.get('cursor')).toBe(page.nextCursor);
    const next = answerOf<VerbatimsResponse>(api, second.url);
    expect(times()).toEqual([...page.items, ...next.items].map((v) => v.at));
    expect(within(panel).getByText(en.verbatimsCount('40'))).toBeTruthy();
  });

  it('filters by score band and starts again from the newest', async () => {
    const { api } = open('checkout.completed', 'nps');
    const panel = await screen.findByRole('region', { name: en.verbatimsTitle });
    await waitFor(() => expect(panel.querySelectorAll('li.verbatim')).toHaveLength(20));
    fireEvent.click(within(panel).getByRole('button', { name: en.verbatimsMore }));
    await waitFor(() => expect(panel.querySelectorAll('li.verbatim')).toHaveLength(40));

    const filter = within(panel).getByRole('group', { name: en.verbatimsFilter });
    fireEvent.click(within(filter).getByRole('button', { name: en.bands.detractor }));
    await waitFor(() => expect(lastCall(api, 'verbatims').params.get('band')).toBe('detractor'));
    expect(lastCall(api, 'verbatims').params.has('cursor')).toBe(false);
    expect(
      within(filter).getByRole('button', { name: en.bands.detractor }).getAttribute('aria-pressed'),
    ).toBe('true');
    const expected = answerOf<VerbatimsResponse>(api, lastCall(api, 'verbatims').url).items;
    expect(expected.length).toBeGreaterThan(0);
    await waitFor(() => expect(panel.querySelectorAll('li.verbatim')).toHaveLength(expected.length));
    for (const tag of panel.querySelectorAll('.band-tag')) {
      const score = Number(/score (\d+)/.exec(tag.textContent!)![1]);
      expect(tag.textContent).toBe(en.verbatimScore(en.band.detractor, String(score)));
      expect(score).toBeLessThanOrEqual(6);
    }
  });

  it('renders what visitors wrote as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="alert(1)"> =HYPERLINK("http://evil") \u202Egnp.exe';
    const base = {
      v: 1 as const,
      surveyId: 'nps-checkout',
      touchpoint: 'checkout.completed',
      responseId: '11111111-1111-4111-8111-111111111111',
      context: { path: '/checkout/<b>thanks</b>', locale: 'nl', device: 'mobile' as const },
      visitor: { id: 'visitor-hostile' },
    };
    const completed: WireEvent = {
      ...base,
      id: '22222222-2222-4222-8222-222222222222',
      type: 'completed',
      at: '2025-03-02T23:59:59.999Z',
      answers: [
        { questionId: 'score', type: 'nps', value: 2 },
        { questionId: 'reason', type: 'text', value: hostile },
      ],
    };
    open('checkout.completed', 'nps', [completed]);
    const panel = await screen.findByRole('region', { name: en.verbatimsTitle });
    await waitFor(() => expect(panel.querySelectorAll('li.verbatim').length).toBeGreaterThan(0));
    const newest = panel.querySelector('li.verbatim')!;
    expect(newest.querySelector('blockquote')!.textContent).toBe(hostile);
    expect(newest.querySelector('blockquote bdi')).not.toBeNull();
    expect(panel.querySelector('img')).toBeNull();
    expect(panel.querySelector('b')).toBeNull();
    expect(newest.textContent).toContain('/checkout/<b>thanks</b>');
  });
});
