import { describe, expect, it } from 'vitest';
import { survey } from '../../test/ui/survey-fixture';
import { cardContent } from './card-content';
import { directionOf } from './direction-of';
import { UI_STRINGS } from './ui-strings';

describe('cardContent', () => {
  it('falls back from the survey text to core wording to English', () => {
    const content = cardContent(
      survey({
        question: { type: 'nps', labels: { high: { nl: 'Zeker' } } },
        thankYou: { text: { de: 'Danke' } },
      }),
      'nl-NL',
    );
    expect(content.question).toBe(
      'Hoe waarschijnlijk is het dat je ons aanbeveelt aan een vriend of collega?',
    );
    expect([content.low, content.high]).toEqual(['Helemaal niet waarschijnlijk', 'Zeker']);
    // A survey text map without the visitor's language falls back as core's resolveText does.
    expect(content.thankYou).toBe('Danke');
    expect(content.followUp).toBe('Wat is de belangrijkste reden voor je score?');
    expect(content.placeholder).toBeUndefined();
  });

  it('an unknown language gets English card strings', () => {
    expect(cardContent(survey(), 'ja').close).toBe('Close');
  });

  it('every built-in language has every card string, distinct from English where a word differs', () => {
    for (const [locale, strings] of Object.entries(UI_STRINGS)) {
      expect(
        Object.values(strings)
          .flat()
          .every((text) => text.length > 0),
        locale,
      ).toBe(true);
      if (locale !== 'en') expect(strings.close).not.toBe(UI_STRINGS.en.close);
    }
  });
});

describe('directionOf', () => {
  it.each([
    ['ar', 'rtl'],
    ['he-IL', 'rtl'],
    ['fa', 'rtl'],
    ['UR-pk', 'rtl'],
    ['nl-BE', 'ltr'],
    ['fr', 'ltr'],
    ['arn', 'ltr'],
  ])('%s → %s', (locale, dir) => {
    expect(directionOf(locale)).toBe(dir);
  });
});
