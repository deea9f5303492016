/**
 * Custom events: `track(name)` from the host, e.g. `touchpoint('track', 'checkout.completed')`. The trigger's
 * `delaySeconds` (if any) is applied by the runtime, which decides again when the wait is over.
 */
import { LIMITS, type TriggerOccurrence } from '@touchpoint/core';
import type { Logger } from '../logger';

/** The occurrence of a tracked event, or `undefined` (with an error) when the name is not usable. */
export function customEvent(name: unknown, log: Logger): TriggerOccurrence | undefined {
  if (typeof name === 'string' && name.length > 0 && name.length <= LIMITS.patternLength)
    return { type: 'event', name };
  log.error(
    `track(name): name must be text of 1–${LIMITS.patternLength} characters, e.g. "checkout.completed".`,
  );
  return undefined;
}
