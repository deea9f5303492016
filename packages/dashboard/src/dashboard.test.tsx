import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import type { WireEvent } from '@touchpoint/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectedOverview, RESULTS_KEY } from '../test/fake-results-api';
import { events, overviewRow, overviewShown, renderDashboard, signIn } from '../test/render-dashboard';
import { en } from './i18n/en';

// What an English reader sees, written independently of the app's formatting code.
const signed = new Intl.NumberFormat('en', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const two = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const shown = (metric: string, value: number) =>
  metric === 'nps'
    ? signed.format(value)
    : metric === 'csat'
      ? percent.format(value / 100)
      : two.format(value);

/** Copies of the first `responses` responses at `touchpoints`, answered by QR code (new ids). */
function qrCopies(all: readonly WireEvent[], touchpoints: readonly string[], responses: number): WireEvent[] {
  const chosen = new Set(
    [...new Set(all.filter((e) => touchpoints.includes(e.touchpoint)).map((e) => e.responseId))].slice(
      -responses,
    ),
  );
  return all
    .filter((e) => chosen.has(e.responseId))
    .map((e) => ({
      ...e,
      id: `qr-${e.id}`,
      responseId: `qr-${e.responseId}`,
      context: { ...e.context, channel: 'qr' as const },
    }));
}

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

describe('sign-in', () => {
  it('keeps the key in sessionStorage and sends it as a bearer header, never in the URL', async () => {
    const { api } = renderDashboard();
    expect(screen.getByRole('heading', { name: en.signInTitle })).toBeTruthy();
    expect(api.calls).toEqual([]);
    await signIn();
    await overviewShown();
    expect(sessionStorage.getItem('touchpoint.resultsKey')).toBe(RESULTS_KEY);
    expect(api.calls.length).toBeGreaterThanOrEqual(1);
    for (const call of api.calls) {
      expect(call.authorization).toBe(`Bearer ${RESULTS_KEY}`);
      expect(call.url).not.toContain(RESULTS_KEY);
    }
  });

  it('refuses a wrong key with a clear message and keeps nothing', async () => {
    renderDashboard();
    await signIn(en, 'sk_wrong');
    await screen.findByText(en.signInRejected);
    expect(sessionStorage.getItem('touchpoint.resultsKey')).toBeNull();
    expect(screen.getByRole('heading', { name: en.signInTitle })).toBeTruthy();
  });

  it('explains that the public site key cannot read results', async () => {
    renderDashboard();
    await signIn(en, 'pk_live_123');
    await screen.findByText(en.signInPublicKey);
  });

  it('asks for a key before sending anything', async () => {
    const { api } = renderDashboard();
    await signIn(en, '   ');
    await screen.findByText(en.signInEmpty);
    expect(api.calls).toEqual([]);
  });

  it('returns to the sign-in form with a clear message when the server answers 401', async () => {
    const { api } = renderDashboard({ signedIn: true });
    await overviewShown();
    api.revokeKey();
    fireEvent.click(screen.getByRole('button', { name: en.filterPreset(7) }));
    await screen.findByText(en.signInExpired);
    expect(screen.getByRole('heading', { name: en.signInTitle })).toBeTruthy();
    expect(sessionStorage.getItem('touchpoint.resultsKey')).toBeNull();
    expect(screen.queryByRole('button', { name: en.signOut })).toBeNull();
  });

  it('signs out: the key leaves the tab and the form comes back', async () => {
    renderDashboard({ signedIn: true });
    await overviewShown();
    fireEvent.click(screen.getByRole('button', { name: en.signOut }));
    expect(screen.getByText(en.signInSignedOut)).toBeTruthy();
    expect(sessionStorage.getItem('touchpoint.resultsKey')).toBeNull();
  });
});

describe('overview', () => {
  it("lists every touchpoint with core's score, interval and n", async () => {
    const { api } = renderDashboard({ signedIn: true });
    await overviewShown();
    const call = api.calls.find((c) => c.path === '/v1/results/overview')!;
    expect(call.params.get('from')).toBe('2025-02-03');
    expect(call.params.get('to')).toBe('2025-03-02');
    const expected = expectedOverview(events(), '2025-02-03', '2025-03-02');
    expect(expected.rows.map((r) => r.touchpoint)).toEqual([
      'checkout.completed',
      'onboarding.step3',
      'product.page',
      'support.article',
    ]);
    for (const row of expected.rows) {
      const tr = overviewRow(row.touchpoint);
      const cells = within(tr);
      expect(cells.getByRole('link', { name: row.touchpoint })).toBeTruthy();
      expect(tr.querySelector('.score-value')!.textContent).toBe(shown(row.metric, row.score!));
      expect(tr.querySelector('.interval-text')!.textContent).toBe(
        `${shown(row.metric, row.ci!.low)} to ${shown(row.metric, row.ci!.high)}`,
      );
      expect(tr.querySelector('.answers')!.textContent).toBe(String(row.n));
      // Every row has an error bar and a sparkline with words for screen readers.
      expect(tr.querySelectorAll('svg[role="img"][aria-label]').length).toBe(2);
    }
  });

  it('groups touchpoints by measure and says what each measure means', async () => {
    renderDashboard({ signedIn: true });
    const table = await overviewShown();
    const groups = [...table.querySelectorAll('tbody .group-name')].map((el) => el.textContent);
    expect(groups).toEqual(['NPS', 'CSAT', 'CES']);
    expect(within(table).getByText(en.measureLong.nps)).toBeTruthy();
    expect(within(table).getByText(en.measureLong.ces7)).toBeTruthy();
  });

  it('warns in plain words when a score rests on fewer than 30 answers', async () => {
    renderDashboard({ signedIn: true });
    await overviewShown();
    const small = expectedOverview(events(), '2025-02-03', '2025-03-02').rows.find((r) => r.smallSample)!;
    expect(small.touchpoint).toBe('product.page');
    expect(overviewRow('product.page').textContent).toContain(en.smallSample(String(small.n)));
    expect(overviewRow('support.article').textContent).not.toContain('fewer than 30');
  });

  it('marks the lowest touchpoint within a measure, and only calls a significant change real', async () => {
    const { api } = renderDashboard({ signedIn: true });
    await overviewShown();
    // 28 days: support.article has the lowest CSAT; no change against the 28 days before is significant.
    expect(within(overviewRow('support.article')).getByText(en.badgeLowest('CSAT'))).toBeTruthy();
    expect(document.querySelectorAll('.badge-lowest').length).toBe(1);
    expect(document.querySelector('.badge-changed')).toBeNull();
    expect(screen.getByText(en.highlightNoChange)).toBeTruthy();
    expect(overviewRow('checkout.completed').textContent).toContain(en.changeChance);

    // The last 7 days: support.article's CSAT fell significantly against the 7 days before.
    fireEvent.click(screen.getByRole('button', { name: en.filterPreset(7) }));
    await waitFor(() => expect(document.querySelector('.badge-changed')).not.toBeNull());
    const week = expectedOverview(events(), '2025-02-24', '2025-03-02');
    const fell = week.rows.find((r) => r.touchpoint === 'support.article')!;
    expect(fell.change!.significant).toBe(true);
    expect(week.rows.filter((r) => r.change?.significant)).toHaveLength(1);
    const row = within(overviewRow('support.article'));
    expect(row.getByText(en.badgeMostChanged)).toBeTruthy();
    expect(row.getByText(en.changeReal)).toBeTruthy();
    expect(
      row.getByText(en.changeDown(`${Math.round(-fell.change!.difference)} percentage points`)),
    ).toBeTruthy();
    expect(screen.getByText(en.highlightChange('CSAT'))).toBeTruthy();
    expect(api.calls.at(-1)!.params.get('from')).toBe('2025-02-24');
  });

  it('opens a touchpoint page from its link', async () => {
    const { navigation } = renderDashboard({ signedIn: true });
    await overviewShown();
    fireEvent.click(within(overviewRow('onboarding.step3')).getByRole('link', { name: 'onboarding.step3' }));
    // With the filters the dashboard opens on (the last four weeks) the address names none: it keeps rolling.
    expect(navigation.current()).toBe('#/touchpoint/onboarding.step3/ces');
    await screen.findByRole('heading', { name: en.distributionTitle });
  });
});

describe('filters', () => {
  it('puts the date range and segment into every request query', async () => {
    const { api } = renderDashboard({ signedIn: true });
    await overviewShown();
    const form = screen.getByRole('form', { name: en.filtersLabel });
    fireEvent.input(within(form).getByLabelText(en.filterFrom), { target: { value: '2025-01-13' } });
    fireEvent.input(within(form).getByLabelText(en.filterTo), { target: { value: '2025-02-09' } });
    fireEvent.change(within(form).getByLabelText(en.filterDevice), { target: { value: 'mobile' } });
    fireEvent.input(within(form).getByLabelText(en.filterLocale), { target: { value: 'nl' } });
    fireEvent.input(within(form).getByLabelText(en.filterPath), { target: { value: '/checkout/thanks' } });
    const before = api.calls.length;
    fireEvent.click(within(form).getByRole('button', { name: en.filterApply }));
    await waitFor(() => expect(api.calls.length).toBeGreaterThan(before));
    const query = api.calls.at(-1)!.params;
    expect(Object.fromEntries(query)).toEqual({
      from: '2025-01-13',
      to: '2025-02-09',
      device: 'mobile',
      locale: 'nl',
      path: '/checkout/thanks',
    });
    // Only checkout.completed has answers on that path.
    await waitFor(() => expect(document.querySelectorAll('tr.touchpoint-row')).toHaveLength(1));
    expect(overviewRow('checkout.completed')).toBeTruthy();

    fireEvent.click(within(form).getByRole('button', { name: en.filterClear }));
    await waitFor(() => expect(document.querySelectorAll('tr.touchpoint-row')).toHaveLength(4));
    expect(Object.fromEntries(api.calls.at(-1)!.params)).toEqual({ from: '2025-01-13', to: '2025-02-09' });
  });

  it('keeps the filters in the address: applied, carried to the page a link opens, and read back from it', async () => {
    const { api, navigation } = renderDashboard({ signedIn: true });
    await overviewShown();
    const form = screen.getByRole('form', { name: en.filtersLabel });
    fireEvent.input(within(form).getByLabelText(en.filterFrom), { target: { value: '2025-01-13' } });
    fireEvent.input(within(form).getByLabelText(en.filterTo), { target: { value: '2025-02-09' } });
    fireEvent.change(within(form).getByLabelText(en.filterDevice), { target: { value: 'mobile' } });
    fireEvent.click(within(form).getByRole('button', { name: en.filterApply }));
    const query = 'from=2025-01-13&to=2025-02-09&device=mobile';
    expect(navigation.current()).toBe(`#/?${query}`);

    // The touchpoint's link points at its page with the same filters, and opening it keeps them.
    const link = within(await waitFor(() => overviewRow('onboarding.step3'))).getByRole('link', {
      name: 'onboarding.step3',
    });
    expect(link.getAttribute('href')).toBe(`#/touchpoint/onboarding.step3/ces?${query}`);
    const before = api.calls.length;
    fireEvent.click(link);
    expect(navigation.current()).toBe(`#/touchpoint/onboarding.step3/ces?${query}`);
    await screen.findByRole('heading', { name: en.distributionTitle });
    await waitFor(() => expect(api.calls.length).toBeGreaterThan(before));
    for (const call of api.calls.slice(before)) {
      expect(call.params.get('from')).toBe('2025-01-13');
      expect(call.params.get('device')).toBe('mobile');
    }
    expect(screen.getByRole('link', { name: en.inboxTitle }).getAttribute('href')).toBe(`#/inbox?${query}`);

    // Back (or another link) to an address with other filters: the page takes them.
    const back = api.calls.length;
    navigation.go('#/?from=2025-02-01&to=2025-02-14&channel=web');
    await waitFor(() => expect(api.calls.length).toBeGreaterThan(back));
    expect(Object.fromEntries(api.calls.at(-1)!.params)).toEqual({
      from: '2025-02-01',
      to: '2025-02-14',
      channel: 'web',
    });
    expect((within(form).getByLabelText(en.filterFrom) as HTMLInputElement).value).toBe('2025-02-01');

    // An address without filters is the last four weeks again.
    const plain = api.calls.length;
    navigation.go('#/');
    await waitFor(() => expect(api.calls.length).toBeGreaterThan(plain));
    expect(Object.fromEntries(api.calls.at(-1)!.params)).toEqual({ from: '2025-02-03', to: '2025-03-02' });
  });

  it('opens a shared link on the filters it carries, and a link with a broken range on the last four weeks', async () => {
    const shared = renderDashboard({
      signedIn: true,
      hash: '#/?from=2025-01-13&to=2025-02-09&device=mobile&locale=nl&path=%2Fcheckout%2Fthanks',
    });
    await waitFor(() => expect(document.querySelectorAll('tr.touchpoint-row')).toHaveLength(1));
    const overview = shared.api.calls.find((call) => call.path === '/v1/results/overview')!;
    expect(Object.fromEntries(overview.params)).toEqual({
      from: '2025-01-13',
      to: '2025-02-09',
      device: 'mobile',
      locale: 'nl',
      path: '/checkout/thanks',
    });
    const form = screen.getByRole('form', { name: en.filtersLabel });
    expect((within(form).getByLabelText(en.filterDevice) as HTMLSelectElement).value).toBe('mobile');
    expect((within(form).getByLabelText(en.filterPath) as HTMLInputElement).value).toBe('/checkout/thanks');
    shared.unmount();

    // The end before the start, and a device that does not exist: the page keeps its own filters.
    const broken = renderDashboard({
      signedIn: true,
      hash: '#/inbox?from=2025-02-09&to=2025-01-13&device=fridge',
    });
    const dated = () => broken.api.calls.filter((call) => call.params.has('from'));
    await waitFor(() => expect(dated().length).toBeGreaterThan(0));
    expect(dated()[0]!.params.get('from')).toBe('2025-02-03');
    expect(dated()[0]!.params.get('device')).toBeNull();
    expect(screen.getByRole('link', { name: en.inboxTitle }).getAttribute('aria-current')).toBe('page');
  });

  it("narrows every request to one channel, and the overview to core's numbers of that channel", async () => {
    // Some answers by QR code at two touchpoints, beside the sample's web answers.
    const qr = qrCopies(events(), ['checkout.completed', 'support.article'], 60);
    const { api, saved } = renderDashboard({ signedIn: true, extraEvents: qr });
    await overviewShown();
    const form = screen.getByRole('form', { name: en.filtersLabel });
    const select = within(form).getByLabelText(en.filterChannel) as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual([
      en.filterAnyChannel,
      en.channels.web,
      en.channels.link,
      en.channels.email,
      en.channels.qr,
    ]);
    fireEvent.change(select, { target: { value: 'qr' } });
    const before = api.calls.length;
    fireEvent.click(within(form).getByRole('button', { name: en.filterApply }));
    await waitFor(() => expect(document.querySelectorAll('tr.touchpoint-row')).toHaveLength(2));
    expect(api.calls.slice(before).every((call) => call.params.get('channel') === 'qr')).toBe(true);
    const expected = expectedOverview(qr, '2025-02-03', '2025-03-02');
    expect(expected.rows.map((r) => r.touchpoint)).toEqual(['checkout.completed', 'support.article']);
    for (const row of expected.rows) {
      const tr = overviewRow(row.touchpoint);
      expect(tr.querySelector('.score-value')!.textContent).toBe(shown(row.metric, row.score!));
      expect(tr.querySelector('.answers')!.textContent).toBe(String(row.n));
    }
    // The CSV carries the channel too.
    fireEvent.click(screen.getByRole('button', { name: en.exportResponses }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.calls.at(-1)!.path).toBe('/v1/results/export.csv');
    expect(api.calls.at(-1)!.params.get('channel')).toBe('qr');
    // The bar shows the applied channel; Clear segment clears it with the rest.
    expect(select.value).toBe('qr');
    fireEvent.click(within(form).getByRole('button', { name: en.filterClear }));
    await waitFor(() => expect(document.querySelectorAll('tr.touchpoint-row')).toHaveLength(4));
    expect(api.calls.at(-1)!.params.get('channel')).toBeNull();
    expect(select.value).toBe('');
  });

  it('refuses a range that ends before it starts, without a request', async () => {
    const { api } = renderDashboard({ signedIn: true });
    await overviewShown();
    const before = api.calls.length;
    const form = screen.getByRole('form', { name: en.filtersLabel });
    fireEvent.input(within(form).getByLabelText(en.filterFrom), { target: { value: '2025-03-01' } });
    fireEvent.input(within(form).getByLabelText(en.filterTo), { target: { value: '2025-02-01' } });
    fireEvent.click(within(form).getByRole('button', { name: en.filterApply }));
    expect(within(form).getByRole('alert').textContent).toBe(en.filterBadRange);
    expect(api.calls.length).toBe(before);
  });
});

describe('CSV download', () => {
  it('fetches export.csv with the bearer header and saves the file', async () => {
    const { api, saved } = renderDashboard({ signedIn: true });
    await overviewShown();
    const group = screen.getByRole('group', { name: en.exportLabel });
    fireEvent.click(within(group).getByRole('button', { name: en.exportResponses }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const call = api.calls.at(-1)!;
    expect(call.path).toBe('/v1/results/export.csv');
    expect(Object.fromEntries(call.params)).toEqual({
      kind: 'responses',
      from: '2025-02-03',
      to: '2025-03-02',
    });
    expect(call.authorization).toBe(`Bearer ${RESULTS_KEY}`);
    expect(saved[0]!.fileName).toBe('touchpoint-responses-2025-02-03-to-2025-03-02.csv');
    const csv = await saved[0]!.blob.text();
    expect(csv.split('\r\n')[0]).toBe('at,touchpoint,metric,score,band,text');
    expect(screen.getByText(en.exportDone)).toBeTruthy();

    fireEvent.click(within(group).getByRole('button', { name: en.exportSummary }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(api.calls.at(-1)!.params.get('kind')).toBe('summary');
    expect(saved[1]!.fileName).toBe('touchpoint-summary-2025-02-03-to-2025-03-02.csv');
  });
});
