/**
 * The body of `POST /v1/admin/alerts` and `PATCH /v1/admin/alerts/{id}`: a rule is a destination URL, a format,
 * and the filters that pick the answers that fire it.
 */
import { BANDS, type Band } from '@touchpoint/core';
import { IdSchema } from '@touchpoint/core/schema';
import * as z from 'zod/mini';

/** Limits of the alert rules (README, Limits). */
export const ALERT_LIMITS = {
  /** Rules per site. */
  rulesPerSite: 20,
  /** Characters of a destination URL. */
  urlLength: 2048,
  /** Touchpoints one rule names. */
  touchpoints: 50,
  /** Deliveries listed by `GET /v1/admin/alerts/{id}/deliveries` (the default; `?limit=` up to this). */
  deliveriesListed: 100,
} as const;

export const ALERT_FORMATS = ['json', 'slack'] as const;

/** Every band name core has, once (`neutral` is both a CES and a CSAT band). */
export const BAND_NAMES = [...new Set(Object.values(BANDS).flat())] as readonly Band[];

const UrlSchema = z.string().check(
  z.maxLength(ALERT_LIMITS.urlLength),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'use an absolute http:// or https:// URL'),
);

const fields = {
  url: UrlSchema,
  format: z.enum(ALERT_FORMATS),
  touchpoints: z.optional(
    z.nullable(z.array(IdSchema).check(z.minLength(1), z.maxLength(ALERT_LIMITS.touchpoints))),
  ),
  bands: z.optional(
    z.nullable(
      z
        .array(
          z.string().check(
            z.refine((value) => (BAND_NAMES as readonly string[]).includes(value), {
              message: `use one of ${BAND_NAMES.join(', ')}`,
            }),
          ),
        )
        .check(z.minLength(1)),
    ),
  ),
  hasText: z.optional(z.boolean()),
  identifiedOnly: z.optional(z.boolean()),
  instant: z.optional(z.boolean()),
  digest: z.optional(z.boolean()),
};

export const AlertRuleInputSchema = z.strictObject(fields).check(
  z.refine((rule) => rule.instant !== false || rule.digest === true, {
    message: 'a rule sends instant alerts, a daily digest or both: instant and digest cannot both be false',
    path: ['instant'],
  }),
);

export const AlertRulePatchSchema = z.strictObject({
  url: z.optional(fields.url),
  format: z.optional(fields.format),
  touchpoints: fields.touchpoints,
  bands: fields.bands,
  hasText: fields.hasText,
  identifiedOnly: fields.identifiedOnly,
  instant: fields.instant,
  digest: fields.digest,
  enabled: z.optional(z.boolean()),
});

export type AlertRuleInput = z.output<typeof AlertRuleInputSchema>;
export type AlertRulePatch = z.output<typeof AlertRulePatchSchema>;
