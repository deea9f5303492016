/**
 * Delivers a data set the way a real site would: each day's events are sent (and received) just after the last of
 * them, in random batches, in random day order, so the server's bounded event time (core's `MAX_EVENT_AGE_MS`)
 * leaves every corrected time equal to the event's own `at`.
 */
import type { WireEvent } from '@touchpoint/core';
import { seededRandom } from '@touchpoint/core/sample';
import type { IngestBatch, Store } from '../../src/store/store';
import { shuffle } from './events';

export async function deliverByDay(
  store: Store,
  events: readonly WireEvent[],
  options: { readonly seed: number; readonly site?: string; readonly segmentAttributes?: readonly string[] },
): Promise<void> {
  const random = seededRandom(options.seed);
  const days = new Map<string, WireEvent[]>();
  for (const e of events) days.set(e.at.slice(0, 10), [...(days.get(e.at.slice(0, 10)) ?? []), e]);
  const batches: IngestBatch[] = [];
  for (const dayEvents of shuffle([...days.values()], random)) {
    const sent = Math.max(...dayEvents.map((e) => Date.parse(e.at))) + 1000;
    for (let i = 0; i < dayEvents.length; ) {
      const size = 1 + Math.floor(random() * 100);
      batches.push({
        site: options.site ?? 'shop',
        batch: { sentAt: new Date(sent).toISOString(), events: dayEvents.slice(i, i + size) },
        receivedAt: sent,
        ...(options.segmentAttributes === undefined ? {} : { segmentAttributes: options.segmentAttributes }),
      });
      i += size;
    }
  }
  for (let i = 0; i < batches.length; i += 8) await store.ingest(batches.slice(i, i + 8));
}
