/**
 * One touchpoint's metric: the score with its interval and answers, the distribution of answers, the trend
 * with intervals, a period comparison, a breakdown by segment, and what people wrote.
 */
import type { OverviewRow } from '@touchpoint/core';
import { DistributionChart } from '../charts/distribution-chart';
import { useDashboard } from '../dashboard-context';
import type { Filters } from '../model/filters';
import { type Measure, measureKey, measureOf } from '../model/measure';
import { type Route, routeHash } from '../routing/route';
import { useResource } from '../use-resource';
import { ChannelsPanel } from './channels-panel';
import { ComparePanel } from './compare-panel';
import { LoadError, Loading } from './load-state';
import { ScoreText } from './score-text';
import { SegmentsPanel } from './segments-panel';
import { SmallSampleNote } from './small-sample-note';
import { TrendPanel } from './trend-panel';
import { UserText } from './user-text';
import { VerbatimsPanel } from './verbatims-panel';

export interface TouchpointPageProps {
  readonly route: Extract<Route, { page: 'touchpoint' }>;
  readonly filters: Filters;
  readonly onOpen: (hash: string) => void;
}

export function TouchpointPage({ route, filters, onOpen }: TouchpointPageProps) {
  const { t, format, client, linkTo } = useDashboard();
  const overview = useResource((signal) => client.overview(filters, signal), [client, filters]);
  const ref = { touchpoint: route.touchpoint, metric: route.metric, points: route.points };
  const row =
    overview.status === 'ok'
      ? overview.data.rows.find(
          (r) =>
            r.touchpoint === route.touchpoint &&
            r.metric === route.metric &&
            measureOf(r.metric, r.scale).points === route.points,
        )
      : undefined;
  const measure = row === undefined ? undefined : measureOf(row.metric, row.scale);
  return (
    <article class="touchpoint-page" aria-labelledby="touchpoint-title">
      <nav class="breadcrumb">
        <a
          href={linkTo(routeHash({ page: 'overview' }))}
          onClick={(event) => {
            event.preventDefault();
            onOpen('#/');
          }}
        >
          <span aria-hidden="true">← </span>
          {t.backToOverview}
        </a>
      </nav>
      <h1 id="touchpoint-title">
        <UserText text={route.touchpoint} />{' '}
        <span class="measure-tag">{t.measureShort[measureKey(route.metric, route.points)]}</span>
      </h1>
      <p class="range-line">{t.overviewRange(format.range(filters))}</p>
      {overview.status === 'loading' && <Loading />}
      {overview.status === 'error' && <LoadError error={overview.error} onRetry={overview.reload} />}
      {overview.status === 'ok' && (row === undefined || measure === undefined) && (
        <p class="empty">{t.touchpointMissing}</p>
      )}
      {row !== undefined && measure !== undefined && (
        <>
          <SummaryCards row={row} measure={measure} />
          <div class="panels">
            <section class="panel" aria-labelledby="distribution-title">
              <h2 id="distribution-title">{t.distributionTitle}</h2>
              <DistributionChart measure={measure} distribution={row.distribution} n={row.n} />
            </section>
            <TrendPanel metricRef={ref} measure={measure} filters={filters} />
          </div>
          <ComparePanel metricRef={ref} measure={measure} filters={filters} />
          <ChannelsPanel metricRef={ref} measure={measure} filters={filters} />
          <SegmentsPanel metricRef={ref} measure={measure} filters={filters} />
          <VerbatimsPanel metricRef={ref} filters={filters} />
        </>
      )}
    </article>
  );
}

function SummaryCards({ row, measure }: { readonly row: OverviewRow; readonly measure: Measure }) {
  const { t, format } = useDashboard();
  return (
    <section class="summary" aria-label={t.measureLong[measure.key]}>
      <p class="measure-explain">{t.measureLong[measure.key]}</p>
      <dl class="cards">
        <div class="card">
          <dt>{t.cardScore}</dt>
          <dd>
            <ScoreText summary={row} />
          </dd>
        </div>
        <div class="card">
          <dt>{t.cardInterval}</dt>
          <dd>
            <span class="card-value">{format.intervalOrNote(measure, row.ci)}</span>
            <span class="card-note">{row.ci === null ? t.noIntervalExplain : t.intervalExplain}</span>
          </dd>
        </div>
        <div class="card">
          <dt>{t.cardAnswers}</dt>
          <dd>
            <span class="card-value">{format.count(row.n)}</span>
            {row.responseRate !== null && (
              <span class="card-note">{t.responseRate(format.share(row.responseRate))}</span>
            )}
          </dd>
        </div>
      </dl>
      {row.n > 0 && row.smallSample && <SmallSampleNote n={row.n} />}
    </section>
  );
}
