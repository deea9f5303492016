import { describe, expect, it } from 'vitest';
import { resolveText } from './localized-text';
import { bandOf } from './metric';
import { BUILT_IN_LOCALES, builtInLocale, DEFAULT_WORDING, defaultQuestionWording } from './wording';

describe('default wording', () => {
  it.each(BUILT_IN_LOCALES)(
    '%s has every text, each distinct from English but the labels it shares',
    (locale) => {
      const wording = DEFAULT_WORDING[locale];
      for (const metric of ['nps', 'ces', 'csat'] as const) {
        expect(wording[metric].text.length).toBeGreaterThan(10);
        expect(wording[metric].low).not.toBe(wording[metric].high);
        if (locale !== 'en') expect(wording[metric].text).not.toBe(DEFAULT_WORDING.en[metric].text);
      }
      expect(wording.followUp.length).toBeGreaterThan(5);
      expect(wording.thankYou.length).toBeGreaterThan(5);
    },
  );

  it('falls back from region to language to English', () => {
    expect(builtInLocale('nl-BE')).toBe('nl');
    expect(builtInLocale('FR')).toBe('fr');
    expect(builtInLocale('ja')).toBe('en');
    expect(builtInLocale(undefined)).toBe('en');
    expect(defaultQuestionWording('nps', 'de-AT').low).toBe('Überhaupt nicht wahrscheinlich');
  });
});

describe('localized survey text', () => {
  const text = { en: 'Thanks', nl: 'Bedankt', 'nl-BE': 'Merci', fr: 'Merci beaucoup' };
  it.each([
    ['nl-BE', 'Merci'],
    ['nl-NL', 'Bedankt'],
    ['nl', 'Bedankt'],
    ['de', 'Thanks'],
    [undefined, 'Thanks'],
  ])('%s → %s', (locale, expected) => {
    expect(resolveText(text, locale)).toBe(expected);
  });

  it('uses a plain string everywhere and the first entry as a last resort', () => {
    expect(resolveText('Hi', 'fr')).toBe('Hi');
    expect(resolveText({ de: 'Danke' }, 'fr')).toBe('Danke');
    expect(resolveText(undefined, 'fr')).toBeUndefined();
  });
});

describe('score bands', () => {
  it.each([
    ['nps', 6, 7, 'detractor'],
    ['nps', 7, 7, 'passive'],
    ['nps', 8, 7, 'passive'],
    ['nps', 9, 7, 'promoter'],
    ['ces', 3, 7, 'disagree'],
    ['ces', 4, 7, 'neutral'],
    ['ces', 5, 7, 'agree'],
    ['ces', 3, 5, 'neutral'],
    ['ces', 4, 5, 'agree'],
    ['csat', 2, 7, 'unsatisfied'],
    ['csat', 3, 7, 'neutral'],
    ['csat', 4, 7, 'satisfied'],
  ] as const)('%s %i (%i points) is %s', (metric, value, points, band) => {
    expect(bandOf(metric, value, points)).toBe(band);
  });
});
