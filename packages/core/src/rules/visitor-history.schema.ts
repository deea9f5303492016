/**
 * What the display rules need to know about a visitor's past: when each survey was shown, answered and dismissed,
 * and how many surveys showed in this session. The widget persists it (validated on read with this schema).
 */
import * as z from 'zod/mini';

import { HISTORY_TIMES_KEPT } from './visitor-history';

const TimesSchema = z.array(z.number().check(z.minimum(0))).check(z.maxLength(HISTORY_TIMES_KEPT));

export const SurveyHistorySchema = z.object({
  /** Epoch milliseconds of each display, oldest first. */
  shown: TimesSchema,
  answered: TimesSchema,
  dismissed: TimesSchema,
  /** Displays ever, including those dropped from `shown`. */
  shownCount: z.int().check(z.minimum(0)),
});

export const VisitorHistorySchema = z.object({
  surveys: z.record(z.string(), SurveyHistorySchema),
  /** Surveys shown in the current browsing session. */
  sessionShown: z.int().check(z.minimum(0)),
});

export type SurveyHistory = z.output<typeof SurveyHistorySchema>;
export type VisitorHistory = z.output<typeof VisitorHistorySchema>;
