/**
 * A survey: one metric question at one touchpoint, with its triggers, targeting, fatigue and schedule.
 */
import * as z from 'zod/mini';
import { BANDS } from '../questions/metric';
import { FollowUpSchema, QuestionSchema, ThankYouSchema } from '../questions/question.schema';
import { IdSchema, LIMITS } from './common.schema';
import { SurveyFatigueSchema } from './fatigue.schema';
import { TargetingSchema } from './targeting.schema';
import { TriggerSchema } from './trigger.schema';

const DateTimeSchema = z.iso.datetime({ offset: true });

export const ScheduleSchema = z
  .strictObject({
    /** Not before this moment (ISO 8601, e.g. 2026-12-01T00:00:00Z). */
    start: z.optional(DateTimeSchema),
    /** Not from this moment on. */
    end: z.optional(DateTimeSchema),
  })
  .check(
    z.refine((s) => s.start === undefined || s.end === undefined || Date.parse(s.start) < Date.parse(s.end), {
      message: 'must be later than start',
      path: ['end'],
    }),
  );

export const PLACEMENTS = ['bottom-right', 'bottom-left', 'modal', 'inline'] as const;
/** What an open card does on an SPA navigation (`display.onNavigation`). */
export const NAVIGATION_BEHAVIOURS = ['keep', 'close'] as const;

export const DisplaySchema = z
  .strictObject({
    /** Where the card appears. `modal` is the only one with an overlay and a focus trap. */
    placement: z._default(z.enum(PLACEMENTS), 'bottom-right'),
    /** For `inline`: CSS selector of the host element to render into, e.g. `#feedback`. */
    target: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.patternLength))),
    /**
     * What an open card does when the visitor moves to another page of a single-page app: `keep` (the default)
     * leaves it open; `close` closes it, unless the visitor has already chosen a score (it stays until they finish).
     */
    onNavigation: z.optional(z.enum(NAVIGATION_BEHAVIOURS)),
  })
  .check(
    z.refine((d) => d.placement !== 'inline' || d.target !== undefined, {
      message: 'an inline survey needs a target selector, e.g. "#feedback"',
      path: ['target'],
    }),
  );

export const SurveySchema = z
  .strictObject({
    id: IdSchema,
    /** The moment in the customer journey this survey measures, e.g. `checkout.completed`. */
    touchpoint: IdSchema,
    /** `false` keeps the survey in the file without ever showing it. */
    enabled: z._default(z.boolean(), true),
    question: QuestionSchema,
    followUp: z.optional(FollowUpSchema),
    thankYou: z._default(ThankYouSchema, { autoCloseMs: 3000 }),
    triggers: z
      .array(TriggerSchema)
      .check(z.minLength(1, 'give at least one trigger'), z.maxLength(LIMITS.triggers)),
    targeting: z._default(TargetingSchema, { sampleRate: 100, visitors: 'any' }),
    fatigue: z._default(SurveyFatigueSchema, { recontactDays: 90, untilAnswered: false }),
    schedule: z.optional(ScheduleSchema),
    /** When several surveys may show at once, the highest priority wins (ties: the earlier in the file). */
    priority: z._default(z.int().check(z.minimum(-1000), z.maximum(1000)), 0),
    display: z._default(DisplaySchema, { placement: 'bottom-right' }),
  })
  .check(
    z.superRefine((survey, ctx) => {
      const allowed = BANDS[survey.question.type];
      survey.followUp?.bands?.forEach((band, index) => {
        if (!allowed.includes(band as never)) {
          ctx.issues.push({
            code: 'custom',
            message: `"${band}" is not a band of a ${survey.question.type} question; use ${allowed.join(', ')}`,
            path: ['followUp', 'bands', index],
            input: band,
          });
        }
      });
    }),
  );

export type Schedule = z.output<typeof ScheduleSchema>;
export type Placement = (typeof PLACEMENTS)[number];
export type Display = z.output<typeof DisplaySchema>;
/** A survey as the rules and the widget see it: defaults filled in. */
export type Survey = z.output<typeof SurveySchema>;
/** A survey as a product team writes it: defaults may be left out. */
export type SurveyInput = z.input<typeof SurveySchema>;
