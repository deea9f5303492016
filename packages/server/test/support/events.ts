/**
 * Builders of valid wire events and batches for the server's tests.
 */
import { randomUUID } from 'node:crypto';
import type { Batch, WireEvent } from '@touchpoint/core';

export function event(overrides: Partial<WireEvent> & Record<string, unknown> = {}): WireEvent {
  return {
    v: 1,
    id: randomUUID(),
    type: 'answered',
    surveyId: 'nps-checkout',
    touchpoint: 'checkout.completed',
    responseId: randomUUID(),
    at: '2026-11-20T10:00:00.000Z',
    answers: [{ questionId: 'score', type: 'nps', value: 9 }],
    context: { path: '/checkout/thanks', locale: 'en', device: 'desktop' },
    visitor: { id: 'v-1' },
    ...overrides,
  } as WireEvent;
}

export function batch(events: WireEvent[], sentAt = '2026-11-20T10:00:05.000Z'): Batch {
  return { sentAt, events };
}

/** Fisher–Yates with a given random source. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
