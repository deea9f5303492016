/** The touchpoint's score per device, visitor language, page or channel, from the segments endpoint. */
import type { SegmentsResponse } from '@touchpoint/core';
import { useState } from 'preact/hooks';
import { useDashboard } from '../dashboard-context';
import { segmentKey } from '../model/filters';
import { useResource } from '../use-resource';
import { LoadError, Loading } from './load-state';
import type { PanelProps } from './trend-panel';
import { UserText } from './user-text';

type By = SegmentsResponse['by'];
const BY: readonly By[] = ['device', 'locale', 'path', 'channel'];

export function SegmentsPanel({ metricRef, measure, filters }: PanelProps) {
  const { t, format, client } = useDashboard();
  const [by, setBy] = useState<By>('device');
  const segments = useResource(
    (signal) => client.segments(metricRef, by, filters, signal),
    [
      client,
      metricRef.touchpoint,
      metricRef.metric,
      metricRef.points,
      by,
      filters.from,
      filters.to,
      segmentKey(filters),
    ],
  );
  return (
    <section class="panel" aria-labelledby="segments-title">
      <div class="panel-head">
        <h2 id="segments-title">{t.segmentsTitle}</h2>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t.segmentsBy}</legend>
          {BY.map((value) => (
            <button key={value} type="button" aria-pressed={by === value} onClick={() => setBy(value)}>
              {t.segmentBy[value]}
            </button>
          ))}
        </fieldset>
      </div>
      {segments.status === 'loading' && <Loading />}
      {segments.status === 'error' && <LoadError error={segments.error} onRetry={segments.reload} />}
      {segments.status === 'ok' &&
        (segments.data.rows.length === 0 ? (
          <p class="empty">{t.segmentsEmpty}</p>
        ) : (
          <div class="table-scroll">
            <table class="segments-table">
              <thead>
                <tr>
                  <th scope="col">{t.segmentBy[segments.data.by]}</th>
                  <th scope="col">{t.colScore}</th>
                  <th scope="col">{t.colInterval}</th>
                  <th scope="col" class="numeric">
                    {t.colAnswers}
                  </th>
                  <th scope="col" class="numeric">
                    {t.colResponseRate}
                  </th>
                </tr>
              </thead>
              <tbody>
                {segments.data.rows.map((row) => (
                  <tr key={row.segment}>
                    <th scope="row">
                      {segments.data.by === 'device' && row.segment in t.devices ? (
                        t.devices[row.segment as keyof typeof t.devices]
                      ) : segments.data.by === 'channel' && row.segment in t.channels ? (
                        t.channels[row.segment as keyof typeof t.channels]
                      ) : (
                        <UserText text={row.segment} />
                      )}
                    </th>
                    <td>{row.score === null ? '–' : format.score(measure, row.score)}</td>
                    <td>{row.ci === null ? '–' : format.interval(measure, row.ci)}</td>
                    <td class="numeric">
                      {format.count(row.n)}
                      {row.n > 0 && row.smallSample && <span class="few"> ({t.fewAnswers})</span>}
                    </td>
                    <td class="numeric">
                      {row.responseRate === null ? '–' : format.share(row.responseRate)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
