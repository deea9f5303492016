/**
 * Valid wire events for tests, with only the interesting fields spelt out.
 */
import type { Answer, WireEvent } from '@touchpoint/core';

let counter = 0;
/** A valid v4 UUID, unique per call. */
export function uuid(n = ++counter): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function wireEvent(overrides: Partial<WireEvent> & { answers?: Answer[] } = {}): WireEvent {
  return {
    v: 1,
    id: uuid(),
    type: 'shown',
    surveyId: 'nps-checkout',
    touchpoint: 'checkout.completed',
    responseId: uuid(),
    at: '2026-11-20T10:00:00.000Z',
    context: { path: '/checkout/thanks', locale: 'en', device: 'desktop' },
    visitor: { id: 'v-1' },
    ...overrides,
  } as WireEvent;
}

export function answered(score: number, overrides: Partial<WireEvent> = {}): WireEvent {
  return wireEvent({
    type: 'answered',
    answers: [{ questionId: 'score', type: 'nps', value: score }],
    ...overrides,
  } as Partial<WireEvent>);
}

/** An answered event about `bytes` long as JSON (text answers of up to 5000 characters each, 9 at most). */
export function sized(bytes: number): WireEvent {
  const base = JSON.stringify(answered(5)).length;
  let left = Math.max(0, bytes - base);
  const texts: Answer[] = [];
  for (let i = 0; left > 0 && i < 9; i++) {
    const length = Math.max(0, Math.min(5000, left - 50));
    texts.push({ questionId: `reason${i}`, type: 'text', value: 'x'.repeat(length) });
    left -= length + 50;
  }
  return wireEvent({
    type: 'answered',
    answers: [{ questionId: 'score', type: 'nps', value: 5 }, ...texts],
  } as Partial<WireEvent>);
}

export const ids = (events: readonly WireEvent[]) => events.map((e) => e.id);
