/**
 * The journey page and the customer-attribute filter (issue 13, points 4 and 5) over the fake results API (core's
 * numbers over core's sample events): stages in the config's order with their touchpoints, the weakest stage
 * marked only when the API says the statistics support it, a picker for several journeys, an empty state for
 * none; the attribute filter goes into every request and stands alone.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overviewShown, renderDashboard } from '../../test/render-dashboard';
import { en } from '../i18n/en';
import { nl } from '../i18n/nl';

const BUY = {
  id: 'buy',
  name: 'Buying',
  stages: [
    { name: 'Discover', touchpoints: ['product.page'] },
    { name: 'Buy', touchpoints: ['checkout.completed'] },
    { name: 'Get help', touchpoints: ['support.article'] },
    { name: 'Later', touchpoints: ['nothing.here'] },
  ],
};
const START = {
  id: 'start',
  name: 'Getting started',
  stages: [{ name: 'Set up', touchpoints: ['onboarding.step3'] }],
};

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

const stages = () => [...document.querySelectorAll<HTMLElement>('li.journey-stage')];

describe('the journey page', () => {
  it('draws the stages in order with their touchpoints, and marks the weakest only when the API does', async () => {
    const { api } = renderDashboard({ signedIn: true, hash: '#/journey', journeys: [BUY, START] });
    await screen.findByRole('heading', { name: 'Buying' });
    await waitFor(() => expect(stages()).toHaveLength(4));
    expect(stages().map((s) => s.dataset.stage)).toEqual(['Discover', 'Buy', 'Get help', 'Later']);
    const discover = stages()[0]!;
    expect(within(discover).getByRole('link', { name: 'product.page' })).toBeTruthy();
    expect(discover.querySelector('.interval-text')!.textContent).not.toBe('');
    expect(within(stages()[3]!).getByText(en.journeyStageEmpty)).toBeTruthy();
    // The fake API applies the overview's rule; the page shows exactly its verdict, in words.
    const call = api.calls.find((c) => c.path === '/v1/results/journey')!;
    const body = api.answer(call.url, call.authorization).body;
    const weakest = (JSON.parse(body) as { weakest: { stage: number; touchpoint: string }[] }).weakest;
    const marked = stages().filter((s) => s.classList.contains('is-weakest'));
    expect(marked.map((s) => stages().indexOf(s))).toEqual(weakest.map((w) => w.stage));
    for (const stage of marked) expect(stage.textContent).toMatch(/Weakest stage \(CSAT\)/);
    if (weakest.length === 0) expect(screen.getByText(en.journeyNoWeakest)).toBeTruthy();
    expect(screen.getByText(en.journeyHowMarked)).toBeTruthy();
  });

  it('picks another journey from the picker, and keeps it in the address', async () => {
    const { navigation, api } = renderDashboard({
      signedIn: true,
      hash: '#/journey',
      journeys: [BUY, START],
    });
    const picker = await screen.findByLabelText(en.journeyPick);
    fireEvent.change(picker, { target: { value: 'start' } });
    expect(navigation.current()).toBe('#/journey/start');
    await screen.findByRole('heading', { name: 'Getting started' });
    expect(
      api.calls
        .filter((c) => c.path === '/v1/results/journey')
        .at(-1)!
        .params.get('journey'),
    ).toBe('start');
  });

  it('says so when the config declares no journey, and offers no picker', async () => {
    renderDashboard({ signedIn: true, hash: '#/journey' });
    await screen.findByText(en.journeyNone);
    expect(screen.queryByLabelText(en.journeyPick)).toBeNull();
  });

  it('speaks Dutch', async () => {
    renderDashboard({ signedIn: true, hash: '#/journey', journeys: [BUY], languages: ['nl'] });
    await screen.findByRole('heading', { name: nl.journeyTitle, level: 1 });
    await screen.findByText(nl.journeyStage('1'));
  });
});

describe('the customer-attribute filter', () => {
  const ATTRIBUTES = [
    { name: 'plan', values: ['free', 'pro'] },
    { name: 'country', values: ['BE', 'NL'] },
  ];

  it('is absent when the config names no segment attributes', async () => {
    renderDashboard({ signedIn: true });
    await overviewShown();
    expect(screen.queryByLabelText(en.attributeFilter)).toBeNull();
  });

  it('puts attr.<name>=<value> into every results request of the page', async () => {
    const { api } = renderDashboard({ signedIn: true, attributes: ATTRIBUTES });
    await overviewShown();
    const select = await screen.findByLabelText(en.attributeFilter);
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      en.attributeAny,
      'plan = free',
      'plan = pro',
      'country = BE',
      'country = NL',
    ]);
    const before = api.calls.length;
    fireEvent.change(select, { target: { value: JSON.stringify(['plan', 'pro']) } });
    fireEvent.click(screen.getByRole('button', { name: en.filterApply }));
    await waitFor(() =>
      expect(api.calls.slice(before).some((c) => c.path === '/v1/results/overview')).toBe(true),
    );
    for (const call of api.calls.slice(before)) expect(call.params.get('attr.plan')).toBe('pro');
    // The CSV download carries it too.
    fireEvent.click(screen.getByRole('button', { name: en.exportResponses }));
    await waitFor(() => expect(api.calls.at(-1)!.path).toBe('/v1/results/export.csv'));
    expect(api.calls.at(-1)!.params.get('attr.plan')).toBe('pro');
    // The journey and at-risk pages read with it as well.
    fireEvent.click(screen.getByRole('link', { name: en.atRiskTitle }));
    await waitFor(() => expect(api.calls.at(-1)!.path).toBe('/v1/results/at-risk'));
    expect(api.calls.at(-1)!.params.get('attr.plan')).toBe('pro');
  });

  it('stands alone: with a device chosen it asks to clear it, and sends nothing', async () => {
    const { api } = renderDashboard({ signedIn: true, attributes: ATTRIBUTES });
    await overviewShown();
    const select = await screen.findByLabelText(en.attributeFilter);
    fireEvent.change(select, { target: { value: JSON.stringify(['country', 'NL']) } });
    fireEvent.change(screen.getByLabelText(en.filterDevice), { target: { value: 'mobile' } });
    const before = api.calls.length;
    fireEvent.click(screen.getByRole('button', { name: en.filterApply }));
    await screen.findByText(en.attributeAlone);
    expect(api.calls.length).toBe(before);
  });

  it('offers each attribute as a breakdown on a touchpoint page', async () => {
    const { api } = renderDashboard({
      signedIn: true,
      hash: '#/touchpoint/checkout.completed/nps',
      attributes: ATTRIBUTES,
    });
    const plan = await screen.findByRole('button', { name: 'plan' });
    fireEvent.click(plan);
    await waitFor(() =>
      expect(
        api.calls.some((c) => c.path === '/v1/results/segments' && c.params.get('by') === 'attr.plan'),
      ).toBe(true),
    );
    expect(plan.getAttribute('aria-pressed')).toBe('true');
  });
});
