/**
 * The batches the ingest benchmarks send, as JSON text.
 *
 * - `sampleBatch`: `size` completed NPS answers with a comment, each a fresh event and response: the heaviest event
 *   there is, every one of them. Ids are time-ordered (UUID version 7) as the widget makes them, or random version
 *   4 ids as a client of its own might send (decision 0006, item 7: they cost the store more).
 * - `widgetTraffic`: the events widgets send for the cards they show (decision 0006, item 9): every card a `shown`
 *   event; then, at the rates of core's sample data for the checkout touchpoint, an `answered` and a `completed`
 *   event (with a comment in 40 % of them) or a `dismissed` one; one response's events in successive batches, as a
 *   page sends each soon after it happens.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { timeOrderedUuid } from '@touchpoint/core';
import { SAMPLE_TOUCHPOINTS } from '@touchpoint/core/sample';

export type BenchIds = 'time' | 'random';

const CHECKOUT = SAMPLE_TOUCHPOINTS.find((tp) => tp.touchpoint === 'checkout.completed')!;
const COMMENT = { questionId: 'reason', type: 'text', value: 'Fast delivery, friendly support.' } as const;

/** What every event of one card shares: its survey, touchpoint, response, page and visitor. */
function checkoutCard(responseId: string, random: () => number) {
  return {
    v: 1,
    surveyId: CHECKOUT.surveyId,
    touchpoint: CHECKOUT.touchpoint,
    responseId,
    context: { path: CHECKOUT.path, locale: 'nl', device: 'mobile' },
    visitor: { id: `visitor-${Math.floor(random() * 1e6)}` },
  };
}

const npsScore = (random: () => number) => ({
  questionId: 'score',
  type: 'nps',
  value: Math.floor(random() * 11),
});

export function sampleBatch(size: number, ids: BenchIds = 'time'): string {
  const newId = ids === 'time' ? () => timeOrderedUuid(Date.now(), randomBytes(16)) : randomUUID;
  const sentAt = new Date().toISOString();
  const events = Array.from({ length: size }, () => ({
    ...checkoutCard(newId(), Math.random),
    id: newId(),
    type: 'completed',
    at: sentAt,
    answers: [npsScore(Math.random), COMMENT],
  }));
  return JSON.stringify({ sentAt, events });
}

/** What the clients send: every event a completed answer with a comment, or the widget's mix of events. */
export type BenchTraffic = 'answers' | 'widget';

/**
 * The widget's rates in the bench, as core's sample data (`generateSampleEvents`) has them for its checkout
 * touchpoint: the share of shown cards answered, of unanswered cards dismissed (the rest are left alone), and of
 * completed answers with a comment.
 */
export const WIDGET_RATES = { answered: CHECKOUT.answerRate, dismissed: 0.6, comment: 0.4 } as const;

/** The events one shown card sends, in order, without their ids, `at` and batch time. */
function cardEvents(random: () => number, newId: () => string): Record<string, unknown>[] {
  const card = checkoutCard(newId(), random);
  const events: Record<string, unknown>[] = [{ ...card, type: 'shown' }];
  if (random() >= WIDGET_RATES.answered) {
    if (random() < WIDGET_RATES.dismissed) events.push({ ...card, type: 'dismissed' });
    return events;
  }
  const score = npsScore(random);
  events.push({ ...card, type: 'answered', answers: [score] });
  events.push({
    ...card,
    type: 'completed',
    answers: random() < WIDGET_RATES.comment ? [score, COMMENT] : [score],
  });
  return events;
}

/**
 * One client's stream of widget batches: each of the batch's `size` places follows one card through its events,
 * one event per batch, and takes a new card when its card has sent all of them. Ids are time-ordered.
 */
export function widgetTraffic(size: number, random: () => number = Math.random): () => string {
  const newId = () => timeOrderedUuid(Date.now(), randomBytes(16));
  const cards: Record<string, unknown>[][] = [];
  return () => {
    const sentAt = new Date().toISOString();
    const events = Array.from({ length: size }, (_, place) => {
      let card = cards[place];
      if (card === undefined || card.length === 0) {
        card = cardEvents(random, newId);
        cards[place] = card;
      }
      return { ...card.shift(), id: newId(), at: sentAt };
    });
    return JSON.stringify({ sentAt, events });
  };
}
