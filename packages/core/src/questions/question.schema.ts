/**
 * The metric question a survey asks, its optional follow-up and its thank-you step.
 */
import * as z from 'zod/mini';
import { IdSchema, LIMITS, LocalizedTextSchema } from '../config/common.schema';
import { CES_BANDS, CSAT_BANDS, NPS_BANDS } from './metric';

const questionBase = {
  /** Id of the question inside the survey; answers carry it. Default `score`. */
  id: z._default(IdSchema, 'score'),
  /** The question; the built-in wording for the visitor's locale when left out. */
  text: z.optional(LocalizedTextSchema),
  /** Labels at the two ends of the scale; built-in wording when left out. */
  labels: z.optional(
    z.strictObject({
      low: z.optional(LocalizedTextSchema),
      high: z.optional(LocalizedTextSchema),
    }),
  ),
};

export const NpsQuestionSchema = z.strictObject({
  type: z.literal('nps'),
  ...questionBase,
});

export const CesQuestionSchema = z.strictObject({
  type: z.literal('ces'),
  ...questionBase,
  /** 7 for CES 2.0 (default), or 5 for the 5-point variant. 7 (or 5) always means easy. */
  points: z._default(z.union([z.literal(7), z.literal(5)]), 7),
});

export const CsatQuestionSchema = z.strictObject({
  type: z.literal('csat'),
  ...questionBase,
  /** How the 1–5 scale is drawn: numbers (default), faces or stars. */
  style: z._default(z.enum(['numbers', 'faces', 'stars']), 'numbers'),
});

export const QuestionSchema = z.discriminatedUnion('type', [
  NpsQuestionSchema,
  CesQuestionSchema,
  CsatQuestionSchema,
]);

const ALL_BANDS = [...new Set([...NPS_BANDS, ...CES_BANDS, ...CSAT_BANDS])] as [string, ...string[]];

/** The open-text question shown after the score, optionally only for some score bands. */
export const FollowUpSchema = z.strictObject({
  /** Id the text answer carries. Default `reason`. */
  id: z._default(IdSchema, 'reason'),
  text: z.optional(LocalizedTextSchema),
  placeholder: z.optional(LocalizedTextSchema),
  /**
   * Show the follow-up only for these bands, e.g. `["detractor"]`. NPS: detractor, passive, promoter;
   * CES: disagree, neutral, agree; CSAT: unsatisfied, neutral, satisfied. Left out: every band.
   */
  bands: z.optional(
    z.array(z.enum(ALL_BANDS)).check(z.minLength(1, 'give at least one band, or leave bands out')),
  ),
  /** Longest answer accepted, in characters (at most 5000). */
  maxLength: z._default(z.int().check(z.minimum(1), z.maximum(LIMITS.textAnswerLength)), 1000),
});

export const ThankYouSchema = z.strictObject({
  text: z.optional(LocalizedTextSchema),
  /** The thank-you step closes itself after this many milliseconds (0 keeps it open until closed). */
  autoCloseMs: z._default(z.int().check(z.minimum(0), z.maximum(60_000)), 3000),
});

export type NpsQuestion = z.output<typeof NpsQuestionSchema>;
export type CesQuestion = z.output<typeof CesQuestionSchema>;
export type CsatQuestion = z.output<typeof CsatQuestionSchema>;
export type Question = z.output<typeof QuestionSchema>;
export type FollowUp = z.output<typeof FollowUpSchema>;
export type ThankYou = z.output<typeof ThankYouSchema>;
