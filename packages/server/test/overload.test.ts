/**
 * Overload at several times capacity on a loopback socket, on SQLite and on PostgreSQL (docs/faults.md case 68),
 * at a small scale; `pnpm --filter @touchpoint/server bench:overload` prints the full figures. The server's write
 * queue is bounded: above it a request is refused with 503 + Retry-After before anything is kept, so after the
 * run the acknowledged ids are exactly the stored ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOverload } from '../bench/overload';
import { databaseKinds, type TestDatabase } from './support/databases';

/** A new database of the kind, as the overload run's server process takes it. */
async function overloadDatabase(database: TestDatabase) {
  const server = await database.serverEnv();
  return {
    ...(server.env.DATABASE_URL === undefined ? {} : { databaseUrl: server.env.DATABASE_URL }),
    dataDir: server.args[1] ?? '',
    openStore: server.openStore,
  };
}

import { testSite } from './support/sites';

/** Accepted requests answer within this, however much is refused around them (a loose bound: CI machines vary). */
const ACCEPTED_P99_BOUND_MS = 5000;

describe.each(databaseKinds())('overload on $name', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.start();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)(
    'at 4× capacity: acknowledged = stored by id, every refusal a 503 with Retry-After, accepted p99 bounded',
    async () => {
      const report = await runOverload({
        database: await overloadDatabase(database),
        site: testSite(),
        factor: 4,
        seconds: 1.5,
        maxRequests: 3000,
        batchSize: 10,
        // Small enough that a burst of a few dozen requests fills it.
        maxPendingEvents: 100,
        capacitySeconds: 0.75,
      });
      const figures = JSON.stringify(report);
      expect(report.otherStatuses, figures).toEqual({});
      expect(report.accepted, figures).toBeGreaterThan(0);
      // Four times what the server can write cannot all be accepted: the queue bound must have refused some.
      expect(report.refused, figures).toBeGreaterThan(0);
      expect(report.refusalsWithoutRetryAfter).toBe(0);
      expect(report.acknowledgedNotStored).toBe(0);
      expect(report.storedNotAcknowledged).toBe(0);
      expect(report.storedEvents).toBe(report.acknowledgedEvents);
      expect(report.acceptedP99Ms).toBeLessThan(ACCEPTED_P99_BOUND_MS);
    },
  );
});
