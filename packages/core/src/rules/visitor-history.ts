/**
 * Pure updates of a visitor's history. The widget calls these and persists the result.
 */
import type { SurveyHistory, VisitorHistory } from './visitor-history.schema';

/** Times kept per list; older ones are dropped, since the rules only need the latest and a count. */
export const HISTORY_TIMES_KEPT = 20;

export const emptyHistory = (): VisitorHistory => ({ surveys: {}, sessionShown: 0 });

const emptySurveyHistory = (): SurveyHistory => ({ shown: [], answered: [], dismissed: [], shownCount: 0 });

/** The history of one survey, empty when the visitor never met it. */
export function surveyHistory(history: VisitorHistory, surveyId: string): SurveyHistory {
  return Object.hasOwn(history.surveys, surveyId) ? history.surveys[surveyId]! : emptySurveyHistory();
}

const append = (times: readonly number[], at: number) => [...times, at].slice(-HISTORY_TIMES_KEPT);

/** Records that a survey was shown, answered or dismissed at `at` (epoch ms). */
export function recordInHistory(
  history: VisitorHistory,
  surveyId: string,
  what: 'shown' | 'answered' | 'dismissed',
  at: number,
): VisitorHistory {
  const current = surveyHistory(history, surveyId);
  const next: SurveyHistory = {
    ...current,
    [what]: append(current[what], at),
    shownCount: current.shownCount + (what === 'shown' ? 1 : 0),
  };
  return {
    surveys: { ...history.surveys, [surveyId]: next },
    sessionShown: history.sessionShown + (what === 'shown' ? 1 : 0),
  };
}

/** The same history at the start of a new session. */
export const startSession = (history: VisitorHistory): VisitorHistory => ({ ...history, sessionShown: 0 });
