/**
 * The config's "closing the loop" parts (decision 0011): visitor attributes that become result segments, the
 * answers that need a follow-up (and the fall of a customer's score that puts them at risk), and journeys —
 * ordered stages of touchpoints as the customer meets them.
 */
import * as z from 'zod/mini';
import { AttributeKeySchema, IdSchema } from './common.schema';
import { SEGMENT_ATTRIBUTE_LIMITS } from './loop-limits';

export const SegmentAttributesSchema = z.array(AttributeKeySchema).check(
  z.maxLength(SEGMENT_ATTRIBUTE_LIMITS.attributes),
  z.refine((names) => new Set(names).size === names.length, 'name each attribute once'),
);

export const FollowUpSchema = z.strictObject({
  /** NPS answers at or below this (0–10) need a follow-up. @default 6 (detractors) */
  nps: z.optional(z.int().check(z.minimum(0), z.maximum(10))),
  /** CSAT answers at or below this (1–5). @default 2 */
  csat: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
  /** CES answers at or below this on the 7-point scale. @default 3 */
  ces7: z.optional(z.int().check(z.minimum(1), z.maximum(7))),
  /** CES answers at or below this on the 5-point scale. @default 2 */
  ces5: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
  /**
   * A known customer is at risk when their latest answer fell by at least this many percent of the scale below
   * the answer before it (any touchpoints). @default 30
   */
  dropPercent: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
});

export const JourneyStageSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  touchpoints: z.array(IdSchema).check(z.minLength(1), z.maxLength(20)),
});

export const JourneySchema = z.strictObject({
  id: IdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  stages: z.array(JourneyStageSchema).check(z.minLength(1), z.maxLength(12)),
});

export const JourneysSchema = z.array(JourneySchema).check(
  z.maxLength(10),
  z.refine(
    (journeys) => new Set(journeys.map((j) => j.id)).size === journeys.length,
    'journey ids must be unique',
  ),
);

export type FollowUpBands = z.output<typeof FollowUpSchema>;
export type Journey = z.output<typeof JourneySchema>;
export type JourneyStage = z.output<typeof JourneyStageSchema>;
