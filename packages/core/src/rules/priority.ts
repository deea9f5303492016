/**
 * Only one survey shows at a time: of the eligible ones, the highest `priority` wins; ties go to the survey
 * that comes first in the config.
 */
import type { Survey } from '../config/survey.schema';
import { type DisplayDecision, type DisplayInput, evaluateDisplay } from './display';

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
    if (survey === best.survey) {
      const others = evaluated.filter((e) => e.decision.show && e.survey !== survey).length;
      const message =
        others === 0
          ? 'the only eligible survey'
          : `wins over ${others} other eligible survey(s) (priority ${survey.priority})`;
      return {
        ...decision,
        reasons: [...decision.reasons, { rule: 'priority' as const, pass: true, message }],
      };
    }
    return {
      ...decision,
      show: false,
      reasons: [
        ...decision.reasons,
        {
          rule: 'priority' as const,
          pass: false,
          message: `"${best.survey.id}" shows instead (priority ${best.survey.priority} vs ${survey.priority}; one survey at a time)`,
        },
      ],
    };
  });
  return { survey: best?.survey, decisions };
}
