/**
 * A touchpoint's score per channel side by side (web page, personal link, e-mail, QR code at a counter), each with
 * its 95 % interval and n, and for every channel beside the one with the most answers a note in words: higher or
 * lower by how much, the interval of the difference, and whether it is significant at 95 % (core's
 * `compareTallies` over the channels' distributions), so a team sees whether the counter and the website give the
 * same experience. Read from the segments endpoint with `by=channel`.
 */
import {
  addToTally,
  CHANNELS,
  type Channel,
  type Comparison,
  compareTallies,
  createTally,
  type SegmentsResponse,
  type Tally,
} from '@touchpoint/core';
import { useDashboard } from '../dashboard-context';
import type { Measure } from '../model/measure';
import { useResource } from '../use-resource';
import { LoadError, Loading } from './load-state';
import { ScoreText } from './score-text';
import type { PanelProps } from './trend-panel';

type Row = SegmentsResponse['rows'][number];

function tallyOfRow(row: Row, measure: Measure): Tally {
  let tally = createTally(measure.metric, measure.points === 5 ? 5 : 7);
  for (const { value, count } of row.distribution) if (count > 0) tally = addToTally(tally, value, count);
  return tally;
}

const channelOrder = (a: Row, b: Row) =>
  CHANNELS.indexOf(a.segment as Channel) - CHANNELS.indexOf(b.segment as Channel);

export function ChannelsPanel({ metricRef, measure, filters }: PanelProps) {
  const { t, client } = useDashboard();
  const channels = useResource(
    (signal) => client.segments(metricRef, 'channel', filters, signal),
    [client, metricRef.touchpoint, metricRef.metric, metricRef.points, filters],
  );
  return (
    <section class="panel" aria-labelledby="channels-title">
      <h2 id="channels-title">{t.channelsTitle}</h2>
      {channels.status === 'loading' && <Loading />}
      {channels.status === 'error' && <LoadError error={channels.error} onRetry={channels.reload} />}
      {channels.status === 'ok' &&
        (channels.data.rows.length === 0 ? (
          <p class="empty">{t.segmentsEmpty}</p>
        ) : (
          <ChannelComparison rows={channels.data.rows} measure={measure} />
        ))}
    </section>
  );
}

function ChannelComparison({ rows, measure }: { readonly rows: readonly Row[]; readonly measure: Measure }) {
  const { t, format } = useDashboard();
  const name = (segment: string) => (segment in t.channels ? t.channels[segment as Channel] : segment);
  const sorted = [...rows].sort(channelOrder);
  // The reference: the channel with the most answers (the rows come most answers first).
  const reference = rows[0]!;
  const notes: { row: Row; comparison: Comparison | null }[] = sorted
    .filter((row) => row !== reference)
    .map((row) => ({
      row,
      comparison:
        row.n === 0 || reference.n === 0
          ? null
          : compareTallies(tallyOfRow(row, measure), tallyOfRow(reference, measure)),
    }));
  const measureName = t.measureShort[measure.key];
  return (
    <>
      <div class="compare-sides channel-sides">
        {sorted.map((row) => (
          <div class="compare-side" key={row.segment} data-channel={row.segment}>
            <h3>{name(row.segment)}</h3>
            <ScoreText summary={row} />
            <p class="muted">
              {t.cardInterval}: {row.ci === null ? t.noInterval : format.interval(measure, row.ci)}
            </p>
            <p class="muted">
              {t.colAnswers}: {format.count(row.n)}
              {row.n > 0 && row.smallSample && <span class="few"> ({t.fewAnswers})</span>}
            </p>
          </div>
        ))}
      </div>
      {notes.map(({ row, comparison: c }) => {
        const a = name(row.segment);
        const b = name(reference.segment);
        if (c === null || c.ci === null) {
          return (
            <p class="verdict" key={row.segment} data-channel={row.segment}>
              {t.channelsNotComparable(a, b)}
            </p>
          );
        }
        const rounded = format.difference(measure, c.difference);
        const flat = /^[^1-9]*$/.test(rounded);
        return (
          <div
            class={c.significant ? 'verdict verdict-real' : 'verdict'}
            key={row.segment}
            data-channel={row.segment}
          >
            <p class="verdict-sentence">
              {flat
                ? t.compareSame(measureName, a, b)
                : c.difference > 0
                  ? t.compareHigher(measureName, format.size(measure, c.difference), a, b)
                  : t.compareLower(measureName, format.size(measure, c.difference), a, b)}{' '}
              {t.compareInterval(
                format.signed(measure, c.ci.low),
                format.signed(measure, c.ci.high),
                t.units[measure.key],
              )}
            </p>
            <p class="verdict-significance">
              <strong>{c.significant ? t.compareSignificant : t.compareNotSignificant}</strong>
            </p>
          </div>
        );
      })}
    </>
  );
}
