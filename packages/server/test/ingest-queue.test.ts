/**
 * Group commit (decision 0006), on SQLite in its worker and on a real PostgreSQL 15: requests queued while a
 * transaction runs are written together in the next one, and each still gets its own answer. The same id in two
 * requests of one group is stored once (the second sees a duplicate); a request that makes its group's
 * transaction fail is written alone so the others are still stored; and no request is answered before the
 * transaction that holds it has returned from the store (committed).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestQueue } from '../src/ingest-queue';
import type { IngestBatch, IngestResult, Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';

const RECEIVED = Date.parse('2026-11-20T10:00:06.000Z');
const LIMITS = { maxPendingEvents: 10_000, maxEventsPerWrite: 1000 };
const item = (events: Parameters<typeof batch>[0]): IngestBatch => ({
  site: 'shop',
  batch: batch(events),
  receivedAt: RECEIVED,
});

/** The store with its `ingest` calls recorded (how many batches each transaction carried). */
function recording(store: Store, before?: (batches: readonly IngestBatch[]) => Promise<void>) {
  const groups: number[] = [];
  const wrapped: Store = {
    ...store,
    async ingest(batches) {
      groups.push(batches.length);
      await before?.(batches);
      return store.ingest(batches);
    },
  };
  return { store: wrapped, groups };
}

describe.each(databaseKinds())('group commit on $name', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (!kind.skip) database = await kind.start();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)(
    'stores an id sent in two requests of one group once; the second request sees a duplicate',
    async () => {
      const store = await database.openStore();
      const { store: counted, groups } = recording(store);
      const queue = createIngestQueue(counted, LIMITS);
      const shared = event();
      const [first, second] = await Promise.all([
        queue.submit(item([shared, event()])),
        queue.submit(item([shared])),
      ]);
      expect(groups).toEqual([2]);
      expect(first).toEqual({ stored: 2, duplicates: 0, conflicts: [] });
      expect(second).toEqual({ stored: 0, duplicates: 1, conflicts: [] });
      expect(await store.countEvents('shop')).toBe(2);
    },
  );

  it.skipIf(kind.skip)(
    'writes the others of a group alone when one request makes the transaction fail, and fails only that one',
    async () => {
      const store = await database.openStore();
      const { store: counted, groups } = recording(store);
      const queue = createIngestQueue(counted, LIMITS);
      const good = [event(), event()];
      // Not a date: the events row cannot be written (a NOT NULL time on SQLite, a bigint on PostgreSQL). The
      // route never lets this through; it stands for any write one request's data makes fail.
      const poison = event({ at: 'not a date' });
      const results = await Promise.allSettled([
        queue.submit(item([good[0]!])),
        queue.submit(item([poison])),
        queue.submit(item([good[1]!])),
      ]);
      expect(groups).toEqual([3, 1, 1, 1]);
      expect(results[0]).toEqual({ status: 'fulfilled', value: { stored: 1, duplicates: 0, conflicts: [] } });
      expect(results[1]?.status).toBe('rejected');
      expect(results[2]).toEqual({ status: 'fulfilled', value: { stored: 1, duplicates: 0, conflicts: [] } });
      expect((await store.events('shop')).map((s) => s.event.id).sort()).toEqual(
        good.map((e) => e.id).sort(),
      );
    },
  );

  it.skipIf(kind.skip)(
    'answers a request only once the transaction holding it has returned from the store',
    async () => {
      const store = await database.openStore();
      let open: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const { store: gated } = recording(store, () => gate);
      const queue = createIngestQueue(gated, LIMITS);
      let answered: IngestResult | undefined;
      const submitted = queue.submit(item([event({ id: randomUUID() })])).then((result) => {
        answered = result;
        return result;
      });
      // Well past the group window: the write has started and waits on the gate, nothing is committed.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(answered).toBeUndefined();
      expect(queue.pendingEvents).toBe(1);
      expect(await store.countEvents('shop')).toBe(0);
      open();
      expect(await submitted).toEqual({ stored: 1, duplicates: 0, conflicts: [] });
      expect(await store.countEvents('shop')).toBe(1);
      await queue.idle();
      expect(queue.pendingEvents).toBe(0);
    },
  );
});
