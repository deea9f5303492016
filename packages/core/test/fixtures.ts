/**
 * Builders for test data: valid wire events and surveys with only the interesting fields spelt out.
 */

import * as z from 'zod/mini';
import type { Answer, Survey, SurveyInput, WireEvent } from '../src/index';
import { SurveySchema } from '../src/schema';

let counter = 0;
/** A valid v4 UUID, deterministic per call order. */
export function uuid(n = ++counter): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function event(overrides: Partial<WireEvent> & { answers?: Answer[] } = {}): WireEvent {
  const base = {
    v: 1 as const,
    id: uuid(),
    type: 'shown' as const,
    surveyId: 'nps-checkout',
    touchpoint: 'checkout.completed',
    responseId: uuid(),
    at: '2026-11-20T10:00:00.000Z',
    context: { path: '/checkout/thanks', locale: 'en', device: 'desktop' as const },
    visitor: { id: 'v-1' },
  };
  return { ...base, ...overrides } as WireEvent;
}

export function answered(
  value: number,
  overrides: Partial<WireEvent> = {},
  metric: 'nps' | 'ces' | 'csat' = 'nps',
): WireEvent {
  return event({
    type: 'answered',
    answers: [{ questionId: 'score', type: metric, value }],
    ...overrides,
  } as Partial<WireEvent>);
}

export function survey(input: Partial<SurveyInput> = {}): Survey {
  return z.parse(SurveySchema, {
    id: 'nps-checkout',
    touchpoint: 'checkout.completed',
    question: { type: 'nps' },
    triggers: [{ type: 'event', name: 'checkout.completed' }],
    ...input,
  });
}
