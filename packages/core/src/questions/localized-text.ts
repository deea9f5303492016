/**
 * Survey texts are either one string for every locale or a map from BCP 47 tag to string.
 */
export type LocalizedText = string | { readonly [locale: string]: string };

/**
 * Picks the text for `locale`: the exact tag (`nl-BE`), then its language (`nl`), then `fallbackLocale`'s
 * language, then English, then the first entry. Returns `undefined` only for an empty map.
 */
export function resolveText(
  text: LocalizedText | undefined,
  locale: string | undefined,
  fallbackLocale = 'en',
): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const entries = Object.entries(text);
  const find = (tag: string | undefined) =>
    tag === undefined ? undefined : entries.find(([key]) => key.toLowerCase() === tag.toLowerCase())?.[1];
  const language = (tag: string | undefined) => tag?.split('-')[0];
  return (
    find(locale) ??
    find(language(locale)) ??
    find(fallbackLocale) ??
    find(language(fallbackLocale)) ??
    find('en') ??
    entries[0]?.[1]
  );
}
