/**
 * Page unload: `pagehide` and `visibilitychange → hidden`, never `unload`; requests of at most 48 KiB; every
 * `sendBeacon` return value checked, halving on refusal, a keepalive fetch when the beacon cannot take even one
 * event (docs/faults.md cases 17–22, incidents 3–5 and 28).
 */
import { describe, expect, it } from 'vitest';
import { browserOnlineSource, httpDestination } from '../src/index';
import { answered, ids, sized } from './support/events';
import { fakePage } from './support/fake-page';
import { harness, useMsw } from './support/harness';
import { settle } from './support/manual-clock';
import { MemoryStorage } from './support/memory-storage';
import { ENDPOINT, mockCollector } from './support/mock-collector';

const server = useMsw();

function setup() {
  const mock = mockCollector();
  server.use(mock.handler);
  return mock;
}

/**
 * `navigator.sendBeacon` as Chrome implements it: one 64 KiB quota shared by every beacon and keepalive request
 * of the page, `false` when a payload does not fit. `used` starts with what the host page already spent.
 */
function beaconWithQuota(used = 0, quota = 64 * 1024) {
  const accepted: { url: string; bytes: number; ids: string[] }[] = [];
  const refused: number[] = [];
  const sendBeacon = (url: string, data: string) => {
    const bytes = new TextEncoder().encode(data).length;
    if (used + bytes > quota) {
      refused.push(bytes);
      return false;
    }
    used += bytes;
    accepted.push({
      url,
      bytes,
      ids: (JSON.parse(data) as { events: { id: string }[] }).events.map((e) => e.id),
    });
    return true;
  };
  return { sendBeacon, accepted, refused };
}

describe('page lifecycle listeners', () => {
  it('listens for pagehide, pageshow and visibilitychange, never unload or beforeunload', () => {
    const page = fakePage();
    harness({ page, online: browserOnlineSource(page.window, { onLine: true }) });
    expect(new Set(page.window.added)).toEqual(new Set(['pagehide', 'pageshow', 'online', 'offline']));
    expect(page.document.added).toEqual(['visibilitychange']);
  });
});

describe('the unload budget', () => {
  it('200 events pending at pagehide: beacons of at most 48 KiB, halved on refusal, the rest by keepalive', async () => {
    const mock = setup();
    mock.respond('hang');
    const beacon = beaconWithQuota();
    const storage = new MemoryStorage();
    const { collector, page } = harness({ sendBeacon: beacon.sendBeacon, storage });
    const events = Array.from({ length: 200 }, () => sized(500));
    collector.send(events[0]!);
    void collector.flush();
    await expect.poll(() => mock.requests.length).toBe(1);
    for (const event of events.slice(1)) collector.send(event);
    page.leave();
    await settle();

    expect(Math.max(...beacon.accepted.map((b) => b.bytes))).toBeLessThanOrEqual(48 * 1024);
    expect(beacon.accepted.reduce((sum, b) => sum + b.bytes, 0)).toBeLessThanOrEqual(64 * 1024);
    // After each refusal the next try was at most half as big.
    expect(beacon.refused.length).toBeGreaterThan(0);
    const viaBeacon = beacon.accepted.flatMap((b) => b.ids);
    const viaKeepalive = mock.requests.slice(1).flatMap((r) => {
      expect(r.keepalive).toBe(true);
      expect(r.bytes).toBeLessThanOrEqual(48 * 1024);
      return r.ids;
    });
    expect(viaKeepalive.length).toBeGreaterThan(0);
    // Every event went out exactly once at unload, by beacon or by keepalive fetch.
    expect([...viaBeacon, ...viaKeepalive].sort()).toEqual(ids(events).sort());
    // Nothing acknowledged by beacon is forgotten: the stored queue still holds what had no answer.
    expect(storage.storedIds()).toEqual(expect.arrayContaining(viaBeacon));
    expect(beacon.accepted.every((b) => b.url.startsWith(`${ENDPOINT}/v1/events?site=site_1`))).toBe(true);
  });

  it('the host used up the quota: every beacon refused, down to single events, which go by keepalive fetch', async () => {
    const mock = setup();
    const beacon = beaconWithQuota(64 * 1024);
    const { collector, page } = harness({ sendBeacon: beacon.sendBeacon });
    const events = [answered(1), answered(2), answered(3)];
    for (const event of events) collector.send(event);
    page.leave();
    await expect.poll(() => mock.stored.size).toBe(3);
    expect(beacon.accepted).toEqual([]);
    expect(beacon.refused.length).toBe(5);
    expect(mock.requests.every((r) => r.keepalive && r.ids.length === 1)).toBe(true);
  });

  it('a sendBeacon that throws (a host wrapper) falls back to keepalive fetch', async () => {
    const mock = setup();
    const { collector, page } = harness({
      sendBeacon: () => {
        throw new TypeError('Illegal invocation');
      },
    });
    collector.send(answered(1));
    page.leave();
    await expect.poll(() => mock.stored.size).toBe(1);
  });

  it('a destination with custom headers cannot use a beacon: keepalive fetch, each request within 48 KiB', async () => {
    const received: { keepalive: boolean; bytes: number; auth: string | null }[] = [];
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.post('https://hooks.test/in', async ({ request }) => {
        received.push({
          keepalive: request.keepalive,
          bytes: (await request.arrayBuffer()).byteLength,
          auth: request.headers.get('authorization'),
        });
        return HttpResponse.json({ ok: true });
      }),
    );
    const beacon = beaconWithQuota();
    const { collector, page } = harness({
      endpoint: undefined,
      destinations: [
        httpDestination({ url: 'https://hooks.test/in', headers: { Authorization: 'Bearer t' } }),
      ],
      sendBeacon: beacon.sendBeacon,
    });
    for (let i = 0; i < 30; i++) collector.send(sized(3000));
    page.leave();
    await expect.poll(() => received.length).toBeGreaterThan(1);
    expect(beacon.accepted).toEqual([]);
    expect(received.every((r) => r.keepalive && r.bytes <= 48 * 1024 && r.auth === 'Bearer t')).toBe(true);
  });

  it('a destination whose body mapper throws never throws into the page’s pagehide listener', async () => {
    const beacon = beaconWithQuota();
    const { collector, page, errors } = harness({
      endpoint: undefined,
      destinations: [
        httpDestination({
          url: 'https://hooks.test/in',
          body: () => {
            throw new Error('mapper bug');
          },
        }),
      ],
      sendBeacon: beacon.sendBeacon,
    });
    collector.send(answered(1));
    expect(() => page.leave()).not.toThrow();
    await settle();
    expect(errors.map((e) => e.message)).toContain('http https://hooks.test/in: Error: mapper bug');
  });

  it('sends nothing at unload while offline: the events stay stored for the next page', async () => {
    const mock = setup();
    const beacon = beaconWithQuota();
    const page = fakePage();
    page.setOnline(false);
    const { collector, storage } = harness({ page, sendBeacon: beacon.sendBeacon });
    const event = answered(4);
    collector.send(event);
    page.leave();
    await settle();
    expect(beacon.accepted).toEqual([]);
    expect(mock.requests).toEqual([]);
    expect((storage as MemoryStorage).storedIds()).toEqual([event.id]);
  });
});

describe('hidden, left, restored', () => {
  it('hidden (a tab switch): a keepalive fetch whose acknowledgement removes the events; nothing resent later', async () => {
    const mock = setup();
    const { collector, page, storage } = harness();
    const event = answered(7);
    collector.send(event);
    page.hide();
    await expect.poll(() => mock.stored.size).toBe(1);
    expect(mock.requests[0]!.keepalive).toBe(true);
    page.show();
    await collector.flush();
    expect(mock.receivedIds()).toEqual([event.id]);
    expect((storage as MemoryStorage).storedIds()).toEqual([]);
  });

  it('a plain request in flight is sent again when the page is left, not when it is only hidden', async () => {
    const mock = setup();
    mock.respond('hang');
    const beacon = beaconWithQuota();
    const { collector, page } = harness({ sendBeacon: beacon.sendBeacon });
    const event = answered(2);
    collector.send(event);
    void collector.flush();
    await expect.poll(() => mock.requests.length).toBe(1);
    page.hide();
    expect(beacon.accepted).toEqual([]);
    page.window.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: false }));
    expect(beacon.accepted.map((b) => b.ids)).toEqual([[event.id]]);
  });

  it('restored from the back/forward cache: beaconed events, which never got an answer, are sent again', async () => {
    const mock = setup();
    const beacon = beaconWithQuota();
    const storage = new MemoryStorage();
    const { collector, page } = harness({ sendBeacon: beacon.sendBeacon, storage });
    const event = answered(3);
    collector.send(event);
    page.leave(true);
    expect(beacon.accepted.map((b) => b.ids)).toEqual([[event.id]]);
    expect(storage.entries()[0]!.value.open).toBe(false);
    page.restore();
    await collector.flush();
    expect(mock.receivedIds()).toEqual([event.id]);
    expect(storage.entries()).toEqual([]);
  });
});
