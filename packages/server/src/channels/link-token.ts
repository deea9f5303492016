/**
 * Personal survey links (decisions/0012): `/s/{surveyId}?t=TOKEN`, where TOKEN is the base64url JSON of what the
 * link carries, a dot, and its HMAC-SHA-256 under the site's link secret. The server checks the signature (in
 * constant time) and the expiry before it shows anything; a token changed by one character, or past its
 * `expiresAt`, is refused with a page that says so, and nothing is stored (a GET never stores anything anyway).
 *
 * The link secret is the site's `linkSecret`, or derived from its admin key: HMAC-SHA-256(adminKey,
 * "touchpoint link secret v1"). A site with neither cannot make links.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Attributes, Channel } from '@touchpoint/core';
import { AttributesSchema, IdSchema, validate } from '@touchpoint/core/schema';
import * as z from 'zod/mini';
import type { Site } from '../sites/site';

/** The longest a token may be (a URL stays far under every browser's and mail client's limit). */
export const MAX_TOKEN_LENGTH = 4096;

/** What a personal link carries. */
export interface LinkClaims {
  /** Site id. */
  readonly site: string;
  readonly surveyId: string;
  /** The response this link answers: the same on every opening, so the link gives one response. */
  readonly responseId: string;
  readonly userId?: string;
  readonly attributes?: Attributes;
  /** Epoch ms; none: the link never expires. */
  readonly expiresAt?: number;
  /** `link`, or `email` for the links of an e-mail snippet. */
  readonly channel: Extract<Channel, 'link' | 'email'>;
}

const ClaimsSchema = z.strictObject({
  site: IdSchema,
  surveyId: IdSchema,
  responseId: z.uuid(),
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  attributes: z.optional(AttributesSchema),
  expiresAt: z.optional(z.int().check(z.minimum(0))),
  channel: z.enum(['link', 'email']),
});

/** The secret a site's links are signed with, or undefined when it has no link secret and no admin key. */
export function linkSecretOf(site: Site): Buffer | undefined {
  if (site.linkSecret !== undefined) return Buffer.from(site.linkSecret, 'utf8');
  if (site.adminKey === undefined) return undefined;
  return createHmac('sha256', site.adminKey).update('touchpoint link secret v1').digest();
}

const mac = (secret: Buffer, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

export function signLink(secret: Buffer, claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export type LinkCheck =
  | { readonly ok: true; readonly claims: LinkClaims }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

/** Checks a token against the sites: signature first, then the claims, then the expiry at `now`. */
export function verifyLink(token: string, sites: readonly Site[], surveyId: string, now: number): LinkCheck {
  const invalid = { ok: false, reason: 'invalid' } as const;
  if (token.length > MAX_TOKEN_LENGTH) return invalid;
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) return invalid;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return invalid;
  }
  const siteId = (claims as { site?: unknown } | null)?.site;
  const site = sites.find((s) => s.id === siteId);
  const secret = site === undefined ? undefined : linkSecretOf(site);
  if (secret === undefined) return invalid;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return invalid;
  const checked = validate(ClaimsSchema, claims);
  if (!checked.ok || checked.value.surveyId !== surveyId) return invalid;
  const value = checked.value as LinkClaims;
  if (value.expiresAt !== undefined && now >= value.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, claims: value };
}
