/**
 * Only one survey shows at a time: of the eligible ones, the highest `priority` wins; ties go to the survey
 * that comes first in the config.
 */
import type { Survey } from '../config/survey.schema';
import { type DisplayDecision, type DisplayInput, evaluateDisplay } from './display';
import { check, NONE } from './reason';

export interface Selection {
  /** The survey to show, if any is eligible. */
  readonly survey: Survey | undefined;
  /** One decision per survey, in config order; losers to priority carry a `priority` reason. */
  readonly decisions: readonly DisplayDecision[];
}

export function selectSurvey(surveys: readonly Survey[], input: DisplayInput): Selection {
  const evaluated = surveys.map((survey) => ({ survey, decision: evaluateDisplay(survey, input) }));
  let best: (typeof evaluated)[number] | undefined;
  for (const entry of evaluated) {
    if (entry.decision.show && (best === undefined || entry.survey.priority > best.survey.priority))
      best = entry;
  }
  const decisions = evaluated.map(({ survey, decision }) => {
    if (best === undefined || !decision.show) return decision;
    const priority = survey.priority;
    if (survey === best.survey) {
      const others = evaluated.filter((e) => e.decision.show && e.survey !== survey).length;
      const won =
        others === 0 ? check(true, 'only-eligible', NONE) : check(true, 'wins', { others, priority });
      return { ...decision, reasons: [...decision.reasons, { rule: 'priority' as const, ...won }] };
    }
    const lost = check(false, 'loses', {
      winner: best.survey.id,
      winnerPriority: best.survey.priority,
      priority,
    });
    return {
      ...decision,
      show: false,
      reasons: [...decision.reasons, { rule: 'priority' as const, ...lost }],
    };
  });
  return { survey: best?.survey, decisions };
}
