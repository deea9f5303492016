/**
 * Fatigue checks: never ask the same person too often.
 */
import type { GlobalFatigue, SurveyFatigue } from '../config/fatigue.schema';
import type { Check } from './targeting';
import type { SurveyHistory, VisitorHistory } from './visitor-history.schema';

export const DAY_MS = 24 * 60 * 60 * 1000;

const last = (times: readonly number[]) => (times.length === 0 ? undefined : Math.max(...times));

function ago(now: number, then: number): string {
  const ms = Math.max(0, now - then);
  if (ms < 60_000) return `${Math.round(ms / 1000)} s ago`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  if (ms < DAY_MS) return `${Math.round(ms / 3_600_000)} h ago`;
  return `${Math.round(ms / DAY_MS)} days ago`;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The survey's own fatigue: answered-once, display cap and recontact window. */
export function checkSurveyFatigue(fatigue: SurveyFatigue, history: SurveyHistory, now: number): Check[] {
  const checks: Check[] = [];
  const answeredAt = last(history.answered);
  if (fatigue.untilAnswered) {
    checks.push(
      answeredAt === undefined
        ? { pass: true, message: 'not answered yet (asked until answered)' }
        : { pass: false, message: `already answered ${ago(now, answeredAt)}; asked only until answered` },
    );
  }
  if (fatigue.maxDisplays !== undefined) {
    checks.push(
      history.shownCount < fatigue.maxDisplays
        ? { pass: true, message: `shown ${history.shownCount} of at most ${fatigue.maxDisplays} times` }
        : {
            pass: false,
            message: `already shown ${history.shownCount} times; at most ${fatigue.maxDisplays}`,
          },
    );
  }
  const shownAt = last(history.shown);
  if (shownAt === undefined) {
    checks.push({ pass: true, message: 'never shown to this visitor' });
  } else {
    const again = shownAt + fatigue.recontactDays * DAY_MS;
    checks.push(
      now >= again
        ? {
            pass: true,
            message: `last shown ${ago(now, shownAt)}; recontact window of ${fatigue.recontactDays} days has passed`,
          }
        : {
            pass: false,
            message: `shown ${ago(now, shownAt)}; may show again after ${fatigue.recontactDays} days (from ${isoDay(again)})`,
          },
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
  const checks: Check[] = [];
  if (lastShown === undefined || fatigue.cooldownDays === 0) {
    checks.push({
      pass: true,
      message: fatigue.cooldownDays === 0 ? 'no global cooldown' : 'no survey shown before',
    });
  } else {
    const until = lastShown.at + fatigue.cooldownDays * DAY_MS;
    checks.push(
      now >= until
        ? {
            pass: true,
            message: `last survey shown ${ago(now, lastShown.at)}; global cooldown of ${fatigue.cooldownDays} days has passed`,
          }
        : {
            pass: false,
            message: `survey "${lastShown.surveyId}" was shown ${ago(now, lastShown.at)}; global cooldown of ${fatigue.cooldownDays} days lasts until ${isoDay(until)}`,
          },
    );
  }
  checks.push(
    history.sessionShown < fatigue.sessionCap
      ? {
          pass: true,
          message: `${history.sessionShown} of at most ${fatigue.sessionCap} survey(s) shown this session`,
        }
      : {
          pass: false,
          message: `${history.sessionShown} survey(s) already shown this session; the cap is ${fatigue.sessionCap}`,
        },
  );
  return checks;
}
