/**
 * The dashboard's pages live in the URL's hash, so links, the back button and bookmarks work while the server
 * serves one static page. The hash holds the page and, after a `?`, the results filters (`filter-query.ts`), never
 * the key or the data.
 *
 * - `#/` — the overview
 * - `#/inbox` — the follow-up inbox; `#/at-risk` — customers at risk
 * - `#/journey[/<journey id>]` — a journey of the config (its first when no id is given)
 * - `#/touchpoint/<touchpoint>/<metric>[/5]` — one touchpoint's metric (`/5` for the 1–5 CES variant)
 * - `#/alerts` — the admin's alert rules and deliveries
 */
import { type CesPoints, METRICS, type Metric } from '@touchpoint/core';

export type Route =
  | { readonly page: 'overview' }
  | { readonly page: 'inbox' }
  | { readonly page: 'at-risk' }
  | { readonly page: 'journey'; readonly journey?: string }
  | { readonly page: 'alerts' }
  | {
      readonly page: 'touchpoint';
      readonly touchpoint: string;
      readonly metric: Metric;
      readonly points: CesPoints;
    };

/** The page of a hash; its query (the filters, `filter-query.ts`) is not part of the route. */
export function parseRoute(hash: string): Route {
  const parts = hash
    .split('?')[0]!
    .replace(/^#?\/?/, '')
    .split('/');
  if (parts[0] === 'inbox' && parts.length === 1) return { page: 'inbox' };
  if (parts[0] === 'at-risk' && parts.length === 1) return { page: 'at-risk' };
  if (parts[0] === 'journey' && parts.length <= 2) {
    if (parts[1] === undefined || parts[1] === '') return { page: 'journey' };
    try {
      return { page: 'journey', journey: decodeURIComponent(parts[1]) };
    } catch {
      return { page: 'journey' };
    }
  }
  if (parts[0] === 'alerts') return { page: 'alerts' };
  if (parts[0] === 'touchpoint' && parts.length >= 3) {
    let touchpoint: string;
    try {
      touchpoint = decodeURIComponent(parts[1]!);
    } catch {
      return { page: 'overview' };
    }
    const metric = parts[2] as Metric;
    if (touchpoint !== '' && METRICS.includes(metric)) {
      return { page: 'touchpoint', touchpoint, metric, points: metric === 'ces' && parts[3] === '5' ? 5 : 7 };
    }
  }
  return { page: 'overview' };
}

export function routeHash(route: Route): string {
  if (route.page === 'overview') return '#/';
  if (route.page === 'inbox') return '#/inbox';
  if (route.page === 'at-risk') return '#/at-risk';
  if (route.page === 'journey') {
    return route.journey === undefined ? '#/journey' : `#/journey/${encodeURIComponent(route.journey)}`;
  }
  if (route.page === 'alerts') return '#/alerts';
  const points = route.metric === 'ces' && route.points === 5 ? '/5' : '';
  return `#/touchpoint/${encodeURIComponent(route.touchpoint)}/${route.metric}${points}`;
}
