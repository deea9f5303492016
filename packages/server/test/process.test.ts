/**
 * The real server process under real signals: `kill -9` during a burst of writes loses no acknowledged event and
 * stores none twice, on SQLite and on PostgreSQL (fault case 69); SIGTERM finishes in-flight requests and exits 0
 * (fault case 71).
 */
import { summarizeEvents, type WireEvent } from '@touchpoint/core';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRollups } from '../src/store/rollup';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { rawConnect, sleep } from './support/raw-http';
import { spawnServer } from './support/server-process';

const PATH = '/v1/events?site=pk_demo';
const SERVER_ARGS = ['--no-seed', '--rate-per-ip', '1000000', '--rate-per-key', '1000000'];

describe.each(databaseKinds())('the server process on $name', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (!kind.skip) database = await kind.start();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)('keeps every acknowledged event, once, across kill -9 during a burst', async () => {
    const db = await database.serverEnv();
    const first = await spawnServer([...SERVER_ARGS, ...db.args], db.env);
    const pool = new Pool(first.url, { connections: 16 });
    const sent = new Map<string, WireEvent>();
    const acked = new Set<string>();
    let outcomes = { ok: 0, failed: 0 };

    // 16 senders, at most 150 batches of 5 events each; they stop at the first failure (the kill).
    const senders = Array.from({ length: 16 }, async () => {
      for (let i = 0; i < 150; i++) {
        const events = Array.from({ length: 5 }, () => event({ type: 'completed' }));
        for (const e of events) sent.set(e.id, e);
        try {
          const response = await pool.request({
            path: PATH,
            method: 'POST',
            body: JSON.stringify(batch(events, new Date().toISOString())),
            headers: { 'content-type': 'text/plain;charset=UTF-8' },
          });
          const body = (await response.body.json()) as { ok?: boolean };
          if (response.statusCode === 200 && body.ok === true) {
            for (const e of events) acked.add(e.id);
            outcomes = { ...outcomes, ok: outcomes.ok + 1 };
          }
        } catch {
          outcomes = { ...outcomes, failed: outcomes.failed + 1 };
          return;
        }
      }
    });
    // Kill once a good part of the burst is acknowledged (bounded wait), while requests are in flight.
    for (let waited = 0; acked.size < 1000 && waited < 20_000; waited += 20) await sleep(20);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await Promise.all(senders);
    await pool.close();
    expect(acked.size).toBeGreaterThan(0);
    expect(outcomes.failed).toBeGreaterThan(0);

    // Restart on the same data: it opens, and every acknowledged event is there exactly once.
    const second = await spawnServer([...SERVER_ARGS, ...db.args], db.env);
    const store = await db.openStore();
    const stored = await store.events('demo');
    const storedIds = stored.map((s) => s.event.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    for (const id of acked) expect(storedIds.includes(id), `acknowledged ${id} is stored`).toBe(true);
    for (const id of storedIds) expect(sent.has(id)).toBe(true);
    // The rollups committed with their events: they match the stored events exactly.
    expect(summarizeRollups(await store.rollups({ site: 'demo' }))).toEqual(
      summarizeEvents(stored.map((s) => s.event)),
    );

    // The clients retry what got no answer: everything ends up stored once.
    const unanswered = [...sent.values()].filter((e) => !acked.has(e.id));
    for (let i = 0; i < unanswered.length; i += 100) {
      const response = await fetch(`${second.url}${PATH}`, {
        method: 'POST',
        body: JSON.stringify(batch(unanswered.slice(i, i + 100), new Date().toISOString())),
      });
      expect(response.status).toBe(200);
    }
    expect(await store.countEvents('demo')).toBe(sent.size);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});

describe('SIGTERM', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await databaseKinds()[0]!.start();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it('stops accepting, finishes the request in flight, then exits 0', async () => {
    const db = await database.serverEnv();
    const server = await spawnServer([...SERVER_ARGS, ...db.args], db.env);
    const inFlight = event();
    const body = JSON.stringify(batch([inFlight]));
    const connection = await rawConnect(server.port);
    await connection.write(
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
    );
    await sleep(200);
    server.child.kill('SIGTERM');
    await sleep(300);
    // No new connections once draining...
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    // ...but the request in flight completes with its durable write.
    await connection.write(body.slice(20));
    const response = await connection.response();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, stored: 1, duplicates: 0 });
    expect((await server.exited).code).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
    const store = await db.openStore();
    expect((await store.events('demo')).map((s) => s.event.id)).toEqual([inFlight.id]);
  });
});
