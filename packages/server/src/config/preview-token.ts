/**
 * Preview links (decision 0007): a short-lived token naming a site, a survey and a config version, signed with a
 * key derived from the site's admin key (so nothing new is stored, every server process agrees, and a new admin
 * key ends every link). The widget finds it in the page's `touchpoint_preview` parameter, loads that version with
 * `GET /v1/config?site=…&preview=TOKEN` and shows the survey at once as a preview: rules skipped, nothing sent.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Site } from '../sites/site';

/** How long a preview link works. */
export const PREVIEW_TTL_MS = 30 * 60 * 1000;
/** The page parameter the widget reads. */
export const PREVIEW_PARAM = 'touchpoint_preview';

export interface PreviewClaims {
  /** Survey id. */
  readonly id: string;
  /** Config version. */
  readonly v: number;
  /** Expiry, epoch ms. */
  readonly exp: number;
}

const keyOf = (site: Site) =>
  createHash('sha256')
    .update(`touchpoint-preview\u0000${site.adminKey ?? ''}`)
    .digest();
const sign = (site: Site, claims: PreviewClaims) =>
  createHmac('sha256', keyOf(site))
    .update(`${site.id}~${claims.id}~${claims.v}~${claims.exp}`)
    .digest('base64url');

/**
 * `<survey id>~<version>~<expiry ms>~<HMAC-SHA-256 of the site and these, base64url>`: every character URL-safe
 * (survey ids are letters, digits and `. _ : -`), and the survey id first, so the widget reads it without parsing.
 */
export function createPreviewToken(site: Site, claims: PreviewClaims): string {
  return `${claims.id}~${claims.v}~${claims.exp}~${sign(site, claims)}`;
}

export type PreviewCheck =
  | { readonly ok: true; readonly claims: PreviewClaims }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

export function verifyPreviewToken(site: Site, token: string, now: number): PreviewCheck {
  if (site.adminKey === undefined || token.length > 512) return { ok: false, reason: 'invalid' };
  const parts = token.split('~');
  const [id, v, exp, signature] = parts;
  if (parts.length !== 4 || !/^\d{1,9}$/.test(v!) || !/^\d{1,15}$/.test(exp!))
    return { ok: false, reason: 'invalid' };
  const claims: PreviewClaims = { id: id!, v: Number(v), exp: Number(exp) };
  const expected = Buffer.from(sign(site, claims));
  const given = Buffer.from(signature!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  if (claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
