/**
 * The survey runtime's own debug sentences (delays, waits, previews, consent, the config check), in the words of
 * debug mode (`words.ts`): the runtime logs a sentence's code and facts, and only debug mode loads the words that
 * turn them into a sentence (decisions/0004). Without the words (they could not be loaded) a line is its code and
 * facts.
 */
import { describeOccurrence, type TriggerOccurrence } from '@touchpoint/core';
import { configProblems } from './validate/check-config';

/** Why a survey waiting for its delay was cancelled. */
const CANCELLED = {
  navigated: 'the visitor left the page it was triggered on',
  reset: 'reset',
  destroyed: 'destroyed',
};

export const sentences = {
  cancelled: (surveyId: string, why: keyof typeof CANCELLED) =>
    `survey "${surveyId}" was waiting for its delay and is cancelled: ${CANCELLED[why]}`,
  busy: (occurrence: TriggerOccurrence, surveyId: string, seconds: number, showing: string) =>
    `${describeOccurrence(occurrence)}: survey "${surveyId}" waited ${seconds} s, but "${showing}" is showing`,
  blocked: (surveyId: string, blocker: string) => `survey "${surveyId}" waits for ${blocker}`,
  failed: (surveyId: string) => `survey "${surveyId}" is not shown: deciding on it failed:`,
  preview: (surveyId: string) => `previewing survey "${surveyId}": rules skipped, nothing recorded or sent`,
  closes: (surveyId: string) =>
    `survey "${surveyId}" closes: the visitor left its page (onNavigation: close)`,
  consent: (granted: boolean) =>
    granted
      ? 'consent given: visitor data is stored from now on'
      : 'consent revoked: stored visitor data cleared',
  event: (type: string, surveyId: string) => `event "${type}" for survey "${surveyId}"`,
  /** The config checked in full with core's schemas (the survey chunk checks its structure only). */
  checked: (config: unknown) => {
    const problems = configProblems(config);
    return problems[0]
      ? `the config has ${problems.length} problem(s) by core's schema:\n  ${problems.join('\n  ')}`
      : "the config is valid by core's schema";
  },
};

export type Sentences = typeof sentences;
