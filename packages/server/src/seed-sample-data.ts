/**
 * Seeds core's sample data set (several touchpoints over several weeks) into a site, as if each event had been
 * received when it happened, so the demo has results to show.
 */
import { DAY_MS } from '@touchpoint/core';
import { generateSampleEvents, seededRandom } from '@touchpoint/core/sample';
import type { IngestBatch, Store } from './store/store';

export interface SeedOptions {
  readonly site: string;
  /** The seeded weeks end now. */
  readonly now: number;
  /** @default 6 */
  readonly weeks?: number;
  /** @default 2026 */
  readonly seed?: number;
}

/** Writes the sample events; returns how many were stored. */
export async function seedSampleData(store: Store, options: SeedOptions): Promise<number> {
  const weeks = options.weeks ?? 6;
  const events = generateSampleEvents({
    random: seededRandom(options.seed ?? 2026),
    start: options.now - weeks * 7 * DAY_MS,
    weeks,
  }).filter((event) => Date.parse(event.at) <= options.now);
  const batches: IngestBatch[] = [];
  for (let i = 0; i < events.length; i += 100) {
    const part = events.slice(i, i + 100);
    const last = Date.parse(part[part.length - 1]!.at) + 1000;
    batches.push({
      site: options.site,
      batch: { sentAt: new Date(last).toISOString(), events: part },
      receivedAt: last,
    });
  }
  let stored = 0;
  for (let i = 0; i < batches.length; i += 20) {
    for (const result of await store.ingest(batches.slice(i, i + 20))) stored += result.stored;
  }
  return stored;
}
