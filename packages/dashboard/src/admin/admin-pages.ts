/**
 * The editor's navigation: a plain list of pages, each with its hash and its label. Another admin feature adds
 * its page by appending an entry here and rendering it in `admin-app.tsx` (the page id is its route).
 */
import type { AdminMessages } from './admin-messages';

export interface AdminPage {
  /** Route and id: the page lives at `#/admin/<id>`. */
  readonly id: string;
  readonly label: (t: AdminMessages) => string;
}

export const ADMIN_PAGES: AdminPage[] = [
  { id: 'surveys', label: (t) => t.navSurveys },
  { id: 'site', label: (t) => t.navSite },
  { id: 'simulator', label: (t) => t.navSimulator },
  { id: 'history', label: (t) => t.navHistory },
];

export type AdminRoute =
  | { readonly page: 'survey'; readonly index: number }
  | { readonly page: string; readonly index?: undefined };

/** `#/admin/<page>` or `#/admin/survey/<n>`; anything else is the survey list. */
export function parseAdminRoute(hash: string): AdminRoute {
  const parts = hash.replace(/^#?\/?/, '').split('/');
  if (parts[0] !== 'admin') return { page: 'surveys' };
  if (parts[1] === 'survey' && /^\d{1,4}$/.test(parts[2] ?? ''))
    return { page: 'survey', index: Number(parts[2]) };
  return ADMIN_PAGES.some((p) => p.id === parts[1]) ? { page: parts[1]! } : { page: 'surveys' };
}

export const adminHash = (route: AdminRoute) =>
  route.page === 'survey' ? `#/admin/survey/${route.index}` : `#/admin/${route.page}`;
