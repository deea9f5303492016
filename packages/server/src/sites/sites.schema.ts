/**
 * The sites file (`touchpoint.sites.json`): each site the server serves, with its public key (sent by browsers),
 * its secret results key and optional admin key (never in a page), the origins allowed to send events and its survey config file.
 */
import { AttributeKeySchema, IdSchema } from '@touchpoint/core/schema';
import * as z from 'zod/mini';
import { isOriginPattern } from '../http/origin';

export const PUBLIC_KEY_PATTERN = /^pk_[A-Za-z0-9_-]{4,64}$/;
export const SECRET_KEY_PATTERN = /^sk_[A-Za-z0-9_-]{16,128}$/;
export const ADMIN_KEY_PATTERN = /^ak_[A-Za-z0-9_-]{16,128}$/;

export const SiteSchema = z.strictObject({
  /** Stable id of the site; stored with every event. */
  id: IdSchema,
  /** A name for people; the id when left out. */
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** The key browsers send (`?site=pk_…`); public by design, it can only send events and read the config. */
  publicKey: z
    .string()
    .check(z.regex(PUBLIC_KEY_PATTERN, 'use pk_ followed by 4–64 letters, digits, _ or -')),
  /** The key of the results API and dashboard; keep it out of every page. */
  secretKey: z
    .string()
    .check(z.regex(SECRET_KEY_PATTERN, 'use sk_ followed by 16–128 letters, digits, _ or -')),
  /**
   * The key of the admin routes (`/v1/admin/…`: configs, alerts, links, erasure); keep it out of every page and
   * apart from the results key. A site without one has no admin routes.
   */
  adminKey: z.optional(
    z.string().check(z.regex(ADMIN_KEY_PATTERN, 'use ak_ followed by 16–128 letters, digits, _ or -')),
  ),
  /**
   * The secret personal survey links are signed with (HMAC-SHA-256, at least 32 characters; decisions/0012). Left
   * out: derived from the admin key, so changing either revokes every link outstanding.
   */
  linkSecret: z.optional(z.string().check(z.minLength(32), z.maxLength(256))),
  /** Origins allowed to send events, e.g. `https://shop.example`, `http://localhost:*` or `*`. */
  allowedOrigins: z.array(
    z
      .string()
      .check(
        z.refine(
          isOriginPattern,
          'use an origin such as https://shop.example (no path), http://localhost:* or *',
        ),
      ),
  ),
  /**
   * Visitor attributes that are stored but never shown: not in verbatims, the responses CSV, response details,
   * the inbox or at-risk (e.g. `email`, `phone`). Names as `identify()` sends them.
   */
  sensitiveAttributes: z.optional(z.array(AttributeKeySchema).check(z.maxLength(32))),
  /**
   * Days raw events and open-text answers are kept (by the day they count on); older ones are deleted every hour
   * and by `touchpoint prune`, while the daily rollups stay. Also the dedupe window. Left out: kept for ever.
   * At least 2, so no queued copy of an event (held at most a day by the collector) can outlive its original.
   */
  retentionDays: z.optional(z.int().check(z.minimum(2), z.maximum(36_500))),
  /** The survey config file of the site, relative to the sites file. */
  config: z.string().check(z.minLength(1)),
});

export const SitesFileSchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    sites: z.array(SiteSchema).check(z.minLength(1, 'give at least one site')),
  })
  .check(
    z.superRefine((file, ctx) => {
      const seen = new Map<string, string>();
      file.sites.forEach((site, index) => {
        for (const field of ['id', 'publicKey', 'secretKey', 'adminKey'] as const) {
          if (site[field] === undefined) continue;
          const value = field === 'id' ? `id:${site.id}` : `key:${site[field]}`;
          const first = seen.get(value);
          if (first !== undefined) {
            ctx.issues.push({
              code: 'custom',
              message: `already used by ${first}; ids and keys must be unique`,
              path: ['sites', index, field],
              input: site[field],
            });
          } else {
            seen.set(value, `sites[${index}].${field}`);
          }
        }
      });
    }),
  );

export type SiteEntry = z.output<typeof SiteSchema>;
export type SitesFile = z.output<typeof SitesFileSchema>;
