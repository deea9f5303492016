/**
 * Fatigue checks: never ask the same person too often. Each returns a finding (`reason.ts`).
 */
import type { GlobalFatigue, SurveyFatigue } from '../config/fatigue.schema';
import { type Check, check, NONE } from './reason';
import type { SurveyHistory, VisitorHistory } from './visitor-history.schema';

export const DAY_MS = 24 * 60 * 60 * 1000;

const last = (times: readonly number[]) => (times.length === 0 ? undefined : Math.max(...times));

/** The survey's own fatigue: answered-once, display cap and recontact window. */
export function checkSurveyFatigue(fatigue: SurveyFatigue, history: SurveyHistory, now: number): Check[] {
  const checks: Check[] = [];
  const answeredAt = last(history.answered);
  if (fatigue.untilAnswered) {
    checks.push(
      answeredAt === undefined
        ? check(true, 'not-answered', NONE)
        : check(false, 'answered-before', { agoMs: now - answeredAt }),
    );
  }
  const max = fatigue.maxDisplays;
  if (max !== undefined) {
    const shown = history.shownCount;
    checks.push(check(shown < max, shown < max ? 'displays-left' : 'displays-used', { shown, max }));
  }
  const shownAt = last(history.shown);
  if (shownAt === undefined) {
    checks.push(check(true, 'never-shown', NONE));
  } else {
    const days = fatigue.recontactDays;
    const from = shownAt + days * DAY_MS;
    const agoMs = now - shownAt;
    checks.push(
      now >= from
        ? check(true, 'recontact-passed', { agoMs, days })
        : check(false, 'recontact-waiting', { agoMs, days, from }),
    );
  }
  return checks;
}

/** Fatigue across every survey: the global cooldown and the per-session cap. */
export function checkGlobalFatigue(fatigue: GlobalFatigue, history: VisitorHistory, now: number): Check[] {
  let lastShown: { at: number; surveyId: string } | undefined;
  for (const [surveyId, survey] of Object.entries(history.surveys)) {
    const at = last(survey.shown);
    if (at !== undefined && (lastShown === undefined || at > lastShown.at)) lastShown = { at, surveyId };
  }
  const days = fatigue.cooldownDays;
  const checks: Check[] = [];
  if (days === 0) checks.push(check(true, 'no-cooldown', NONE));
  else if (lastShown === undefined) checks.push(check(true, 'none-shown-before', NONE));
  else {
    const until = lastShown.at + days * DAY_MS;
    const agoMs = now - lastShown.at;
    checks.push(
      now >= until
        ? check(true, 'cooldown-passed', { agoMs, days })
        : check(false, 'cooldown-waiting', { surveyId: lastShown.surveyId, agoMs, days, until }),
    );
  }
  const shown = history.sessionShown;
  const cap = fatigue.sessionCap;
  checks.push(check(shown < cap, shown < cap ? 'session-room' : 'session-full', { shown, cap }));
  return checks;
}
