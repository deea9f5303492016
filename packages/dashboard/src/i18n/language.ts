/**
 * The dashboard speaks English and Dutch. It starts in the browser's language and remembers the visitor's
 * switch for the tab.
 */
import { en, type Messages } from './en';
import { nl } from './nl';

export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The sessionStorage entry that remembers the language switch. */
export const LANGUAGE_STORAGE_NAME = 'touchpoint.language';

export const MESSAGES: Record<Language, Messages> = { en, nl };

const isLanguage = (value: unknown): value is Language => value === 'en' || value === 'nl';

/** The first of the browser's languages the dashboard speaks (`nl-BE` → `nl`); English otherwise. */
export function pickLanguage(browserLanguages: readonly string[], remembered?: string | null): Language {
  if (isLanguage(remembered)) return remembered;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/**
 * The locale numbers and dates are written in: the browser's own tag for the chosen language (`en-GB` writes
 * 3 Feb 2025, `en-US` Feb 3, 2025; `nl-BE` and `nl` the same), or the bare language when the browser has none.
 */
export function formatLocale(language: Language, browserLanguages: readonly string[]): string {
  return browserLanguages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}
