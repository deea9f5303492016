/**
 * "What stands out": the lowest touchpoint of each measure (and whether it is clearly lowest or could be
 * chance) and the biggest real change of each measure, above the overview table.
 */
import type { OverviewRow } from '@touchpoint/core';
import { useDashboard } from '../dashboard-context';
import type { Highlights } from '../model/highlights';
import { measureOf } from '../model/measure';
import { routeHash } from '../routing/route';
import { ChangeText } from './change-text';
import { UserText } from './user-text';

export interface HighlightsPanelProps {
  readonly highlights: Highlights;
  readonly onOpen: (hash: string) => void;
}

export function HighlightsPanel({ highlights, onOpen }: HighlightsPanelProps) {
  const { t, format, linkTo } = useDashboard();
  const link = (row: OverviewRow) => {
    const measure = measureOf(row.metric, row.scale);
    const hash = routeHash({
      page: 'touchpoint',
      touchpoint: row.touchpoint,
      metric: row.metric,
      points: measure.points,
    });
    return (
      <a
        href={linkTo(hash)}
        onClick={(event) => {
          event.preventDefault();
          onOpen(hash);
        }}
      >
        <UserText text={row.touchpoint} />
      </a>
    );
  };
  return (
    <section class="highlights" aria-labelledby="highlights-title">
      <h2 id="highlights-title">{t.highlightsTitle}</h2>
      <ul>
        {highlights.lowest.map(({ row, measure, clearly }) => {
          const m = measureOf(row.metric, row.scale);
          return (
            <li key={`lowest-${measure}`} class="highlight highlight-lowest">
              <span class="highlight-kind">{t.highlightLowest(t.measureShort[measure])}</span>
              <span class="highlight-what">
                {link(row)} <strong>{format.score(m, row.score!)}</strong>
              </span>
              <span class="highlight-why">{clearly ? t.highlightClearly : t.highlightNotClearly}</span>
            </li>
          );
        })}
        {highlights.lowest.length === 0 && <li class="highlight">{t.highlightNothingToRank}</li>}
        {highlights.mostChanged.map(({ row, measure }) => (
          <li key={`changed-${measure}`} class="highlight highlight-changed">
            <span class="highlight-kind">{t.highlightChange(t.measureShort[measure])}</span>
            <span class="highlight-what">{link(row)}</span>
            <ChangeText measure={measureOf(row.metric, row.scale)} change={row.change} />
          </li>
        ))}
        {highlights.mostChanged.length === 0 && <li class="highlight">{t.highlightNoChange}</li>}
      </ul>
    </section>
  );
}
