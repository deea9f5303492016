import { afterEach, describe, expect, it } from 'vitest';
import { resolveLocale } from '../../src/runtime/page-context';

afterEach(() => {
  document.documentElement.lang = '';
});

describe('the visitor’s locale', () => {
  it.each([
    ['the locale option first', 'fr', 'ar', 'en', 'fr'],
    ['then <html lang>, over the config’s defaultLocale', undefined, 'ar', 'en', 'ar'],
    ['then the config’s defaultLocale when the page gives none', undefined, '', 'nl', 'nl'],
    ['never a malformed tag', 'not a tag', 'x', undefined, navigator.language],
  ])('%s', (_name, option, lang, defaultLocale, expected) => {
    document.documentElement.lang = lang;
    expect(resolveLocale(window, option, defaultLocale)).toBe(expected);
  });
});
