/**
 * The batch the ingest benchmarks send: `size` completed NPS answers with a comment, each a fresh event and
 * response, as JSON text. Ids are time-ordered (UUID version 7) as the widget makes them, or random version 4 ids
 * as a client of its own might send (decision 0006, item 7: they cost the store more).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { timeOrderedUuid } from '@touchpoint/core';

export type BenchIds = 'time' | 'random';

export function sampleBatch(size: number, ids: BenchIds = 'time'): string {
  const newId = ids === 'time' ? () => timeOrderedUuid(Date.now(), randomBytes(16)) : randomUUID;
  const sentAt = new Date().toISOString();
  const events = Array.from({ length: size }, () => ({
    v: 1,
    id: newId(),
    type: 'completed',
    surveyId: 'nps-checkout',
    touchpoint: 'checkout.completed',
    responseId: newId(),
    at: sentAt,
    answers: [
      { questionId: 'score', type: 'nps', value: Math.floor(Math.random() * 11) },
      { questionId: 'reason', type: 'text', value: 'Fast delivery, friendly support.' },
    ],
    context: { path: '/checkout/thanks', locale: 'nl', device: 'mobile' },
    visitor: { id: `visitor-${Math.floor(Math.random() * 1e6)}` },
  }));
  return JSON.stringify({ sentAt, events });
}
