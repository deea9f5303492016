/**
 * A score as a marketer reads it, with what belongs beside it: NPS with its promoters, passives and
 * detractors; CSAT as % satisfied with the mean; CES as the mean on its scale with the % who found it easy.
 */
import type { ScoreSummary } from '@touchpoint/core';
import { useDashboard } from '../dashboard-context';
import { measureOf } from '../model/measure';

export function ScoreText({ summary }: { readonly summary: ScoreSummary }) {
  const { t, format } = useDashboard();
  const measure = measureOf(summary.metric, summary.scale);
  if (summary.score === null) return <span class="score-empty">{t.noAnswers}</span>;
  return (
    <span class="score-text">
      <span class="score-value">{format.score(measure, summary.score)}</span>
      {summary.metric === 'csat' && <span class="score-unit"> {t.satisfiedSuffix}</span>}
      {summary.metric === 'ces' && (
        <span class="score-unit"> {t.scoreOutOf(format.count(summary.scale.max))}</span>
      )}
      <span class="score-detail">
        {summary.metric === 'nps'
          ? t.npsBreakdown(
              format.count(summary.promoters),
              format.count(summary.passives),
              format.count(summary.detractors),
            )
          : summary.metric === 'csat'
            ? summary.mean === null
              ? ''
              : t.csatMean(format.mean(summary.mean))
            : summary.agreePercent === null
              ? ''
              : t.cesAgree(format.share(summary.agreePercent / 100))}
      </span>
    </span>
  );
}
