/**
 * The persistent queue: offline then online, reloads, several tabs, storage that is full, blocked or corrupt, and
 * consent (docs/faults.md cases 9, 20, 23–29, 75).
 */
import { describe, expect, it } from 'vitest';
import { isDeliveryFailedError, isQueueFullError, isStorageError, STALE_QUEUE_MS } from '../src/index';
import { answered, ids } from './support/events';
import { fakePage } from './support/fake-page';
import { harness, SCRIPT_TAG, useMsw } from './support/harness';
import { manualClock, settle } from './support/manual-clock';
import { MemoryStorage } from './support/memory-storage';
import { mockCollector } from './support/mock-collector';

const server = useMsw();

function setup() {
  const mock = mockCollector();
  server.use(mock.handler);
  return mock;
}

const tabRandom = (seed: number) => () => seed;

describe('offline', () => {
  it('uses no attempt while offline and sends everything once when the browser is back online', async () => {
    const mock = setup();
    const page = fakePage();
    page.setOnline(false);
    const { collector, clock } = harness({ page, retry: { maxAttempts: 1 } });
    const events = [answered(1), answered(2), answered(3)];
    for (const event of events) collector.send(event);
    await collector.flush();
    await clock.advance(24 * 60 * 60 * 1000 - 1);
    page.hide();
    page.show();
    expect(mock.requests).toHaveLength(0);
    page.setOnline(true);
    await expect.poll(() => mock.stored.size).toBe(3);
    expect(mock.requests.map((r) => [r.attempt, r.ids])).toEqual([[null, ids(events)]]);
  });
});

describe('reloads', () => {
  it('a page left while the server is down: the next page resends the stored queue with the same ids', async () => {
    const mock = setup();
    mock.respond('network', 'network');
    const clock = manualClock();
    const storage = new MemoryStorage();
    storage.setItem('host:cart', '{"items":3}');
    const first = harness({ clock, storage, random: tabRandom(0.1) });
    const events = [answered(9), answered(10)];
    for (const event of events) first.collector.send(event);
    await first.collector.flush();
    first.page.leave();
    await settle();
    expect(storage.storedIds()).toEqual(ids(events));

    const second = harness({ clock, storage, random: tabRandom(0.2) });
    await second.collector.flush();
    expect([...mock.stored.keys()]).toEqual(ids(events));
    // Tried once while the page lived, once more by keepalive as it was left, then by the next page.
    expect(mock.requests.map((r) => r.attempt)).toEqual([null, 1, 2]);
    expect(storage.storedIds()).toEqual([]);
    expect(storage.getItem('host:cart')).toBe('{"items":3}');
  });

  it('a crashed page (no pagehide) is taken over once its entry is stale, not before', async () => {
    const mock = setup();
    const clock = manualClock();
    const storage = new MemoryStorage();
    const page = fakePage();
    page.setOnline(false);
    const first = harness({ clock, storage, page, random: tabRandom(0.1) });
    const event = answered(4);
    first.collector.send(event);
    await first.collector.flush();
    // The first page is still open (it could be asleep): a new page leaves its queue alone.
    await clock.advance(60_000);
    const second = harness({ clock, storage, random: tabRandom(0.2) });
    await second.collector.flush();
    expect(mock.requests).toHaveLength(0);
    // Later it is gone for good.
    await clock.advance(STALE_QUEUE_MS);
    const third = harness({ clock, storage, random: tabRandom(0.3) });
    await third.collector.flush();
    expect(mock.receivedIds()).toEqual([event.id]);
    // If the first page wakes up after all, it sees the takeover and does not send the event again.
    page.setOnline(true);
    await first.collector.flush();
    await settle();
    expect(mock.receivedIds()).toEqual([event.id]);
  });

  it('keeps the delivery state across a reload: attempts used and the age limit', async () => {
    const mock = setup();
    mock.respond({ status: 500 }, { status: 500 }, { status: 500 });
    const clock = manualClock();
    const storage = new MemoryStorage();
    const first = harness({ clock, storage, random: tabRandom(0.1), retry: { maxAttempts: 3 } });
    first.collector.send(answered(1));
    await first.collector.flush();
    await clock.next();
    await expect.poll(() => mock.requests.length).toBe(2);
    first.page.setOnline(false);
    first.page.leave();
    const second = harness({ clock, storage, random: tabRandom(0.2), retry: { maxAttempts: 3 } });
    await second.collector.flush();
    await clock.advance(120_000);
    // Two attempts before the reload, one after: the third was the last.
    expect(mock.requests).toHaveLength(3);
    expect(second.errors.map((e) => e.name)).toContain('DeliveryFailedError');
  });
});

describe('storage faults', () => {
  it('validates what it reads back: drops corrupt or tampered entries with a warning, never pollutes prototypes', async () => {
    const mock = setup();
    const clock = manualClock();
    const storage = new MemoryStorage();
    const first = harness({ clock, storage, random: tabRandom(0.1) });
    first.page.setOnline(false);
    const good = answered(8);
    first.collector.send(good);
    await first.collector.flush();
    first.page.leave();
    const [entry] = storage.entries();
    const prefix = entry!.key.slice(0, entry!.key.lastIndexOf(':') + 1);
    const valid = JSON.parse(storage.getItem(entry!.key)!);
    storage.setItem(`${prefix}a`, '"[]"');
    storage.setItem(`${prefix}b`, 'null');
    storage.setItem(`${prefix}c`, storage.getItem(entry!.key)!.slice(0, 40));
    storage.setItem(`${prefix}d`, JSON.stringify({ ...valid, v: 2 }));
    storage.setItem(
      `${prefix}e`,
      JSON.stringify({
        ...valid,
        events: [
          {
            e: { ...answered(11), answers: [{ questionId: 'score', type: 'nps', value: 11 }] },
            t: 1,
            n: 0,
            a: 0,
          },
          { e: answered(3), t: 'yesterday', n: 0, a: 0 },
          'not a record',
        ],
      }),
    );
    storage.setItem(
      `${prefix}f`,
      `{"v":1,"open":false,"at":0,"events":[{"e":{"__proto__":{"polluted":true}},"t":1,"n":0,"a":0}],"__proto__":{"polluted":true}}`,
    );
    const second = harness({ clock, storage, random: tabRandom(0.2) });
    await second.collector.flush();
    expect(mock.receivedIds()).toEqual([good.id]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    // The script tag's collector checks an event's envelope only: the answer of 11 (a valid envelope) is read back,
    // then given up for its age (queued at t = 1); the next test has the server refuse such an event.
    expect(second.errors.every((e) => isStorageError(e) || (SCRIPT_TAG && isDeliveryFailedError(e)))).toBe(
      true,
    );
    expect(second.errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unreadable stored queue/),
        expect.stringMatching(SCRIPT_TAG ? /2 unreadable stored events/ : /3 unreadable stored events/),
      ]),
    );
    expect(second.lines.every((line) => line.startsWith('[touchpoint] '))).toBe(true);
    expect(storage.entries().filter((e) => !('by' in e.value))).toEqual([]);
  });

  it('an event changed in storage but still shaped like one: dropped on read, or refused by the server (script tag)', async () => {
    const mock = setup();
    const clock = manualClock();
    const storage = new MemoryStorage();
    const first = harness({ clock, storage, random: tabRandom(0.1) });
    first.page.setOnline(false);
    const good = answered(8);
    const tampered = answered(9);
    first.collector.send(tampered);
    first.collector.send(good);
    await first.collector.flush();
    first.page.leave();
    const [entry] = storage.entries();
    storage.setItem(entry!.key, storage.getItem(entry!.key)!.replace('"value":9', '"value":11'));
    const second = harness({ clock, storage, random: tabRandom(0.2) });
    await second.collector.flush();
    expect([...mock.stored.keys()]).toEqual([good.id]);
    expect(storage.storedIds()).toEqual([]);
    if (SCRIPT_TAG) {
      // Sent with the good one; the server names it (events[0]), so only it is dropped.
      expect(mock.receivedIds()).toEqual([tampered.id, good.id, good.id]);
      expect(second.errors.map((e) => [e.name, e.events.map((event) => event.id)])).toEqual([
        ['EventRejectedError', [tampered.id]],
      ]);
    } else {
      expect(mock.receivedIds()).toEqual([good.id]);
      expect(second.errors.map((e) => e.message)).toEqual(['1 unreadable stored events discarded']);
    }
  });

  it('a full storage (QuotaExceededError): keeps its newest events stored, the rest in memory, warns once', async () => {
    const mock = setup();
    const page = fakePage();
    page.setOnline(false);
    const storage = new MemoryStorage(2500);
    storage.setItem('host:key', 'x'.repeat(300));
    const { collector, errors } = harness({ page, storage });
    const events = Array.from({ length: 12 }, (_, i) => answered(i % 11));
    for (const event of events) collector.send(event);
    await collector.flush();
    const stored = storage.storedIds();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(12);
    expect(stored).toEqual(ids(events).slice(12 - stored.length));
    expect(errors.filter(isStorageError)).toHaveLength(1);
    expect(storage.getItem('host:key')).toBe('x'.repeat(300));
    page.setOnline(true);
    await collector.flush();
    expect(mock.receivedIds()).toEqual(ids(events));
  });

  it('storage that throws on every call (Safari private mode, blocked storage): memory only, no throw', async () => {
    const mock = setup();
    const broken = new MemoryStorage();
    for (const method of ['getItem', 'setItem', 'removeItem', 'key'] as const) {
      broken[method] = () => {
        throw new DOMException('denied', 'SecurityError');
      };
    }
    const { collector, errors } = harness({ storage: broken });
    collector.send(answered(5));
    await collector.flush();
    expect(mock.stored.size).toBe(1);
    expect(errors.filter(isStorageError).length).toBeLessThanOrEqual(2);
  });

  it('falls back to memory when reading globalThis.localStorage throws (sandboxed iframe)', async () => {
    const mock = setup();
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      },
    });
    try {
      const { collector, errors } = harness({ storage: undefined });
      collector.send(answered(5));
      await collector.flush();
      expect(mock.stored.size).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });

  it('bounds the queue by count and bytes, dropping the oldest with a warning', async () => {
    const mock = setup();
    const page = fakePage();
    page.setOnline(false);
    const { collector, errors, storage } = harness({ page, queue: { maxEvents: 5 } });
    const events = Array.from({ length: 8 }, (_, i) => answered(i));
    for (const event of events) collector.send(event);
    await settle(1);
    const full = errors.filter(isQueueFullError);
    expect(full.flatMap((e) => ids(e.events))).toEqual(ids(events.slice(0, 3)));
    expect((storage as MemoryStorage).storedIds()).toEqual(ids(events.slice(3)));
    page.setOnline(true);
    await collector.flush();
    expect(mock.receivedIds()).toEqual(ids(events.slice(3)));

    const bytes = harness({ page, queue: { maxBytes: 2000 } });
    page.setOnline(false);
    for (const event of Array.from({ length: 10 }, () => answered(1))) bytes.collector.send(event);
    await settle(1);
    const stored = (bytes.storage as MemoryStorage).storedIds();
    expect(stored.length).toBeLessThan(10);
    expect(bytes.errors.some(isQueueFullError)).toBe(true);
  });
});

describe('several tabs', () => {
  it('two tabs offline, both with answers, then online: each id sent once, no storm', async () => {
    const mock = setup();
    const clock = manualClock();
    const storage = new MemoryStorage();
    const pages = [fakePage(), fakePage()];
    for (const page of pages) page.setOnline(false);
    const tabs = pages.map((page, i) => harness({ clock, storage, page, random: tabRandom(0.1 + i / 10) }));
    const events = [answered(1), answered(2), answered(3), answered(4)];
    tabs[0]!.collector.send(events[0]!);
    tabs[1]!.collector.send(events[1]!);
    tabs[0]!.collector.send(events[2]!);
    tabs[1]!.collector.send(events[3]!);
    await settle(1);
    expect(storage.entries()).toHaveLength(2);
    // A third tab opens meanwhile: both queues belong to live tabs, so it takes nothing.
    const third = harness({ clock, storage, random: tabRandom(0.9) });
    await third.collector.flush();
    for (const page of pages) page.setOnline(true);
    await Promise.all(tabs.map((tab) => tab.collector.flush()));
    expect(mock.receivedIds().sort()).toEqual(ids(events).sort());
    expect(mock.requests).toHaveLength(2);
    expect(storage.entries()).toEqual([]);
  });

  it('one of two tabs closes while offline: the next page takes its queue over, the other tab keeps its own', async () => {
    const mock = setup();
    const clock = manualClock();
    const storage = new MemoryStorage();
    const pages = [fakePage(), fakePage()];
    for (const page of pages) page.setOnline(false);
    const [a, b] = pages.map((page, i) => harness({ clock, storage, page, random: tabRandom(0.1 + i / 10) }));
    const fromA = answered(1);
    const fromB = answered(2);
    a!.collector.send(fromA);
    b!.collector.send(fromB);
    pages[0]!.leave();
    const next = harness({ clock, storage, random: tabRandom(0.5) });
    await next.collector.flush();
    expect(mock.receivedIds()).toEqual([fromA.id]);
    pages[1]!.setOnline(true);
    await b!.collector.flush();
    expect(mock.receivedIds()).toEqual([fromA.id, fromB.id]);
  });

  it('queues of two site keys never mix (namespaced storage)', async () => {
    const mock = setup();
    const storage = new MemoryStorage();
    const page = fakePage();
    page.setOnline(false);
    const other = harness({ storage, page, siteKey: 'site_2', random: tabRandom(0.1) });
    other.collector.send(answered(3));
    page.leave();
    const mine = harness({ storage, random: tabRandom(0.2) });
    await mine.collector.flush();
    expect(mock.requests).toHaveLength(0);
    const again = harness({ storage, siteKey: 'site_2', random: tabRandom(0.3) });
    await again.collector.flush();
    expect(mock.requests.map((r) => r.site)).toEqual(['site_2']);
  });
});

describe('consent', () => {
  it('keeps everything in memory until consent, persists after it, clears storage on revoke', async () => {
    const mock = setup();
    const page = fakePage();
    page.setOnline(false);
    const storage = new MemoryStorage();
    storage.setItem('host:prefs', 'dark');
    storage.writes = 0;
    const reads: string[] = [];
    const getItem = storage.getItem.bind(storage);
    storage.getItem = (key) => {
      reads.push(key);
      return getItem(key);
    };
    const { collector } = harness({ page, storage, consent: { required: true } });
    const events = [answered(6), answered(7)];
    collector.send(events[0]!);
    await collector.flush();
    expect(storage.writes).toBe(0);
    expect(reads).toEqual([]);

    collector.setConsent(true);
    expect(storage.storedIds()).toEqual([events[0]!.id]);
    collector.send(events[1]!);
    // Events added in one task are written once, at the end of it.
    await settle(1);
    expect(storage.storedIds()).toEqual(ids(events));

    collector.setConsent(false);
    expect(storage.entries()).toEqual([]);
    expect(storage.getItem('host:prefs')).toBe('dark');
    const writes = storage.writes;
    page.setOnline(true);
    await collector.flush();
    // Still delivered (from memory), and nothing written after the revoke.
    expect(mock.receivedIds()).toEqual(ids(events));
    expect(storage.writes).toBe(writes);
  });
});
