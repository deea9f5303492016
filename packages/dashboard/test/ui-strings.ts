/**
 * The dashboard's English UI strings, for checking that Dutch mode leaves none behind. Texts with numbers or
 * names are functions; their fixed parts (split around the arguments) are checked too.
 */
import { en, type Messages } from '../src/i18n/en';
import { nl } from '../src/i18n/nl';

const MARK = '\u0001';

/**
 * English pieces that are the same word in Dutch, on purpose: names (Touchpoint, CSAT, CES), and words Dutch
 * uses too (score, segment, details, tablet, trend, status, open, "over" as in "over 8 perioden"). Anything else that Dutch
 * shares with English is an untranslated copy.
 */
export const SAME_IN_BOTH = new Set([
  'Touchpoint',
  'Tablet',
  'Score',
  'score',
  'CSAT',
  'CES (1–5',
  'Details',
  'over',
  'Segment',
  'Trend',
  'Status',
  'Open',
]);

/** English pieces that also occur inside correct Dutch: "Promoter" in Net Promoter Score, "4 of 5" (4 or 5). */
const ALSO_DUTCH = new Set(['Promoter', 'of 5']);

const normalize = (fragment: string) =>
  fragment
    .trim()
    .replace(/^[.,:;()]+|[.,:;()]+$/g, '')
    .trim();

function fragments(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const text = String((value as (...args: string[]) => string)(MARK, MARK, MARK, MARK, MARK));
    return text.split(MARK);
  }
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(fragments);
  return [];
}

/** Every fixed piece of Dutch text (of at least 4 characters). */
export function dutchStrings(): string[] {
  return [
    ...new Set((Object.keys(nl) as (keyof Messages)[]).flatMap((k) => fragments(nl[k]).map(normalize))),
  ].filter((piece) => piece.length >= 4);
}

/** Every fixed piece of English text that must not be seen in Dutch mode. */
export function englishOnlyStrings(): string[] {
  const out = new Set<string>();
  for (const key of Object.keys(en) as (keyof Messages)[]) {
    if (key === 'languageName') continue; // The switch names each language in that language.
    for (const fragment of fragments(en[key])) {
      const piece = normalize(fragment);
      if (piece.length >= 4 && !SAME_IN_BOTH.has(piece) && !ALSO_DUTCH.has(piece)) out.add(piece);
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
  // Each text node on its own line: textContent would glue neighbouring cells into one word.
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
    for (const child of node.childNodes) walk(child);
  };
  walk(clone);
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
