/**
 * Fatigue: never ask the same person too often.
 */
import * as z from 'zod/mini';

/** Per survey. */
export const SurveyFatigueSchema = z.strictObject({
  /** Days before this survey may show again to a visitor who has seen it (default 90). */
  recontactDays: z._default(z.number().check(z.minimum(0), z.maximum(3650)), 90),
  /**
   * `true`: after a visitor answered, never ask again; a visitor who dismissed is asked again after
   * `recontactDays`. `false` (default): answered or not, ask again after `recontactDays`.
   */
  untilAnswered: z._default(z.boolean(), false),
  /** Show at most this many times to one visitor, ever. Left out: no limit. */
  maxDisplays: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
});

/** Across every survey of the site. */
export const GlobalFatigueSchema = z.strictObject({
  /** After any survey showed, no survey shows to that visitor for this many days (default 7). */
  cooldownDays: z._default(z.number().check(z.minimum(0), z.maximum(365)), 7),
  /** At most this many surveys per browsing session (default 1). */
  sessionCap: z._default(z.int().check(z.minimum(1), z.maximum(100)), 1),
});

export type SurveyFatigue = z.output<typeof SurveyFatigueSchema>;
export type GlobalFatigue = z.output<typeof GlobalFatigueSchema>;
