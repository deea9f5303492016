/**
 * Delivery against the reference server's protocol, with real status codes and headers (docs/faults.md §2 and
 * cases 1–7, 10–12, 16).
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  isDeliveryFailedError,
  isEventRejectedError,
  isEventTooLargeError,
  isHttpError,
  isNetworkError,
  isTimeoutError,
} from '../src/index';
import { answered, ids, sized, wireEvent } from './support/events';
import { harness, useMsw } from './support/harness';
import { settle } from './support/manual-clock';
import type { MemoryStorage } from './support/memory-storage';
import { mockCollector, SITE_KEY } from './support/mock-collector';

const server = useMsw();

function setup(options: Parameters<typeof mockCollector>[0] = {}) {
  const mock = mockCollector(options);
  server.use(mock.handler);
  return mock;
}

describe('batching', () => {
  it('waits maxWaitMs for company, then sends one CORS-simple request without credentials', async () => {
    const mock = setup();
    const { collector, clock } = harness();
    const events = [
      answered(9),
      wireEvent({ type: 'completed', answers: [{ questionId: 'score', type: 'nps', value: 9 }] }),
    ];
    for (const event of events) collector.send(event);
    await settle();
    expect(mock.requests).toHaveLength(0);
    expect(clock.pending()).toEqual([1000]);
    await clock.advance(1000);
    await expect.poll(() => mock.stored.size).toBe(2);
    expect(mock.requests).toHaveLength(1);
    const [request] = mock.requests;
    expect(request).toMatchObject({
      site: SITE_KEY,
      attempt: null,
      contentType: 'text/plain;charset=UTF-8',
      credentials: 'omit',
      keepalive: false,
    });
    // No header that would cost a preflight (docs/faults.md case 12).
    expect(Object.keys(request!.headers).sort()).toEqual(['content-type']);
    expect([...mock.stored.values()]).toEqual(events);
  });

  it('sends at once when a batch is full by count, and splits by MAX_EVENTS_PER_BATCH', async () => {
    const mock = setup();
    const { collector } = harness();
    const events = Array.from({ length: 250 }, (_, i) => answered(i % 11));
    for (const event of events) collector.send(event);
    await collector.flush();
    expect(mock.requests.map((r) => r.ids.length)).toEqual([100, 100, 50]);
    expect(mock.receivedIds()).toEqual(ids(events));
  });

  it('keeps every request under MAX_REQUEST_BYTES (48 KiB)', async () => {
    const mock = setup();
    const { collector } = harness();
    for (let i = 0; i < 20; i++) collector.send(sized(5000));
    await collector.flush();
    expect(mock.stored.size).toBe(20);
    expect(Math.max(...mock.requests.map((r) => r.bytes))).toBeLessThanOrEqual(48 * 1024);
    expect(mock.requests.length).toBeGreaterThan(1);
  });

  it('sends an event given twice (a double submit) once', async () => {
    const mock = setup();
    const { collector } = harness();
    const event = answered(7);
    collector.send(event);
    collector.send(structuredClone(event));
    await collector.flush();
    expect(mock.receivedIds()).toEqual([event.id]);
  });
});

describe('retries', () => {
  it('500 then 200: delivered with the same ids, the retry marked attempt=1 in the query string', async () => {
    const mock = setup();
    mock.respond({ status: 500 });
    const { collector, clock, errors, lines } = harness();
    const events = [answered(3), answered(10)];
    for (const event of events) collector.send(event);
    await collector.flush();
    expect(mock.stored.size).toBe(0);
    // Full jitter with random() = 0.5 over the first step of 1000 ms.
    expect(clock.pending()).toEqual([500]);
    await clock.advance(500);
    await expect.poll(() => mock.stored.size).toBe(2);
    expect(mock.requests.map((r) => [r.attempt, r.ids])).toEqual([
      [null, ids(events)],
      [1, ids(events)],
    ]);
    expect(errors.map((e) => e.name)).toEqual(['HttpError']);
    expect(lines).toEqual([expect.stringMatching(/^\[touchpoint\] .*answered 500/)]);
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs', async () => {
    const mock = setup();
    mock.respond(...Array.from({ length: 9 }, () => ({ status: 503 })));
    const { collector, clock } = harness({ random: () => 0.999 });
    collector.send(answered(1));
    await collector.flush();
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      waits.push(clock.pending()[0]!);
      await clock.next();
      await expect.poll(() => mock.requests.length).toBe(i + 2);
    }
    expect(waits).toEqual([999, 1998, 3996, 7992, 15984, 31968, 59940, 59940, 59940]);
    await expect.poll(() => mock.stored.size).toBe(1);
  });

  it.each([
    ['seconds', () => '120', 120_000],
    ['an HTTP date', (now: number) => new Date(now + 90_000).toUTCString(), 90_000],
  ])('429 with Retry-After in %s waits that long and uses up no attempt', async (_, header, wait) => {
    const mock = setup();
    const { collector, clock } = harness({ retry: { maxAttempts: 1 } });
    mock.respond({ status: 429, headers: { 'Retry-After': header(clock.now()) } });
    collector.send(answered(8));
    await collector.flush();
    expect(clock.pending()).toEqual([wait]);
    await clock.advance(wait - 1);
    expect(mock.requests).toHaveLength(1);
    await clock.advance(1);
    // With maxAttempts 1, a counted attempt would have dropped the event: Retry-After did not count.
    await expect.poll(() => mock.stored.size).toBe(1);
    expect(mock.requests.map((r) => r.attempt)).toEqual([null, 1]);
  });

  it('caps Retry-After at maxRetryAfterMs and falls back to backoff when it is unreadable', async () => {
    const mock = setup();
    mock.respond(
      { status: 503, headers: { 'Retry-After': '86400' } },
      { status: 503, headers: { 'Retry-After': 'soon' } },
    );
    const { collector, clock } = harness();
    collector.send(answered(2));
    await collector.flush();
    expect(clock.pending()).toEqual([DEFAULT_RETRY.maxRetryAfterMs]);
    await clock.next();
    await expect.poll(() => mock.requests.length).toBe(2);
    await settle();
    expect(clock.pending()).toEqual([500]);
    await clock.next();
    await expect.poll(() => mock.stored.size).toBe(1);
  });

  it('a flush does not jump a Retry-After wait', async () => {
    const mock = setup();
    mock.respond({ status: 429, headers: { 'Retry-After': '30' } });
    const { collector } = harness();
    collector.send(answered(2));
    await collector.flush();
    await collector.flush();
    expect(mock.requests).toHaveLength(1);
  });

  it('retries 408 and a captive portal (200 with HTML), never treating them as delivered', async () => {
    const mock = setup();
    mock.respond(
      {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
        body: '<html><body>Log in to Wi-Fi</body></html>',
      },
      { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"hello":"proxy"}' },
      { status: 204 },
      { status: 408 },
    );
    const { collector, clock } = harness();
    collector.send(answered(6));
    await collector.flush();
    for (let i = 0; i < 4; i++) await clock.next();
    await expect.poll(() => mock.stored.size).toBe(1);
    expect(mock.requests.map((r) => r.attempt)).toEqual([null, 1, 2, 3, 4]);
  });

  it('aborts a request that never answers after timeoutMs and retries it', async () => {
    const mock = setup();
    mock.respond('hang');
    const { collector, clock, errors } = harness();
    collector.send(answered(4));
    void collector.flush();
    await expect.poll(() => mock.requests.length).toBe(1);
    expect(clock.pending()).toEqual([DEFAULT_RETRY.timeoutMs]);
    await clock.advance(DEFAULT_RETRY.timeoutMs);
    expect(errors.some(isTimeoutError)).toBe(true);
    await clock.next();
    await expect.poll(() => mock.stored.size).toBe(1);
  });

  it('drops events after maxAttempts with one DeliveryFailedError', async () => {
    const mock = setup();
    mock.respond(...Array.from({ length: 3 }, () => ({ status: 500 })));
    const { collector, clock, errors } = harness({ retry: { maxAttempts: 3 } });
    const event = answered(5);
    collector.send(event);
    await collector.flush();
    await clock.next();
    await clock.next();
    await expect.poll(() => mock.requests.length).toBe(3);
    await clock.advance(60_000);
    expect(mock.requests).toHaveLength(3);
    const failed = errors.filter(isDeliveryFailedError);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.events).toEqual([event]);
  });

  it('drops events older than maxAgeMs', async () => {
    const mock = setup();
    mock.respond(...Array.from({ length: 100 }, () => ({ status: 500 })));
    const { collector, clock, errors } = harness({ retry: { maxAgeMs: 60_000, maxAttempts: 100 } });
    collector.send(answered(5));
    await collector.flush();
    await clock.advance(61_000);
    const sent = mock.requests.length;
    await clock.advance(600_000);
    expect(mock.requests).toHaveLength(sent);
    expect(errors.filter(isDeliveryFailedError)).toHaveLength(1);
    expect(clock.pending()).toEqual([]);
  });

  it('status 0 (network error, CORS, ad blocker): capped, then parked with one actionable line', async () => {
    const mock = setup();
    mock.respond(...Array.from({ length: 10 }, () => 'network' as const));
    const { collector, clock, lines, errors, page } = harness();
    collector.send(answered(5));
    await collector.flush();
    for (let i = 0; i < 10; i++) await clock.next();
    expect(mock.requests).toHaveLength(DEFAULT_RETRY.statusZeroLimit);
    expect(clock.pending()).toEqual([]);
    expect(errors.filter(isNetworkError)).toHaveLength(2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/CORS/);
    // A new event is one new chance; coming back online is a fresh start. Neither used up an attempt.
    collector.send(answered(6));
    await clock.advance(1000);
    await expect.poll(() => mock.requests.length).toBe(6);
    await settle();
    expect(clock.pending()).toEqual([]);
    page.setOnline(true);
    await expect.poll(() => mock.requests.length).toBe(7);
    for (let i = 0; i < 10; i++) await clock.next();
    await expect.poll(() => mock.stored.size).toBe(2);
    expect(mock.requests.at(-1)!.attempt).toBeGreaterThan(5);
    expect(lines).toHaveLength(2);
  });

  it('a response lost after the server stored the batch: the retry reuses the ids and is stored once', async () => {
    const mock = setup();
    mock.respond('lost');
    const { collector, clock } = harness();
    const event = answered(8);
    collector.send(event);
    await collector.flush();
    expect(mock.stored.size).toBe(1);
    await clock.next();
    await expect.poll(() => mock.requests.length).toBe(2);
    expect(mock.receivedIds()).toEqual([event.id, event.id]);
    expect(mock.stored.size).toBe(1);
    await settle();
    expect(clock.pending()).toEqual([]);
  });

  it('works without AbortController, without crypto.randomUUID, and reports a missing fetch', async () => {
    const saved = { abort: globalThis.AbortController, uuid: globalThis.crypto.randomUUID };
    // biome-ignore lint/suspicious/noExplicitAny: removing platform features on purpose
    const host = globalThis as any;
    host.AbortController = undefined;
    host.crypto.randomUUID = undefined;
    const signals: unknown[] = [];
    try {
      const { collector, errors, clock } = harness({
        // A fetch passed in (Node's own needs AbortController): it answers as the server would.
        fetch: async (_url, init) => {
          signals.push(init.signal);
          return new Response('{"ok":true,"stored":1,"duplicates":0}', { status: 200 });
        },
      });
      collector.send(answered(1));
      await collector.flush();
      expect(signals).toEqual([undefined]);
      expect(errors).toEqual([]);
      expect(clock.pending()).toEqual([]);
    } finally {
      host.AbortController = saved.abort;
      host.crypto.randomUUID = saved.uuid;
    }
    const { collector, errors } = harness({ fetch: undefined });
    const realFetch = globalThis.fetch;
    host.fetch = undefined;
    try {
      collector.send(answered(2));
      await collector.flush();
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/fetch is not available/)]);
    } finally {
      host.fetch = realFetch;
    }
  });

  it('a fetch that throws synchronously (a broken polyfill) is a retryable failure, not an exception', async () => {
    const mock = setup();
    let broken = true;
    const { collector, clock } = harness({
      fetch: (url, init) => {
        if (broken) throw new TypeError('polyfill exploded');
        return fetch(url, init);
      },
    });
    collector.send(answered(5));
    await collector.flush();
    broken = false;
    await clock.next();
    await expect.poll(() => mock.stored.size).toBe(1);
  });
});

describe('refusals', () => {
  it('413: splits the batch in halves and resends; a single event too large is dropped with an error', async () => {
    const mock = setup({ maxBodyBytes: 12_000 });
    const { collector, errors } = harness();
    const small = Array.from({ length: 6 }, () => sized(1500));
    const huge = sized(14_000);
    for (const event of [...small.slice(0, 3), huge, ...small.slice(3)]) collector.send(event);
    await collector.flush();
    expect([...mock.stored.keys()].sort()).toEqual(ids(small).sort());
    expect(errors.filter(isEventTooLargeError).map((e) => e.events)).toEqual([[huge]]);
    expect(mock.requests.filter((r) => r.ids.includes(huge.id)).length).toBeLessThanOrEqual(4);
  });

  it('drops an event bigger than a request may be before sending it', async () => {
    const mock = setup();
    const { collector, errors } = harness({ batch: { maxBytes: 4000 } });
    collector.send(sized(6000));
    await collector.flush();
    expect(mock.requests).toHaveLength(0);
    expect(errors.map((e) => e.name)).toEqual(['EventTooLargeError']);
  });

  it('400 naming events by path: drops those, reports each, resends the rest at once', async () => {
    const mock = setup();
    const events = [answered(1), answered(2), answered(3), answered(4)];
    mock.respond({
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ok: false,
        error: {
          code: 'invalid',
          message: 'invalid batch',
          problems: [
            {
              path: 'events[1].answers[0].value',
              expected: 'x',
              received: 'y',
              message: 'events[1].answers[0].value: bad',
            },
            {
              path: 'events[3].touchpoint',
              expected: 'x',
              received: 'y',
              message: 'events[3].touchpoint: bad',
            },
            { path: 'sentAt', expected: 'x', received: 'y', message: 'sentAt: bad' },
          ],
        },
      }),
    });
    const { collector, clock, errors } = harness();
    for (const event of events) collector.send(event);
    await collector.flush();
    expect(clock.pending()).toEqual([]);
    expect([...mock.stored.keys()]).toEqual([events[0]!.id, events[2]!.id]);
    const rejected = errors.filter(isEventRejectedError);
    expect(rejected.map((e) => [e.events[0]!.id, e.status, e.problems])).toEqual([
      [events[1]!.id, 400, ['events[1].answers[0].value: bad']],
      [events[3]!.id, 400, ['events[3].touchpoint: bad']],
    ]);
  });

  it('422 naming no event: splits to isolate the bad one, drops it alone, keeps the queue moving', async () => {
    const mock = setup();
    const events = Array.from({ length: 8 }, (_, i) => answered(i));
    const bad = events[5]!;
    const { collector, errors } = harness();
    server.use(
      // Refuse any batch holding the bad event, without saying which one it is.
      // biome-ignore lint/suspicious/noExplicitAny: msw resolver typing
      (await import('msw')).http.post(/\/v1\/events/, async ({ request }): Promise<any> => {
        const text = await request.clone().text();
        if (text.includes(bad.id)) return new Response('{"ok":false}', { status: 422 });
        return undefined;
      }),
    );
    for (const event of events) collector.send(event);
    await collector.flush();
    expect([...mock.stored.keys()].sort()).toEqual(ids(events.filter((e) => e !== bad)).sort());
    expect(errors.filter(isEventRejectedError).map((e) => e.events)).toEqual([[bad]]);
  });

  it('401: stops sending, backs off authBackoffMs, keeps the queue; no retry storm over an hour', async () => {
    const mock = setup();
    mock.respond(...Array.from({ length: 100 }, () => ({ status: 401 })));
    const { collector, clock, errors, storage } = harness();
    const event = answered(9);
    collector.send(event);
    await collector.flush();
    expect(clock.pending()).toEqual([DEFAULT_RETRY.authBackoffMs]);
    for (let i = 0; i < 20; i++) collector.send(answered(i % 11));
    await collector.flush();
    await clock.advance(60 * 60 * 1000);
    // One request at the start and one per 10-minute rest: 7 in an hour, never a storm.
    expect(mock.requests).toHaveLength(7);
    expect(errors.every((e) => isHttpError(e) && e.status === 401)).toBe(true);
    expect((storage as MemoryStorage).storedIds()).toContain(event.id);
  });

  it('drops a batch on a status that retrying cannot fix (404, 501)', async () => {
    const mock = setup();
    mock.respond({ status: 404 }, { status: 501 });
    const { collector, clock, errors } = harness();
    collector.send(answered(1));
    await collector.flush();
    collector.send(answered(2));
    await collector.flush();
    expect(clock.pending()).toEqual([]);
    expect(errors.map((e) => (isHttpError(e) ? e.status : e.name))).toEqual([404, 501]);
    expect(mock.stored.size).toBe(0);
  });
});

describe('never breaks the host page', () => {
  it('reports an invalid event instead of throwing, and survives an onError that throws', async () => {
    const mock = setup();
    const { collector, lines } = harness({
      onError: () => {
        throw new Error('host callback bug');
      },
    });
    expect(() => collector.send({ v: 2 } as never)).not.toThrow();
    expect(() => collector.send(null as never)).not.toThrow();
    expect(lines).toEqual([
      '[touchpoint] send() got an invalid event; dropped',
      '[touchpoint] send() got an invalid event; dropped',
    ]);
    collector.send(answered(3));
    await collector.flush();
    expect(mock.stored.size).toBe(1);
  });

  it('reports a configuration without a destination and gives back a collector that does nothing', async () => {
    const lines: string[] = [];
    const { createCollector } = await import('../src/index');
    const collector = createCollector({
      logger: { warn: (l) => lines.push(l), error: (l) => lines.push(l) },
    });
    expect(() => collector.send(answered(1))).not.toThrow();
    await expect(collector.flush()).resolves.toBeUndefined();
    expect(lines).toEqual(['[touchpoint] give `endpoint` and `siteKey`, or `destinations`']);
  });

  it('close() flushes, then removes every listener and timer', async () => {
    const mock = setup();
    mock.respond({ status: 500 });
    const { collector, clock, page } = harness();
    collector.send(answered(3));
    await collector.close();
    expect(mock.requests).toHaveLength(1);
    expect(clock.pending()).toEqual([]);
    page.setOnline(false);
    page.setOnline(true);
    page.leave();
    await settle();
    expect(mock.requests).toHaveLength(1);
  });
});
