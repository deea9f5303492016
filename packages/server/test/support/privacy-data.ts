/**
 * A data set for erasure and retention: core's sample events spread over 20 visitors (one of them signed in as a
 * user), delivered day by day as a collector would, with the sample surveys registered.
 */
import { type CesPoints, type Metric, summarizeEvents, type WireEvent } from '@touchpoint/core';
import { generateSampleEvents, SAMPLE_TOUCHPOINTS, seededRandom } from '@touchpoint/core/sample';
import { summarizeRollups } from '../../src/store/rollup';
import type { IngestBatch, Store } from '../../src/store/store';

export const PRIVACY_START = Date.parse('2026-09-07T00:00:00.000Z');

export function privacyEvents(seed: number): WireEvent[] {
  const random = seededRandom(seed);
  return generateSampleEvents({ random, start: PRIVACY_START, weeks: 3 }).map((event, i) => {
    const n = Number.parseInt(event.responseId.replace(/\D/g, '').slice(-4) || String(i), 10) % 20;
    const visitor = n === 7 ? { id: `visitor-${n}`, userId: 'user-7' } : { id: `visitor-${n}` };
    return { ...event, visitor } as WireEvent;
  });
}

const kinds = new Map<string, { metric: Metric; points?: CesPoints }>(
  SAMPLE_TOUCHPOINTS.map((tp) => [tp.surveyId, { metric: tp.metric }]),
);
export const metricOf = (surveyId: string) => kinds.get(surveyId);

/** Registers the sample surveys and stores the events, each day's batch sent just after its last event. */
export async function deliverByDay(store: Store, site: string, events: readonly WireEvent[]): Promise<void> {
  await store.registerSurveys(
    site,
    SAMPLE_TOUCHPOINTS.map((tp) => ({ surveyId: tp.surveyId, metric: tp.metric, touchpoint: tp.touchpoint })),
  );
  const days = new Map<string, WireEvent[]>();
  for (const e of events) days.set(e.at.slice(0, 10), [...(days.get(e.at.slice(0, 10)) ?? []), e]);
  const batches: IngestBatch[] = [];
  for (const dayEvents of days.values()) {
    const sent = Math.max(...dayEvents.map((e) => Date.parse(e.at))) + 1000;
    for (let i = 0; i < dayEvents.length; i += 100) {
      batches.push({
        site,
        batch: { sentAt: new Date(sent).toISOString(), events: dayEvents.slice(i, i + 100) },
        receivedAt: sent,
      });
    }
  }
  for (let i = 0; i < batches.length; i += 10) await store.ingest(batches.slice(i, i + 10));
}

/** The rollups' summary and core's summary of the events the store still has, to compare. */
export async function summaries(store: Store, site: string) {
  const remaining = (await store.events(site)).map((s) => s.event);
  return {
    remaining,
    rollups: summarizeRollups(await store.rollups({ site })),
    mobile: summarizeRollups(await store.rollups({ site, segment: { device: 'mobile' } })),
    core: summarizeEvents(remaining, { metricOf }),
    coreMobile: summarizeEvents(
      remaining.filter((e) => e.context.device === 'mobile'),
      { metricOf },
    ),
  };
}
