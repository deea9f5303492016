/** The trend of one touchpoint's score, by day or by week, from the trend endpoint. */
import { useState } from 'preact/hooks';
import type { MetricRef } from '../api/results-client';
import { TrendChart } from '../charts/trend-chart';
import { useDashboard } from '../dashboard-context';
import type { Filters } from '../model/filters';
import type { Measure } from '../model/measure';
import { useResource } from '../use-resource';
import { LoadError, Loading } from './load-state';

export interface PanelProps {
  readonly metricRef: MetricRef;
  readonly measure: Measure;
  readonly filters: Filters;
}

export function TrendPanel({ metricRef, measure, filters }: PanelProps) {
  const { t, client } = useDashboard();
  const [interval, setBucket] = useState<'day' | 'week'>('week');
  const trend = useResource(
    (signal) => client.trend(metricRef, interval, filters, signal),
    [client, metricRef.touchpoint, metricRef.metric, metricRef.points, interval, filters],
  );
  return (
    <section class="panel" aria-labelledby="trend-title">
      <div class="panel-head">
        <h2 id="trend-title">{t.trendTitle}</h2>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t.trendTitle}</legend>
          {(['day', 'week'] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={interval === value}
              onClick={() => setBucket(value)}
            >
              {value === 'day' ? t.trendByDay : t.trendByWeek}
            </button>
          ))}
        </fieldset>
      </div>
      {trend.status === 'loading' && <Loading />}
      {trend.status === 'error' && <LoadError error={trend.error} onRetry={trend.reload} />}
      {trend.status === 'ok' &&
        (trend.data.points.every((p) => p.score === null) ? (
          <p class="empty">{t.trendEmpty}</p>
        ) : (
          <TrendChart measure={measure} points={trend.data.points} interval={trend.data.interval} />
        ))}
    </section>
  );
}
