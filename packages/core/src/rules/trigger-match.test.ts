import { describe, expect, it } from 'vitest';
import type { Trigger } from '../config/trigger.schema';
import { occurrenceFires, type TriggerOccurrence } from './trigger-match';

describe('occurrenceFires', () => {
  it.each<[Trigger, TriggerOccurrence, boolean]>([
    [{ type: 'event', name: 'a' }, { type: 'event', name: 'a' }, true],
    [{ type: 'event', name: 'a' }, { type: 'event', name: 'b' }, false],
    [{ type: 'event', name: 'a' }, { type: 'pageView' }, false],
    [{ type: 'pageView' }, { type: 'pageView' }, true],
    [{ type: 'pageView' }, { type: 'routeChange' }, true],
    [{ type: 'routeChange' }, { type: 'pageView' }, false],
    [{ type: 'routeChange' }, { type: 'routeChange' }, true],
    [{ type: 'click', selector: '#a' }, { type: 'click', selector: '#a' }, true],
    [{ type: 'click', selector: '#a' }, { type: 'click', selector: '#b' }, false],
    [{ type: 'click', selector: '#a' }, { type: 'elementVisible', selector: '#a' }, false],
    [
      { type: 'elementVisible', selector: '.r', threshold: 0.5 },
      { type: 'elementVisible', selector: '.r' },
      true,
    ],
    [
      { type: 'elementVisible', selector: '.r', threshold: 0.5 },
      { type: 'elementVisible', selector: '.s' },
      false,
    ],
    [{ type: 'scrollDepth', percent: 50 }, { type: 'scrollDepth', percent: 50 }, true],
    [{ type: 'scrollDepth', percent: 50 }, { type: 'scrollDepth', percent: 49.9 }, false],
    [{ type: 'scrollDepth', percent: 50 }, { type: 'timeOnPage', seconds: 100 }, false],
    [{ type: 'timeOnPage', seconds: 30 }, { type: 'timeOnPage', seconds: 31 }, true],
    [{ type: 'timeOnPage', seconds: 30 }, { type: 'timeOnPage', seconds: 29 }, false],
    [{ type: 'exitIntent' }, { type: 'exitIntent' }, true],
    [{ type: 'exitIntent', delaySeconds: 2 }, { type: 'scrollDepth', percent: 100 }, false],
  ])('%j by %j → %s', (trigger, occurrence, fires) => {
    expect(occurrenceFires(trigger, occurrence)).toBe(fires);
  });
});
