/**
 * The triggers of a config that has not been validated yet (the loader needs them before the survey runtime, which
 * validates, is there): objects with a `type`, from enabled surveys. Sources read their own fields defensively.
 */
import type { Trigger } from '@touchpoint/core';
import { isObject } from '../options';

/**
 * Every trigger of every enabled survey of a raw config, as far as its shape goes: objects with a `type`. The
 * sources read their own fields defensively; the survey runtime validates the whole config.
 */
export function triggersOf(config: unknown): Trigger[] {
  const surveys = isObject(config) && Array.isArray(config.surveys) ? config.surveys : [];
  return surveys.flatMap((survey: unknown) =>
    isObject(survey) && survey.enabled !== false && Array.isArray(survey.triggers)
      ? survey.triggers.filter(
          (trigger): trigger is Trigger => isObject(trigger) && typeof trigger.type === 'string',
        )
      : [],
  );
}
