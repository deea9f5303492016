/**
 * The promise, as a property: whatever interleaving of server errors, rate limits, lost responses, hangs,
 * captive portals, auth refusals, offline spells, hidden pages, reloads and crashed tabs happens, once the network
 * is healthy again every event sent is stored by the (deduping) server, unchanged, with no id it was not given.
 */
import type { WireEvent } from '@touchpoint/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Clock, STALE_QUEUE_MS, type StorageLike } from '../src/index';
import { answered } from './support/events';
import { fakePage } from './support/fake-page';
import { harness, useMsw } from './support/harness';
import { manualClock, settle } from './support/manual-clock';
import { MemoryStorage } from './support/memory-storage';
import { mockCollector, type Scripted } from './support/mock-collector';

const server = useMsw();

const failure = fc.constantFrom<Scripted>(
  { status: 500 },
  { status: 502 },
  { status: 503, headers: { 'Retry-After': '20' } },
  { status: 429, headers: { 'Retry-After': 'Fri, 20 Nov 2026 10:30:00 GMT' } },
  { status: 408 },
  { status: 401 },
  { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>portal</html>' },
  'network',
  'lost',
  'hang',
  'too-large-if-several',
);

type Step =
  | { do: 'send'; count: number }
  | { do: 'fail'; answers: Scripted[] }
  | { do: 'wait'; ms: number }
  | { do: 'flush' }
  | { do: 'offline' }
  | { do: 'online' }
  | { do: 'hide' }
  | { do: 'show' }
  | { do: 'reload' }
  | { do: 'crash' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ do: fc.constant('send' as const), count: fc.integer({ min: 1, max: 4 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      do: fc.constant('fail' as const),
      answers: fc.array(failure, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ do: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ do: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'offline' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'online' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'hide' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'show' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'reload' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'crash' as const }) },
);

/** A page that can die: once dead, its timers never fire and its storage calls fail, as with a killed tab. */
function mortal(clock: Clock, storage: StorageLike) {
  let alive = true;
  const check = () => {
    if (!alive) throw new DOMException('gone', 'InvalidStateError');
  };
  return {
    kill: () => {
      alive = false;
    },
    clock: {
      now: () => clock.now(),
      setTimeout: (callback: () => void, ms: number) => clock.setTimeout(() => alive && callback(), ms),
      clearTimeout: (handle: unknown) => clock.clearTimeout(handle),
    },
    storage: {
      get length() {
        check();
        return storage.length;
      },
      key: (i: number) => {
        check();
        return storage.key(i);
      },
      getItem: (k: string) => {
        check();
        return storage.getItem(k);
      },
      setItem: (k: string, v: string) => {
        check();
        storage.setItem(k, v);
      },
      removeItem: (k: string) => {
        check();
        storage.removeItem(k);
      },
    },
  };
}

describe('any interleaving of failures', () => {
  it('ends with every event stored once, unchanged, and no id invented', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 1000 }),
        async (steps, seed) => {
          const mock = mockCollector();
          server.resetHandlers(mock.handler);
          const clock = manualClock();
          const storage = new MemoryStorage();
          const sent = new Map<string, WireEvent>();
          let online = true;
          let tabs = 0;
          const open = () => {
            const life = mortal(clock, storage);
            const page = fakePage();
            page.setOnline(online);
            const random = ((s) => () => {
              s = (s * 16807) % 2147483647;
              return s / 2147483647;
            })(seed * 7919 + ++tabs);
            const tab = harness({
              clock: life.clock,
              storage: life.storage,
              page,
              random,
              logger: null,
              retry: { maxAttempts: 1000 },
              // A beacon is fire and forget: the request goes, its answer is never seen.
              sendBeacon: (url, data) => {
                void fetch(url, { method: 'POST', body: data }).catch(() => {});
                return true;
              },
            });
            return { ...tab, page, life };
          };
          const pages = [open()];
          const current = () => pages.at(-1)!;

          for (const s of steps) {
            const page = current();
            switch (s.do) {
              case 'send':
                for (let i = 0; i < s.count; i++) {
                  const event = answered(i % 11);
                  sent.set(event.id, event);
                  page.collector.send(event);
                }
                break;
              case 'fail':
                mock.respond(...s.answers);
                break;
              case 'wait':
                await clock.advance(s.ms);
                break;
              case 'flush':
                await Promise.race([page.collector.flush(), settle(20)]);
                break;
              case 'offline':
              case 'online':
                online = s.do === 'online';
                for (const p of pages) p.page.setOnline(online);
                break;
              case 'hide':
                page.page.hide();
                break;
              case 'show':
                page.page.show();
                break;
              case 'reload':
                page.page.leave();
                page.life.kill();
                pages.push(open());
                break;
              case 'crash':
                page.life.kill();
                pages.push(open());
                break;
            }
            await settle();
          }

          // The network heals. Live pages drain; a later visit takes over what dead pages left behind.
          mock.clearScript();
          online = true;
          for (const p of pages) p.page.setOnline(true);
          for (let round = 0; round < 3; round++) {
            await clock.advance(STALE_QUEUE_MS + 60_000);
            pages.push(open());
            await Promise.all(pages.map((p) => Promise.race([p.collector.flush(), settle(50)])));
            await settle(20);
          }

          expect([...mock.stored.keys()].sort()).toEqual([...sent.keys()].sort());
          for (const [id, event] of sent) expect(mock.stored.get(id)).toEqual(event);
          expect(storage.storedIds()).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
