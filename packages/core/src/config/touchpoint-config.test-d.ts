import { describe, expectTypeOf, it } from 'vitest';
import type { Survey, SurveyInput, TouchpointConfig, TouchpointConfigInput, Trigger } from '../index';

describe('config types', () => {
  it('lets a product team leave defaults out, and gives the rules defaults filled in', () => {
    const config = {
      version: 1,
      surveys: [
        {
          id: 'nps-checkout',
          touchpoint: 'checkout.completed',
          question: { type: 'nps' },
          triggers: [{ type: 'event', name: 'checkout.completed' }],
        },
      ],
    } satisfies TouchpointConfigInput;
    expectTypeOf(config).toExtend<TouchpointConfigInput>();
    expectTypeOf<TouchpointConfig['fatigue']['cooldownDays']>().toEqualTypeOf<number>();
    expectTypeOf<Survey['priority']>().toEqualTypeOf<number>();
    expectTypeOf<SurveyInput['priority']>().toEqualTypeOf<number | undefined>();
  });

  it('narrows triggers and questions by their type', () => {
    expectTypeOf<Extract<Trigger, { type: 'scrollDepth' }>['percent']>().toEqualTypeOf<number>();
    expectTypeOf<Extract<Trigger, { type: 'click' }>['selector']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Survey['question'], { type: 'ces' }>['points']>().toEqualTypeOf<7 | 5>();
    expectTypeOf<Extract<Survey['question'], { type: 'csat' }>['style']>().toEqualTypeOf<
      'numbers' | 'faces' | 'stars'
    >();
    expectTypeOf<Survey['display']['placement']>().toEqualTypeOf<
      'bottom-right' | 'bottom-left' | 'modal' | 'inline'
    >();
  });

  it('rejects unknown trigger types and misspelt fields at compile time', () => {
    // @ts-expect-error: "hover" is not a trigger type
    const bad: Trigger = { type: 'hover' };
    // @ts-expect-error: "percnt" is not a field of a scroll-depth trigger
    const typo: Trigger = { type: 'scrollDepth', percnt: 50 };
    expectTypeOf(bad).toEqualTypeOf<Trigger>();
    expectTypeOf(typo).toEqualTypeOf<Trigger>();
  });
});
