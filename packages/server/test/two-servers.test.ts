/**
 * Two `touchpoint serve` processes on one real PostgreSQL 15 (issue 11): the same batches go to both at once, with
 * duplicates across them, and one is killed with SIGKILL mid-burst; its clients retry on the other, as a
 * collector behind a load balancer would. Every acknowledged id is stored once and the rollups equal core's summary
 * of the raw events. Rate limits are per process; the events, their dedupe, the rollups, the survey registry and
 * the erasure tombstones are shared through the database (the ingest transaction takes a per-site advisory lock).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeEvents, type WireEvent } from '@touchpoint/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRollups } from '../src/store/rollup';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { sleep } from './support/raw-http';
import { spawnServer } from './support/server-process';

const PATH = '/v1/events?site=pk_demo';
const SERVER_ARGS = ['--no-seed', '--rate-per-ip', '1000000', '--rate-per-key', '1000000'];
const postgres = databaseKinds().find((kind) => kind.name === 'postgres')!;

/** A response's events: shown, a first answer, then a completed (possibly changed) answer. */
function responseEvents(random: () => number): WireEvent[] {
  const responseId = randomUUID();
  const visitor = { id: `v-${Math.floor(random() * 50)}` };
  const common = { responseId, visitor, surveyId: 'nps-checkout', touchpoint: 'checkout.completed' };
  const score = (value: number) => [{ questionId: 'score', type: 'nps', value }];
  const { answers: _, ...shown } = event({ ...common, type: 'shown' } as Partial<WireEvent>) as WireEvent & {
    answers?: unknown;
  };
  return [
    shown as WireEvent,
    event({ ...common, type: 'answered', answers: score(Math.floor(random() * 11)) } as Partial<WireEvent>),
    event({
      ...common,
      type: 'completed',
      at: '2026-11-20T10:00:01.000Z',
      answers: score(Math.floor(random() * 11)),
    } as Partial<WireEvent>),
  ];
}

describe('two servers on one PostgreSQL', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'touchpoint-two-'));
    if (!postgres.skip) database = await postgres.start();
  });
  afterAll(async () => {
    await database?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(postgres.skip)(
    'stores every acknowledged id once, duplicates across servers and kill -9 of one included',
    async () => {
      const db = await database.serverEnv();
      const a = await spawnServer([...SERVER_ARGS, '--data', join(dir, 'a')], db.env);
      const b = await spawnServer([...SERVER_ARGS, '--data', join(dir, 'b')], db.env);
      let seed = 42;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      // 600 responses (1,800 events), their events shuffled into batches of 1–20.
      const all = Array.from({ length: 600 }, () => responseEvents(random)).flat();
      for (let i = all.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [all[i], all[j]] = [all[j]!, all[i]!];
      }
      const batches: WireEvent[][] = [];
      for (let i = 0; i < all.length; ) {
        const size = 1 + Math.floor(random() * 20);
        batches.push(all.slice(i, i + size));
        i += size;
      }

      const acked = new Set<string>();
      let aDown = false;
      let retriedOnB = 0;
      const send = async (url: string, events: WireEvent[]) => {
        const response = await fetch(`${url}${PATH}`, {
          method: 'POST',
          body: JSON.stringify(batch(events, new Date().toISOString())),
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
        });
        const body = (await response.json()) as { ok?: boolean };
        if (response.status !== 200 || body.ok !== true) throw new Error(`${response.status}`);
        for (const e of events) acked.add(e.id);
      };
      let next = 0;
      const senders = Array.from({ length: 12 }, async (_, n) => {
        while (next < batches.length) {
          const events = batches[next++]!;
          const first = n % 2 === 0 ? a.url : b.url;
          const other = first === a.url ? b.url : a.url;
          const copies = random() < 0.3 ? [first, other] : [first];
          await Promise.all(
            copies.map(async (url) => {
              for (let attempt = 0; attempt < 20; attempt++) {
                try {
                  return await send(aDown && url === a.url ? b.url : url, events);
                } catch {
                  // Server A is gone (or answered 503 while dying): the client retries on B.
                  if (url === a.url) retriedOnB += 1;
                  url = b.url;
                  await sleep(20);
                }
              }
              throw new Error('a batch was never acknowledged');
            }),
          );
        }
      });
      for (let waited = 0; acked.size < all.length / 3 && waited < 30_000; waited += 10) await sleep(10);
      const ackedAtKill = acked.size;
      a.child.kill('SIGKILL');
      expect((await a.exited).signal).toBe('SIGKILL');
      aDown = true;
      await Promise.all(senders);
      // The kill came mid-burst: most batches were sent after it, to the survivor.
      expect(ackedAtKill).toBeLessThan(all.length);
      console.info(`two servers: ${ackedAtKill} ids acknowledged before kill -9, ${retriedOnB} retries on B`);

      const store = await db.openStore();
      const stored = await store.events('demo');
      const ids = stored.map((s) => s.event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(all.length);
      for (const id of acked) expect(ids.includes(id)).toBe(true);
      expect(acked.size).toBe(all.length);
      expect(summarizeRollups(await store.rollups({ site: 'demo' }))).toEqual(
        summarizeEvents(stored.map((s) => s.event)),
      );
      // The shared rollups also equal core's summary of what was sent: no answer counted twice or lost.
      expect(summarizeRollups(await store.rollups({ site: 'demo' }))).toEqual(summarizeEvents(all));
      b.child.kill('SIGTERM');
      expect((await b.exited).code).toBe(0);
    },
    120_000,
  );
});
