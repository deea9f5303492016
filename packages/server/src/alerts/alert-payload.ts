/**
 * What an alert says, before it is written in a rule's format: stored in the outbox as plain JSON, so a retry,
 * a resend and a delivery by another server send the same alert.
 */
import { type Band, type CesPoints, type Metric, scaleOf } from '@touchpoint/core';
import { bandOfAnswer } from './alert-match';

/** The customer, when the host identified the visitor (`identify`): their id and the attributes sent. */
export interface AlertCustomer {
  readonly userId: string;
  readonly attributes?: Record<string, unknown>;
}

/** One answer that fired a rule. */
export interface AnswerAlert {
  readonly type: 'answer';
  readonly site: string;
  readonly responseId: string;
  readonly touchpoint: string;
  readonly surveyId: string;
  readonly questionId: string;
  readonly metric: Metric;
  /** CES only: 5 or 7. */
  readonly points?: CesPoints;
  readonly score: number;
  readonly band: Band;
  readonly scale: { readonly min: number; readonly max: number };
  /** The response's open-text answers joined by a blank line; null when it has none. */
  readonly text: string | null;
  readonly customer: AlertCustomer | null;
  readonly path: string;
  readonly locale: string | null;
  readonly device: string | null;
  /** When the answer was given (the server-corrected time), ISO 8601. */
  readonly answeredAt: string;
}

/** Counts of one band at one touchpoint on the digest's day. */
export interface DigestCount {
  readonly touchpoint: string;
  readonly metric: Metric;
  readonly points?: CesPoints;
  readonly band: Band;
  readonly count: number;
}

/** The matching answers of one UTC day. */
export interface DigestAlert {
  readonly type: 'digest';
  readonly site: string;
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  /** Matching answers that day. */
  readonly total: number;
  readonly counts: readonly DigestCount[];
  /** The lowest matching scores of the day (at most `DIGEST_WORST`), lowest first on each metric's scale. */
  readonly worst: readonly Omit<AnswerAlert, 'type' | 'site'>[];
}

export interface TestAlert {
  readonly type: 'test';
  readonly site: string;
  readonly message: string;
}

export type AlertPayload = AnswerAlert | DigestAlert | TestAlert;

/** Answers listed in a digest. */
export const DIGEST_WORST = 5;

export interface AnswerFacts {
  readonly site: string;
  readonly responseId: string;
  readonly touchpoint: string;
  readonly surveyId: string;
  readonly questionId: string;
  readonly metric: Metric;
  readonly points: 0 | CesPoints;
  readonly value: number;
  readonly texts: readonly string[];
  readonly userId: string | null;
  readonly attributes: Record<string, unknown> | null;
  readonly path: string;
  readonly locale: string | null;
  readonly device: string | null;
  readonly correctedAt: number;
}

export function answerAlert(facts: AnswerFacts): AnswerAlert {
  const texts = facts.texts.filter((text) => text.trim() !== '');
  const points = facts.points === 0 ? undefined : facts.points;
  const scale = scaleOf(facts.metric, points ?? 7);
  return {
    type: 'answer',
    site: facts.site,
    responseId: facts.responseId,
    touchpoint: facts.touchpoint,
    surveyId: facts.surveyId,
    questionId: facts.questionId,
    metric: facts.metric,
    ...(points === undefined ? {} : { points }),
    score: facts.value,
    band: bandOfAnswer(facts),
    scale: { min: scale.min, max: scale.max },
    text: texts.length === 0 ? null : texts.join('\n\n'),
    customer:
      facts.userId === null
        ? null
        : {
            userId: facts.userId,
            ...(facts.attributes === null ? {} : { attributes: facts.attributes }),
          },
    path: facts.path,
    locale: facts.locale,
    device: facts.device,
    answeredAt: new Date(facts.correctedAt).toISOString(),
  };
}

/** Where a score sits on its scale, 0 (worst) to 1 (best), to order the worst answers across metrics. */
export function relativeScore(answer: { metric: Metric; points?: CesPoints | 0; value: number }): number {
  const scale = scaleOf(answer.metric, answer.points === 5 ? 5 : 7);
  return (answer.value - scale.min) / (scale.max - scale.min);
}

export function testAlert(site: string): TestAlert {
  return {
    type: 'test',
    site,
    message: 'A test alert from Touchpoint: this destination receives the alerts of this rule.',
  };
}
