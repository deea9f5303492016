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
  // The config's segment attributes are dimensions too (`by=attr.<name>`).
  const attributes = useResource((signal) => client.attributes(signal), [client]);
  const dimensions: readonly By[] = [
    ...BY,
    ...(attributes.status === 'ok' ? attributes.data.attributes.map((a): By => `attr.${a.name}`) : []),
  ];
  // The attribute rollups hold one attribute per row: no breakdown within an attribute value (the API refuses it).
  const withAttribute = filters.attribute !== undefined;
  const segments = useResource(
    (signal) =>
      withAttribute
        ? Promise.resolve<SegmentsResponse>({ by, rows: [] })
        : client.segments(metricRef, by, filters, signal),
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
          {dimensions.map((value) => (
            <button key={value} type="button" aria-pressed={by === value} onClick={() => setBy(value)}>
              {segmentName(t.segmentBy, value)}
            </button>
          ))}
        </fieldset>
      </div>
      {withAttribute && <p class="empty">{t.segmentsWithAttribute}</p>}
      {!withAttribute && segments.status === 'loading' && <Loading />}
      {segments.status === 'error' && <LoadError error={segments.error} onRetry={segments.reload} />}
      {!withAttribute &&
        segments.status === 'ok' &&
        (segments.data.rows.length === 0 ? (
          <p class="empty">{t.segmentsEmpty}</p>
        ) : (
          <div class="table-scroll">
            <table class="segments-table">
              <thead>
                <tr>
                  <th scope="col">{segmentName(t.segmentBy, segments.data.by)}</th>
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

/** The column title of a dimension: its word, or the attribute's own name for `attr.<name>`. */
const segmentName = (names: Record<'device' | 'locale' | 'path', string>, by: string): string =>
  by in names ? names[by as 'device' | 'locale' | 'path'] : by.replace(/^attr\./, '');
