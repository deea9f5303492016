/**
 * The dashboard's English UI strings, for checking that Dutch mode leaves none behind. Texts with numbers or
 * names are functions; their fixed parts (split around the arguments) are checked too.
 */
import { en, type Messages } from '../src/i18n/en';
import { nl } from '../src/i18n/nl';

const MARK = '\u0001';

function fragments(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const text = String((value as (...args: string[]) => string)(MARK, MARK, MARK, MARK, MARK));
    return text.split(MARK);
  }
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(fragments);
  return [];
}

/** Every fixed piece of English text that differs from the Dutch one (names shared by both are left out). */
export function englishOnlyStrings(): string[] {
  const dutch = new Set(
    (Object.keys(nl) as (keyof Messages)[]).flatMap((k) => fragments(nl[k]).map((f) => f.trim())),
  );
  const out = new Set<string>();
  for (const key of Object.keys(en) as (keyof Messages)[]) {
    if (key === 'languageName') continue; // The switch names each language in that language.
    for (const fragment of fragments(en[key])) {
      const piece = fragment
        .trim()
        .replace(/^[.,:;()]+|[.,:;()]+$/g, '')
        .trim();
      if (piece.length >= 4 && !dutch.has(piece)) out.add(piece);
    }
  }
  return [...out];
}

/**
 * The dashboard's own words in `root`: text, accessible names, titles and placeholders, leaving out visitor- or
 * config-written text (`.user-text`) and anything marked as another language (`[lang]`, e.g. the switch).
 */
export function dashboardText(root: Element): string {
  const clone = root.cloneNode(true) as Element;
  for (const el of clone.querySelectorAll('.user-text, [lang]')) el.remove();
  const parts = [clone.textContent ?? ''];
  for (const el of clone.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value !== null) parts.push(value);
    }
  }
  return parts.join('\n');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English UI strings found in `root`'s own words. */
export function englishLeftIn(root: Element): string[] {
  const text = dashboardText(root);
  return englishOnlyStrings().filter((s) =>
    new RegExp(`(^|[^\\p{L}])${escapeRegExp(s)}($|[^\\p{L}])`, 'u').test(text),
  );
}
