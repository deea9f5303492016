import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overviewShown, renderDashboard, signIn } from '../../test/render-dashboard';
import { dutchStrings, englishLeftIn, englishOnlyStrings } from '../../test/ui-strings';
import { en, type Messages } from './en';
import { formatLocale, pickLanguage } from './language';
import { nl } from './nl';

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

describe('pickLanguage', () => {
  it("takes the browser's first language the dashboard speaks, else English", () => {
    expect(pickLanguage(['nl-BE', 'en'])).toBe('nl');
    expect(pickLanguage(['fr-FR', 'NL', 'en'])).toBe('nl');
    expect(pickLanguage(['de-DE', 'fr'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it("prefers the reader's own switch, remembered for the tab", () => {
    expect(pickLanguage(['nl-BE'], 'en')).toBe('en');
    expect(pickLanguage(['en-GB'], 'nl')).toBe('nl');
    expect(pickLanguage(['en-GB'], 'xx')).toBe('en');
  });

  it("writes numbers and dates in the browser's own variant of the language", () => {
    expect(formatLocale('en', ['nl-BE', 'en-GB'])).toBe('en-GB');
    expect(formatLocale('nl', ['nl-BE', 'en-GB'])).toBe('nl-BE');
    expect(formatLocale('nl', ['en-GB'])).toBe('nl');
  });
});

describe('Dutch', () => {
  it('has a translation for every text, and no English text copied into it', () => {
    const keys = (m: Messages) => Object.keys(m).sort();
    expect(keys(nl)).toEqual(keys(en));
    const english = new Set(englishOnlyStrings());
    expect(dutchStrings().filter((piece) => english.has(piece))).toEqual([]);
    // The check below is only meaningful if the list of English strings is the real one.
    expect(englishOnlyStrings()).toContain(en.signInTitle);
    expect(englishOnlyStrings()).toContain('percentage points');
    expect(englishOnlyStrings().length).toBeGreaterThan(120);
  });

  it('starts in Dutch for a Dutch browser, with no English left on any page', async () => {
    renderDashboard({ languages: ['nl-BE', 'nl', 'en'] });
    expect(screen.getByRole('heading', { name: nl.signInTitle })).toBeTruthy();
    expect(document.documentElement.lang).toBe('nl');
    expect(document.title).toBe(nl.documentTitle);
    expect(englishLeftIn(document.body)).toEqual([]);

    await signIn(nl);
    await overviewShown();
    await screen.findByText(nl.highlightsTitle);
    expect(screen.getByText(nl.smallSample('12'))).toBeTruthy();
    expect(englishLeftIn(document.body)).toEqual([]);

    fireEvent.click(
      within(document.querySelector('tr[data-touchpoint="checkout.completed"]')!).getByRole('link'),
    );
    await screen.findByRole('heading', { name: nl.distributionTitle });
    const compare = screen.getByRole('region', { name: nl.compareTitle });
    fireEvent.click(within(compare).getByRole('radio', { name: nl.compareCustom }));
    await waitFor(() => expect(document.querySelectorAll('li.verbatim').length).toBeGreaterThan(0));
    await waitFor(() => expect(compare.querySelector('.verdict')).not.toBeNull());
    await waitFor(() => expect(document.querySelector('.segments-table')).not.toBeNull());
    fireEvent.focus(document.querySelector('svg.trend')!);
    expect(document.querySelector('.readout')!.textContent).toMatch(/^Week van /);
    expect(englishLeftIn(document.body)).toEqual([]);
  });

  it('the switch changes every label at once and is remembered for the tab', async () => {
    renderDashboard({ signedIn: true, hash: '#/touchpoint/support.article/csat' });
    await screen.findByRole('heading', { name: en.distributionTitle });
    await waitFor(() => expect(document.querySelector('.verdict')).not.toBeNull());
    await waitFor(() => expect(document.querySelectorAll('li.verbatim').length).toBeGreaterThan(0));
    // In English, the English strings are there (so the Dutch check below can fail).
    expect(englishLeftIn(document.body).length).toBeGreaterThan(25);

    const switcher = screen.getByRole('group', { name: en.language });
    fireEvent.click(within(switcher).getByRole('button', { name: 'Nederlands' }));
    expect(within(switcher).getByRole('button', { name: 'Nederlands' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByRole('heading', { name: nl.distributionTitle })).toBeTruthy();
    expect(englishLeftIn(document.body)).toEqual([]);
    expect(sessionStorage.getItem('touchpoint.language')).toBe('nl');

    cleanup();
    renderDashboard({ signedIn: true, languages: ['en-GB'] });
    await overviewShown();
    expect(screen.getByRole('heading', { name: nl.overviewTitle })).toBeTruthy();
  });
});

describe('counts in words', () => {
  it('say one answer, one promoter, and more answers, in both languages', () => {
    expect(en.smallSample('1')).toMatch(/^Only 1 answer\./);
    expect(en.smallSample('12')).toMatch(/^Only 12 answers\./);
    expect(en.npsBreakdown('1', '2', '1')).toBe('1 promoter, 2 passives, 1 detractor');
    expect(nl.smallSample('1')).toMatch(/^Maar 1 antwoord\./);
    expect(nl.npsBreakdown('3', '1', '0')).toBe('3 promotors, 1 passieve, 0 criticasters');
  });

  it('name CES only where CES is compared', () => {
    expect(en.compareImpossible).not.toContain('CES');
    expect(en.compareImpossibleCes).toContain('CES');
  });
});
