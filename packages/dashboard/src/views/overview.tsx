/**
 * The overview: every touchpoint side by side, grouped by measure, with its score, 95 % interval (as an error
 * bar and in numbers), answers, weekly trend and change against the period before; the lowest and the
 * most-changed touchpoint of each measure are marked, and how they are chosen is written below the table.
 */
import type { OverviewResponse, OverviewRow, TrendPoint } from '@touchpoint/core';
import { ErrorBar } from '../charts/error-bar';
import { Sparkline } from '../charts/sparkline';
import { useDashboard } from '../dashboard-context';
import { dayCount, type Filters } from '../model/filters';
import { findHighlights, type Highlights, rowKey } from '../model/highlights';
import { MEASURE_ORDER, type Measure, type MeasureKey, measureOf } from '../model/measure';
import { routeHash } from '../routing/route';
import { useResource } from '../use-resource';
import { ChangeText } from './change-text';
import { HighlightsPanel } from './highlights-panel';
import { LoadError, Loading } from './load-state';
import { ScoreText } from './score-text';
import { SmallSampleNote } from './small-sample-note';
import { UserText } from './user-text';

export interface OverviewProps {
  readonly filters: Filters;
  readonly onOpen: (hash: string) => void;
  /** The overview already read for these filters (by the sign-in check), once; undefined otherwise. */
  readonly takePrimed?: (filters: Filters) => OverviewResponse | undefined;
}

export function Overview({ filters, onOpen, takePrimed }: OverviewProps) {
  const { t, format, client } = useDashboard();
  const overview = useResource(
    (signal) => {
      const primed = takePrimed?.(filters);
      return primed === undefined ? client.overview(filters, signal) : Promise.resolve(primed);
    },
    [client, filters],
  );
  return (
    <section class="overview" aria-labelledby="overview-title">
      <h1 id="overview-title">{t.overviewTitle}</h1>
      <p class="range-line">{t.overviewRange(format.range(filters))}</p>
      {overview.status === 'loading' && <Loading />}
      {overview.status === 'error' && <LoadError error={overview.error} onRetry={overview.reload} />}
      {overview.status === 'ok' && <OverviewBody data={overview.data} onOpen={onOpen} />}
    </section>
  );
}

function OverviewBody({
  data,
  onOpen,
}: {
  readonly data: OverviewResponse;
  readonly onOpen: (hash: string) => void;
}) {
  const { t, format } = useDashboard();
  if (data.rows.length === 0) return <p class="empty">{t.overviewEmpty}</p>;
  const highlights = findHighlights(data.rows);
  const groups = new Map<MeasureKey, OverviewRow[]>();
  for (const row of data.rows) {
    const key = measureOf(row.metric, row.scale).key;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const days = format.count(dayCount(data));
  return (
    <>
      <HighlightsPanel highlights={highlights} onOpen={onOpen} />
      <div class="table-scroll">
        <table class="overview-table">
          <caption class="visually-hidden">{t.overviewCaption}</caption>
          <thead>
            <tr>
              <th scope="col" class="touchpoint-col">
                {t.colTouchpoint}
              </th>
              <th scope="col" class="score-col">
                {t.colScore}
              </th>
              <th scope="col" class="interval-col">
                {t.colInterval}
              </th>
              <th scope="col" class="numeric answers-col">
                {t.colAnswers}
              </th>
              <th scope="col" class="trend-col">
                {t.colTrend}
              </th>
              <th scope="col" class="change-col">
                {t.colChange(days)}
              </th>
            </tr>
          </thead>
          {MEASURE_ORDER.filter((key) => groups.has(key)).map((key) => {
            const rows = groups.get(key)!;
            const measure = measureOf(rows[0]!.metric, rows[0]!.scale);
            return (
              <tbody key={key}>
                <tr class="group-row">
                  <th scope="rowgroup" colSpan={6}>
                    <span class="group-name">{t.measureShort[key]}</span>
                    <span class="group-explain">{t.measureLong[key]}</span>
                  </th>
                </tr>
                {rows.map((row) => (
                  <OverviewTableRow
                    key={rowKey(row)}
                    row={row}
                    measure={measure}
                    highlights={highlights}
                    onOpen={onOpen}
                  />
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
      <p class="narrow-note muted">{t.overviewNarrowNote}</p>
      <p class="how-marked">{t.howMarked}</p>
    </>
  );
}

interface RowProps {
  readonly row: OverviewRow;
  readonly measure: Measure;
  readonly highlights: Highlights;
  readonly onOpen: (hash: string) => void;
}

function OverviewTableRow({ row, measure, highlights, onOpen }: RowProps) {
  const { t, format, linkTo } = useDashboard();
  const key = rowKey(row);
  const lowest = highlights.lowest.find((mark) => rowKey(mark.row) === key);
  const mostChanged = highlights.mostChanged.some((mark) => rowKey(mark.row) === key);
  const hash = routeHash({
    page: 'touchpoint',
    touchpoint: row.touchpoint,
    metric: row.metric,
    points: measure.points,
  });
  const name = t.measureShort[measure.key];
  const classes = ['touchpoint-row', lowest ? 'is-lowest' : '', mostChanged ? 'is-most-changed' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <tr class={classes} data-touchpoint={row.touchpoint} data-measure={measure.key}>
      <th scope="row" class="touchpoint-cell">
        <a
          href={linkTo(hash)}
          onClick={(event) => {
            event.preventDefault();
            onOpen(hash);
          }}
        >
          <UserText text={row.touchpoint} />
        </a>
        <span class="badges">
          {lowest !== undefined && (
            <span class="badge badge-lowest">
              {lowest.clearly ? t.badgeClearlyLowest(name) : t.badgeLowest(name)}
            </span>
          )}
          {mostChanged && <span class="badge badge-changed">{t.badgeMostChanged}</span>}
        </span>
        {row.n > 0 && row.smallSample && <SmallSampleNote n={row.n} />}
      </th>
      <td class="score-cell">
        <ScoreText summary={row} />
      </td>
      <td class="interval-cell">
        <ErrorBar
          measure={measure}
          score={row.score}
          ci={row.ci}
          label={
            row.score === null
              ? t.errorBarEmpty(name)
              : t.errorBarLabel(
                  name,
                  format.score(measure, row.score),
                  format.intervalOrNote(measure, row.ci),
                  format.bound(measure, measure.domain.min),
                  format.bound(measure, measure.domain.max),
                )
          }
        />
        <span class="interval-text">{format.intervalOrNote(measure, row.ci)}</span>
      </td>
      <td class="numeric answers-cell">
        <span class="answers">{format.count(row.n)}</span>
        {row.responseRate !== null && (
          <span class="response-rate">{t.responseRate(format.share(row.responseRate))}</span>
        )}
      </td>
      <td class="trend-cell">
        <TrendSparkline measure={measure} points={row.trend} />
      </td>
      <td class="change-cell">
        <ChangeText measure={measure} change={row.change} />
      </td>
    </tr>
  );
}

function TrendSparkline({
  measure,
  points,
}: {
  readonly measure: Measure;
  readonly points: readonly TrendPoint[];
}) {
  const { t, format } = useDashboard();
  if (points.every((p) => p.score === null)) return <span class="muted">{t.sparklineEmpty}</span>;
  const words = points
    .map((p) =>
      p.score === null
        ? t.sparklineNoScore(format.shortDay(p.start))
        : t.sparklinePoint(format.shortDay(p.start), format.score(measure, p.score)),
    )
    .join('; ');
  return <Sparkline points={points} label={t.sparklineLabel(words)} />;
}
