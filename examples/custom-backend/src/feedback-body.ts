/**
 * The body mapper: Touchpoint's wire events, reshaped into the rows the app's own backend already stores. This
 * function is the whole integration on the client side; it goes into `httpDestination({ body })`.
 */
import type { Answer, EventType, Metric, TextAnswer, WireEvent } from '@touchpoint/core';

/** Where the app's endpoint lives: on the app's own origin, so no CORS is involved. */
export const FEEDBACK_PATH = '/api/feedback';

/** One row of the app's feedback table. */
export interface FeedbackRow {
  /** The event's id, kept as the row's unique key: a retried request is stored once. */
  readonly key: string;
  readonly kind: EventType;
  readonly survey: string;
  readonly touchpoint: string;
  /** Groups the rows of one survey display (shown, answered, completed or dismissed). */
  readonly response: string;
  readonly metric: Metric | null;
  /** The score (NPS 0–10, CES 1–7 or 1–5, CSAT 1–5), or null for shown / dismissed. */
  readonly score: number | null;
  /** The follow-up text, or null. */
  readonly comment: string | null;
  /** Page path (query string and hash already stripped by the widget). */
  readonly page: string;
  /** When it happened, by the visitor's clock (ISO 8601). */
  readonly at: string;
}

/** What the app's endpoint accepts: `{ "responses": FeedbackRow[] }`. */
export interface FeedbackBody {
  readonly responses: readonly FeedbackRow[];
}

export function toFeedbackRow(event: WireEvent): FeedbackRow {
  const answers = 'answers' in event ? event.answers : [];
  let score: Exclude<Answer, TextAnswer> | undefined;
  let comment: TextAnswer | undefined;
  for (const answer of answers) {
    if (answer.type === 'text') comment ??= answer;
    else score ??= answer;
  }
  return {
    key: event.id,
    kind: event.type,
    survey: event.surveyId,
    touchpoint: event.touchpoint,
    response: event.responseId,
    metric: score?.type ?? null,
    score: score?.value ?? null,
    comment: comment?.value ?? null,
    page: event.context.path,
    at: event.at,
  };
}

/** The request body for a batch of events: pass as `httpDestination({ body: feedbackBody })`. */
export function feedbackBody(events: readonly WireEvent[]): string {
  const body: FeedbackBody = { responses: events.map(toFeedbackRow) };
  return JSON.stringify(body);
}
