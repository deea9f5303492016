/**
 * The app in-process through `app.request()`, on SQLite and on a real PostgreSQL 15: every refusal is its clear
 * error and stores nothing; every 200 is a durable write (fault cases 59–65, 70, 73).
 */
import { gzipSync } from 'node:zlib';
import { MAX_BODY_BYTES, type WireEvent } from '@touchpoint/core';
import { AckSchema, ErrorBodySchema } from '@touchpoint/core/schema';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { Lifecycle } from '../src/lifecycle';
import type { Store } from '../src/store/store';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { SHOP_KEY, SHOP_ORIGIN, SHOP_SECRET, testSite } from './support/sites';

const URL_ = `http://touchpoint.test/v1/events?site=${SHOP_KEY}`;

function post(app: Hono, body: string | Uint8Array, headers: Record<string, string> = {}, url = URL_) {
  return app.request(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
  });
}

async function errorOf(response: Response) {
  const parsed = ErrorBodySchema.safeParse(await response.json());
  expect(parsed.success, 'the body is an ErrorBody').toBe(true);
  return parsed.data!.error;
}

describe.each(databaseKinds())('ingest on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let app: Hono;
  beforeAll(async () => {
    if (kind.skip) return;
    database = await kind.start();
    store = await database.openStore();
    app = createApp({ store, sites: [testSite()], log: () => {} });
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)('stores a batch and acknowledges with core’s Ack only after the write', async () => {
    const { answers: _, ...shown } = event() as WireEvent & { answers?: unknown };
    const events = [event(), { ...shown, type: 'shown' } as WireEvent];
    const response = await post(app, JSON.stringify(batch(events)), { Origin: SHOP_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(AckSchema.parse(await response.json())).toEqual({ ok: true, stored: 2, duplicates: 0 });
    const stored = await store.events('shop');
    expect(stored.map((s) => s.event.id)).toEqual(events.map((e) => e.id));
  });

  it.skipIf(kind.skip)(
    'acknowledges a retried id without a second row; a mixed batch stores the new ones',
    async () => {
      const known = event();
      const before = await store.countEvents();
      expect(await (await post(app, JSON.stringify(batch([known])))).json()).toEqual({
        ok: true,
        stored: 1,
        duplicates: 0,
      });
      const fresh = event();
      const response = await post(app, JSON.stringify(batch([known, fresh])), {
        'Content-Type': 'application/json',
      });
      expect(await response.json()).toEqual({ ok: true, stored: 1, duplicates: 1 });
      expect(await store.countEvents()).toBe(before + 2);
    },
  );

  it.skipIf(kind.skip)('leaves one row for 50 concurrent copies of one event', async () => {
    const copy = JSON.stringify(batch([event()]));
    const before = await store.countEvents();
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(app, copy)));
    const acks = await Promise.all(responses.map(async (r) => AckSchema.parse(await r.json())));
    expect(acks).toHaveLength(50);
    expect(acks.reduce((sum, a) => sum + a.stored, 0)).toBe(1);
    expect(await store.countEvents()).toBe(before + 1);
  });

  const tooBig = JSON.stringify(
    batch([event({ answers: [{ questionId: 'r', type: 'text', value: 'x'.repeat(5000) }] })]),
  ).repeat(14);
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, ' '));

  it.skipIf(kind.skip).each([
    ['invalid JSON', 400, 'invalid_json', '{"sentAt":', {}],
    ['an empty body', 400, 'empty_body', '', {}],
    ['an array instead of a batch', 400, 'invalid_batch', '[]', {}],
    [
      'a duplicate key',
      400,
      'duplicate_key',
      '{"sentAt":"2026-11-20T10:00:00Z","sentAt":"x","events":[]}',
      {},
    ],
    ['deep nesting', 400, 'invalid_batch', `${'['.repeat(30_000)}${']'.repeat(30_000)}`, {}],
    ['a body over 64 KiB', 413, 'body_too_large', tooBig, {}],
    ['a gzip bomb', 413, 'decompressed_too_large', bomb, { 'Content-Encoding': 'gzip' }],
    ['broken gzip', 400, 'invalid_gzip', 'not gzip at all', { 'Content-Encoding': 'gzip' }],
    ['brotli', 415, 'unsupported_content_encoding', 'x', { 'Content-Encoding': 'br' }],
    [
      'a form post',
      415,
      'unsupported_content_type',
      'a=1',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    ],
    [
      'Latin-1 text',
      415,
      'unsupported_content_type',
      '{}',
      { 'Content-Type': 'text/plain; charset=iso-8859-1' },
    ],
    ['invalid UTF-8', 400, 'invalid_encoding', new Uint8Array([0x7b, 0xff, 0x7d]), {}],
  ] as const)('refuses %s with %i %s and stores nothing', async (_, status, code, body, headers) => {
    const before = await store.countEvents();
    const response = await post(app, body, headers);
    expect(response.status).toBe(status);
    expect((await errorOf(response)).code).toBe(code);
    expect(await store.countEvents()).toBe(before);
    expect(bomb.byteLength).toBeLessThan(MAX_BODY_BYTES);
  });

  it.skipIf(kind.skip)('names every invalid field by path, and stores none of the batch', async () => {
    const before = await store.countEvents();
    const good = event();
    const bad = [
      { ...event(), answers: [{ questionId: 'score', type: 'nps', value: 11 }] },
      { ...event(), answers: [{ questionId: 'score', type: 'ces', value: '7' }] },
      { ...event(), answers: [{ questionId: 'score', type: 'csat', value: 0 }] },
      { ...event(), tracking: 'pixel' },
    ] as unknown[];
    const response = await post(
      app,
      JSON.stringify({ sentAt: '2026-11-20T10:00:05.000Z', events: [good, ...bad] }),
    );
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_batch');
    expect(error.message).toContain('nothing was stored');
    expect(error.problems?.map((p) => p.path)).toEqual([
      'events[1].answers[0].value',
      'events[2].answers[0].value',
      'events[3].answers[0].value',
      'events[4].tracking',
    ]);
    expect(error.problems?.[3]?.message).toBe('events[4].tracking: unknown field "tracking"');
    expect(await store.countEvents()).toBe(before);
  });

  it.skipIf(kind.skip)(
    'stores emoji and turns lone surrogates and NUL into U+FFFD instead of failing',
    async () => {
      const text = event({ answers: [{ questionId: 'r', type: 'text', value: 'x' }] });
      const body = JSON.stringify(batch([text])).replace(
        '"value":"x"',
        '"value":"👍 e\\u0301 \\ud800 a\\u0000b"',
      );
      const response = await post(app, body);
      expect(response.status).toBe(200);
      const stored = (await store.events('shop')).find((s) => s.event.id === text.id);
      expect(stored?.event).toMatchObject({ answers: [{ value: '👍 e\u0301 \ufffd a\ufffdb' }] });
    },
  );

  it.skipIf(kind.skip).each([
    ['no key', 'http://touchpoint.test/v1/events', {}, 401, 'unknown_site_key'],
    ['an unknown key', 'http://touchpoint.test/v1/events?site=pk_nobody', {}, 401, 'unknown_site_key'],
    ['the secret key', `http://touchpoint.test/v1/events?site=${SHOP_SECRET}`, {}, 401, 'unknown_site_key'],
    ['another origin', URL_, { Origin: 'https://evil.example' }, 403, 'origin_not_allowed'],
    ['a look-alike origin', URL_, { Origin: 'https://shop.example.evil.example' }, 403, 'origin_not_allowed'],
  ] as const)('refuses %s with %i and stores nothing', async (_, url, headers, status, code) => {
    const before = await store.countEvents();
    const response = await post(app, JSON.stringify(batch([event()])), headers, url);
    expect(response.status).toBe(status);
    expect((await errorOf(response)).code).toBe(code);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await store.countEvents()).toBe(before);
  });

  it.skipIf(kind.skip)('ignores unknown query parameters such as a retry counter', async () => {
    const response = await post(app, JSON.stringify(batch([event()])), {}, `${URL_}&attempt=3&utm=x`);
    expect(response.status).toBe(200);
  });

  // Last in this suite: it takes the database server away.
  it.skipIf(kind.skip || kind.name !== 'postgres')(
    'answers 503 with Retry-After, never 2xx, when PostgreSQL goes away',
    async () => {
      await database.stopServer();
      const response = await post(app, JSON.stringify(batch([event()])));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('10');
      expect((await errorOf(response)).code).toBe('store_unavailable');
      expect((await app.request('http://touchpoint.test/readyz')).status).toBe(503);
    },
  );
});

describe('CORS, config and health', () => {
  let store: Store;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await databaseKinds()[0]!.start();
    store = await database.openStore();
  });
  afterAll(async () => {
    await database.stop();
  });

  it('answers a preflight for an allowed origin, cached for an hour, and refuses others', async () => {
    const app = createApp({ store, sites: [testSite()] });
    const preflight = (origin: string) =>
      app.request(URL_, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
    const ok = await preflight('http://localhost:5173');
    expect(ok.status).toBe(204);
    expect(Object.fromEntries(ok.headers)).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-methods': 'POST',
      'access-control-max-age': '3600',
      vary: 'Origin',
    });
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the validated survey config to the public key, with an ETag', async () => {
    const site = testSite();
    const app = createApp({ store, sites: [site] });
    const response = await app.request(`http://touchpoint.test/v1/config?site=${SHOP_KEY}`, {
      headers: { Origin: SHOP_ORIGIN },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(await response.json()).toEqual(site.configJson);
    const etag = response.headers.get('etag')!;
    const again = await app.request(`http://touchpoint.test/v1/config?site=${SHOP_KEY}`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    const secret = await app.request(`http://touchpoint.test/v1/config?site=${SHOP_SECRET}`);
    expect(secret.status).toBe(401);
  });

  it('limits requests per IP hash and per key with 429 and Retry-After, whatever the concurrency', async () => {
    let now = 0;
    const app = createApp({
      store,
      sites: [testSite()],
      clock: { now: () => now },
      limits: { perIp: { limit: 5, windowSeconds: 60 }, perKey: { limit: 8, windowSeconds: 60 } },
    });
    const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
    const send = (ip: string) =>
      app.request(URL_, { method: 'POST', body: JSON.stringify(batch([event()])) }, from(ip));
    const burst = await Promise.all(Array.from({ length: 12 }, () => send('203.0.113.7')));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(5);
    const limited = burst.find((r) => r.status === 429)!;
    expect(limited.headers.get('retry-after')).toBe('12');
    expect((await errorOf(limited)).code).toBe('rate_limited');
    // Another address still gets through, until the key's own limit is used up.
    const others = await Promise.all(Array.from({ length: 5 }, (_, i) => send(`198.51.100.${i}`)));
    expect(others.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    // Tokens come back over the window.
    now += 60_000;
    expect((await send('203.0.113.7')).status).toBe(200);
  });

  it('answers 503 with Retry-After when the database fails, and never 2xx', async () => {
    const failing: Store = {
      ...store,
      ingest: () => Promise.reject(new Error('disk full')),
      ping: () => Promise.reject(new Error('disk full')),
    };
    const lines: string[] = [];
    const app = createApp({ store: failing, sites: [testSite()], log: (line) => lines.push(line) });
    const response = await post(app, JSON.stringify(batch([event(), event()])));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect((await errorOf(response)).code).toBe('store_unavailable');
    expect((await app.request('http://touchpoint.test/readyz')).status).toBe(503);
    expect((await app.request('http://touchpoint.test/healthz')).status).toBe(200);
    expect(lines.join('\n')).toContain('disk full');
  });

  it('refuses with 503 when the write queue is full instead of holding events in memory', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: Store = {
      ...store,
      ingest: async (b) => {
        await gate;
        return store.ingest(b);
      },
    };
    const app = createApp({ store: slow, sites: [testSite()], limits: { maxPendingEvents: 3 } });
    const first = post(app, JSON.stringify(batch([event(), event()])));
    const second = post(app, JSON.stringify(batch([event(), event()])));
    const refused = await second;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect((await errorOf(refused)).code).toBe('overloaded');
    release();
    expect((await first).status).toBe(200);
  });

  it('fails readiness and refuses new events while draining', async () => {
    const lifecycle = new Lifecycle();
    const app = createApp({ store, sites: [testSite()], lifecycle });
    expect((await app.request('http://touchpoint.test/readyz')).status).toBe(200);
    lifecycle.draining = true;
    expect((await app.request('http://touchpoint.test/readyz')).status).toBe(503);
    const response = await post(app, JSON.stringify(batch([event()])));
    expect(response.status).toBe(503);
    expect((await errorOf(response)).code).toBe('shutting_down');
  });

  it('never stores the client address; a respondent hash only when asked', async () => {
    const own = await databaseKinds()[0]!.start();
    const fresh = await own.openStore();
    const ip = '203.0.113.99';
    const env = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
    const headers = { 'X-Forwarded-For': `198.51.100.1, ${ip}`, 'User-Agent': 'test' };
    for (const hashIp of [false, true]) {
      const app = createApp({ store: fresh, sites: [testSite()], hashIp, trustProxy: ['127.0.0.1'] });
      const response = await app.request(
        URL_,
        { method: 'POST', body: JSON.stringify(batch([event()])), headers },
        env,
      );
      expect(response.status).toBe(200);
    }
    const stored = await fresh.events('shop');
    expect(stored.map((s) => s.ipHash === null)).toEqual([true, false]);
    expect(JSON.stringify(stored)).not.toContain(ip);
    expect(JSON.stringify(await fresh.rollups({ site: 'shop' }))).not.toContain(ip);
    await own.stop();
  });

  it('answers unknown routes and methods with JSON errors', async () => {
    const app = createApp({ store, sites: [testSite()] });
    const missing = await app.request('http://touchpoint.test/nope');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    const wrong = await app.request(URL_);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
  });
});
