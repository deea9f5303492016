/**
 * Test data for the UI: surveys and appearances validated by core's schema (so defaults are filled in exactly as
 * the runtime gets them), and a recorder of the card's callbacks.
 */
import type { Answer, Appearance, Survey, SurveyInput } from '@touchpoint/core';
import { AppearanceSchema, SurveySchema, validate } from '@touchpoint/core/schema';
import type { SurveyCallbacks, SurveyView } from '../../src/ui/survey-view';

export function survey(input: Partial<SurveyInput> = {}): Survey {
  const result = validate(SurveySchema, {
    id: 'nps-checkout',
    touchpoint: 'checkout.completed',
    question: { type: 'nps' },
    triggers: [{ type: 'event', name: 'checkout.completed' }],
    ...input,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

export function appearance(input: Partial<Appearance> = {}): Appearance {
  const result = validate(AppearanceSchema, input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

export function view(
  surveyInput: Partial<SurveyInput> = {},
  options: { appearance?: Partial<Appearance>; locale?: string; nonce?: string } = {},
): SurveyView {
  return {
    survey: survey(surveyInput),
    appearance: appearance(options.appearance),
    locale: options.locale ?? 'en',
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
  };
}

export type Call =
  | ['shown']
  | ['answered', readonly Answer[]]
  | ['completed', readonly Answer[]]
  | ['dismissed']
  | ['closed']
  | ['error', Error];

/** Callbacks that record every call, in order. */
export function recorder(): SurveyCallbacks & { readonly calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    onShown: () => calls.push(['shown']),
    onAnswered: (answers) => calls.push(['answered', answers]),
    onCompleted: (answers) => calls.push(['completed', answers]),
    onDismissed: () => calls.push(['dismissed']),
    onClosed: () => calls.push(['closed']),
    onError: (error) => calls.push(['error', error]),
  };
}
