import { pathOf } from '../rules/url-match';
import { MAX_PATH_LENGTH } from './limits';

/**
 * The path an event carries: the page path without hash and without query string, except the query parameters a
 * site allow-lists (e.g. `utm_campaign`), so an `?email=` in a URL never leaves the page.
 */
export function contextPath(url: string, allowedParams: readonly string[] = []): string {
  const full = pathOf(url);
  const [path = '/', query = ''] = full.split('?', 2) as [string?, string?];
  const kept = query
    .split('&')
    .filter(
      (pair) => pair !== '' && allowedParams.includes(decodeURIComponentSafe(pair.split('=', 1)[0] ?? '')),
    );
  const result = kept.length === 0 ? path : `${path}?${kept.join('&')}`;
  return result.slice(0, MAX_PATH_LENGTH);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
