/**
 * Who a request comes from (docs/faults.md case 77): `X-Forwarded-For` counts only when the socket peer is a
 * configured proxy, so a client cannot spread itself over many rate-limit buckets by forging it; behind a trusted
 * proxy the right hop is the client; and the stored respondent hash changes with the UTC day, because its salt is
 * made per day and kept in memory only.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createClientIdentity } from '../src/http/client-identity';
import { databaseKinds } from './support/databases';
import { batch, event } from './support/events';
import { SHOP_KEY, testSite } from './support/sites';

const URL_ = `http://touchpoint.test/v1/events?site=${SHOP_KEY}`;
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

/** The address `createClientIdentity` gives a request from `peer` with this X-Forwarded-For. */
function addressOf(trustProxy: string[], peer: string, forwarded?: string): string {
  const identity = createClientIdentity({ trustProxy, clock: { now: () => 0 } });
  const headers: Record<string, string> = forwarded === undefined ? {} : { 'x-forwarded-for': forwarded };
  const c = { env: from(peer), req: { header: (name: string) => headers[name.toLowerCase()] } };
  return identity.address(c as never);
}

describe('X-Forwarded-For', () => {
  it('from a peer that is not a configured proxy is ignored: 50 forged addresses share one rate-limit bucket', async () => {
    const database = await databaseKinds()[0]!.start();
    try {
      const app = createApp({
        store: await database.openStore(),
        sites: [testSite()],
        log: () => {},
        trustProxy: ['10.0.0.1'],
        limits: { perIp: { limit: 5, windowSeconds: 60 } },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) {
        const response = await app.request(
          URL_,
          {
            method: 'POST',
            body: JSON.stringify(batch([event()])),
            headers: { 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.${i}` },
          },
          from('192.0.2.66'),
        );
        statuses.push(response.status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(45);

      // The same forged headers through the configured proxy are 50 clients, each with its own bucket.
      const proxied: number[] = [];
      for (let i = 0; i < 50; i++) {
        const response = await app.request(
          URL_,
          {
            method: 'POST',
            body: JSON.stringify(batch([event()])),
            headers: { 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.${i}` },
          },
          from('10.0.0.1'),
        );
        proxied.push(response.status);
      }
      expect(proxied.every((s) => s === 200)).toBe(true);
    } finally {
      await database.stop();
    }
  });

  it('uses the socket address when no proxy is configured, whatever the header says', () => {
    expect(addressOf([], '192.0.2.66', '198.51.100.1')).toBe('192.0.2.66');
    expect(addressOf([], '::ffff:192.0.2.66', '198.51.100.1')).toBe('192.0.2.66');
    expect(addressOf(['10.0.0.1'], '192.0.2.66', '198.51.100.1')).toBe('192.0.2.66');
  });

  it('behind configured proxies takes the right-most hop that is not one of them', () => {
    // The client may prepend anything; the proxy appends the address it saw, so the right-most untrusted hop counts.
    expect(addressOf(['10.0.0.1'], '10.0.0.1', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    // Two proxies in a row: the second appended the first's address.
    expect(addressOf(['10.0.0.1', '10.0.0.2'], '10.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.2')).toBe(
      '203.0.113.9',
    );
    expect(addressOf(['10.0.0.1'], '::ffff:10.0.0.1', ' 203.0.113.9 ')).toBe('203.0.113.9');
    // A trusted proxy that sent no header: the proxy itself.
    expect(addressOf(['10.0.0.1'], '10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('the respondent hash', () => {
  it('is one hash for one visitor within a UTC day, and another the next day (the daily salt rotates)', () => {
    let now = Date.parse('2026-12-06T00:00:01Z');
    const identity = createClientIdentity({ trustProxy: [], clock: { now: () => now }, randomBytes });
    const morning = identity.respondentHash('shop', '203.0.113.9', 'UA/1');
    now = Date.parse('2026-12-06T23:59:59Z');
    const evening = identity.respondentHash('shop', '203.0.113.9', 'UA/1');
    expect(evening).toBe(morning);
    // Another visitor (address or browser) the same day: another hash.
    expect(identity.respondentHash('shop', '203.0.113.10', 'UA/1')).not.toBe(morning);
    expect(identity.respondentHash('shop', '203.0.113.9', 'UA/2')).not.toBe(morning);
    now = Date.parse('2026-12-07T00:00:00Z');
    const nextDay = identity.respondentHash('shop', '203.0.113.9', 'UA/1');
    expect(nextDay).not.toBe(morning);
    expect(identity.respondentHash('shop', '203.0.113.9', 'UA/1')).toBe(nextDay);
  });

  it('stored by the server: two events a day apart from one visitor carry two hashes, the same day one', async () => {
    const database = await databaseKinds()[0]!.start();
    try {
      const store = await database.openStore();
      let now = Date.parse('2026-12-06T09:00:00Z');
      const app = createApp({
        store,
        sites: [testSite()],
        log: () => {},
        hashIp: true,
        clock: { now: () => now },
      });
      const send = () =>
        app.request(
          URL_,
          { method: 'POST', body: JSON.stringify(batch([event()])), headers: { 'User-Agent': 'UA/1' } },
          from('203.0.113.9'),
        );
      expect((await send()).status).toBe(200);
      now += 3 * 3600_000;
      expect((await send()).status).toBe(200);
      now += 24 * 3600_000;
      expect((await send()).status).toBe(200);
      const hashes = (await store.events('shop')).map((s) => s.ipHash);
      expect(hashes).toHaveLength(3);
      expect(hashes[0]).toEqual(expect.any(String));
      expect(hashes[1]).toBe(hashes[0]);
      expect(hashes[2]).not.toBe(hashes[0]);
      expect(JSON.stringify(hashes)).not.toContain('203.0.113.9');
    } finally {
      await database.stop();
    }
  });
});
