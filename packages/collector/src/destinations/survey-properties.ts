/**
 * The flat properties analytics tools want for a survey event: which survey, where, and the score.
 */
import type { WireEvent } from '@touchpoint/core';

export interface SurveyProperties {
  survey_id: string;
  touchpoint: string;
  response_id: string;
  event_id: string;
  /** `nps`, `ces` or `csat`, when the event carries a score. */
  metric?: string;
  /** The score, when the event carries one. */
  score?: number;
  /** Every answer by question id, e.g. `{ score: 9, reason: 'Fast delivery' }`. */
  answers?: Record<string, string | number>;
}

export function surveyProperties(event: WireEvent): SurveyProperties {
  const properties: SurveyProperties = {
    survey_id: event.surveyId,
    touchpoint: event.touchpoint,
    response_id: event.responseId,
    event_id: event.id,
  };
  if ('answers' in event) {
    const answers: Record<string, string | number> = {};
    for (const answer of event.answers) {
      answers[answer.questionId] = answer.value;
      if (answer.type !== 'text' && properties.metric === undefined) {
        properties.metric = answer.type;
        properties.score = answer.value;
      }
    }
    properties.answers = answers;
  }
  return properties;
}

/** `shown` → `Survey Shown`, the Object-Action naming of Segment's specs. */
export const titleCaseName = (event: WireEvent): string =>
  `Survey ${event.type[0]!.toUpperCase()}${event.type.slice(1)}`;
