/**
 * The server on a real socket on 127.0.0.1: oversize bodies get a delivered 413 and the connection stays usable,
 * slow clients are timed out while others are served (fault cases 60, 62).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/serve';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { rawConnect, sleep } from './support/raw-http';
import { SHOP_KEY, testSite } from './support/sites';

const PATH = `/v1/events?site=${SHOP_KEY}`;

describe('the server on 127.0.0.1', () => {
  let database: TestDatabase;
  let running: RunningServer;
  let store: Store;
  beforeAll(async () => {
    database = await databaseKinds()[0]!.start();
    store = await database.openStore();
    running = await startServer({
      store,
      sites: [testSite()],
      port: 0,
      limits: { perIp: { limit: 10_000, windowSeconds: 60 } },
      timeouts: { headersTimeoutMs: 500, requestTimeoutMs: 1500 },
    });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.stop();
  });

  const request = (body: string, headers: Record<string, string> = {}) => {
    const lines = [`POST ${PATH} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: text/plain;charset=UTF-8'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    return `${lines.join('\r\n')}\r\n\r\n${body}`;
  };
  const valid = () => JSON.stringify(batch([event()]));

  it('delivers 413 for a declared length over the cap, and the connection still works', async () => {
    const connection = await rawConnect(running.port);
    const big = 'x'.repeat(200 * 1024);
    await connection.write(request('', { 'Content-Length': String(big.length) }));
    const refused = await connection.response();
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).error.code).toBe('body_too_large');
    await connection.write(big);
    const body = valid();
    await connection.write(request(body, { 'Content-Length': String(Buffer.byteLength(body)) }));
    expect((await connection.response()).status).toBe(200);
    connection.close();
  });

  it('delivers 413 for a chunked body twice the cap, never a reset', async () => {
    const connection = await rawConnect(running.port);
    await connection.write(request('', { 'Transfer-Encoding': 'chunked' }));
    const chunk = 'y'.repeat(16 * 1024);
    const sending = (async () => {
      for (let i = 0; i < 8; i++) await connection.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      await connection.write('0\r\n\r\n');
    })();
    const refused = await connection.response();
    expect(refused.status).toBe(413);
    await sending;
    const body = valid();
    await connection.write(request(body, { 'Content-Length': String(Buffer.byteLength(body)) }));
    expect((await connection.response()).status).toBe(200);
    connection.close();
  });

  it('answers fetch with 413 for a 1 MB body instead of a connection error', async () => {
    const response = await fetch(`${running.url}${PATH}`, {
      method: 'POST',
      body: 'z'.repeat(1024 * 1024),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(413);
  });

  it('leaves one row for 50 identical requests sent at once over HTTP', async () => {
    const copy = JSON.stringify(batch([event()]));
    const before = await store.countEvents();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${running.url}${PATH}`, { method: 'POST', body: copy })),
    );
    const acks = await Promise.all(
      responses.map((r) => r.json() as Promise<{ ok: boolean; stored: number }>),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.reduce((sum, a) => sum + a.stored, 0)).toBe(1);
    expect(await store.countEvents()).toBe(before + 1);
  });

  it('closes slow-header and slow-body clients while serving others', async () => {
    const SLOW = 20;
    const slowHeaders = await Promise.all(Array.from({ length: SLOW }, () => rawConnect(running.port)));
    const slowBodies = await Promise.all(Array.from({ length: SLOW }, () => rawConnect(running.port)));
    for (const connection of slowBodies) await connection.write(request('', { 'Content-Length': '100' }));
    // Each sends one byte per 100 ms and would need 4 s; all are cut off by the timeouts first.
    const slowly = async (connection: (typeof slowHeaders)[number], text: string) => {
      let sent = 0;
      while (sent < 40 && !connection.socket.destroyed) {
        await connection.write(text[sent]!);
        sent += 1;
        await sleep(100);
      }
      return sent;
    };
    const trickles = slowHeaders.map((connection) => slowly(connection, request('x'.repeat(40))));
    const dribbles = slowBodies.map((connection) => slowly(connection, '{'.repeat(40)));
    // Meanwhile a normal client is served at once.
    const normal = await fetch(`${running.url}${PATH}`, { method: 'POST', body: valid() });
    expect(normal.status).toBe(200);
    for (const sent of await Promise.all([...trickles, ...dribbles])) expect(sent).toBeLessThan(40);
    for (const connection of slowHeaders) expect(await connection.ended).toBe('closed');
  });
});
