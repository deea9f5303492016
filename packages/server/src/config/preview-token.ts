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
  /** Site id. */
  readonly s: string;
}

const keyOf = (site: Site) =>
  createHash('sha256')
    .update(`touchpoint-preview\u0000${site.adminKey ?? ''}`)
    .digest();
const sign = (site: Site, payload: string) =>
  createHmac('sha256', keyOf(site)).update(payload).digest('base64url');

export function createPreviewToken(site: Site, claims: Omit<PreviewClaims, 's'>): string {
  const payload = Buffer.from(JSON.stringify({ s: site.id, ...claims })).toString('base64url');
  return `${payload}.${sign(site, payload)}`;
}

export type PreviewCheck =
  | { readonly ok: true; readonly claims: PreviewClaims }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

export function verifyPreviewToken(site: Site, token: string, now: number): PreviewCheck {
  if (site.adminKey === undefined || token.length > 2048) return { ok: false, reason: 'invalid' };
  const [payload, signature, ...rest] = token.split('.');
  if (payload === undefined || signature === undefined || rest.length > 0)
    return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(site, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  let claims: PreviewClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PreviewClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (claims.s !== site.id || typeof claims.id !== 'string' || !Number.isInteger(claims.v)) {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
