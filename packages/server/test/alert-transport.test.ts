/**
 * The delivery's network edge, over real HTTP on 127.0.0.1: the address check runs on the resolved address of
 * every hop (redirects included), and the Slack format matches Slack's documented incoming-webhook payload.
 * The retry schedule runs on fake time.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DAY_MS } from '@touchpoint/core';
import { afterEach, describe, expect, it } from 'vitest';
import { addressPolicy, isPrivateAddress } from '../src/alerts/address-policy';
import { createAlertDelivery } from '../src/alerts/alert-delivery';
import { SLACK_LIMITS, slackMessage } from '../src/alerts/alert-format';
import { answerAlert } from '../src/alerts/alert-payload';
import { createHttpTransport, type Lookup, TransportError } from '../src/alerts/alert-transport';
import { backoffMs, DEFAULT_RETRY, retryAfterMs } from '../src/alerts/retry-schedule';
import type { ClaimedDelivery, FinishedAttempt, Store } from '../src/store/store';
import { type AlertReceiver, startAlertReceiver } from './support/alert-receiver';

const fakeLookup =
  (table: Record<string, string>): Lookup =>
  async (host) => {
    const address = table[host];
    if (address === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };

const request = (url: string) => ({ url, headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });

describe('the address policy', () => {
  it('refuses private, loopback, link-local, shared and mapped addresses, and allows public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.8',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
      'not-an-ip',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
    expect(addressPolicy(true)('127.0.0.1')).toBe(true);
  });
});

describe('the HTTP transport', () => {
  let receivers: AlertReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    receivers = [];
  });
  const receiver = async (...args: Parameters<typeof startAlertReceiver>) => {
    const r = await startAlertReceiver(...args);
    receivers.push(r);
    return r;
  };

  it('refuses a host that resolves to a loopback address, before connecting', async () => {
    const target = await receiver();
    const transport = createHttpTransport({
      lookup: fakeLookup({ 'hooks.example.test': '127.0.0.1' }),
      permitted: addressPolicy(false),
    });
    const port = new URL(target.url).port;
    await expect(transport(request(`http://hooks.example.test:${port}/`), 2000)).rejects.toMatchObject({
      kind: 'blocked',
      message: expect.stringMatching(/hooks\.example\.test is 127\.0\.0\.1.*--allow-private-alert-targets/),
    });
    await expect(transport(request(target.url), 2000)).rejects.toBeInstanceOf(TransportError);
    expect(target.received).toHaveLength(0);
  });

  it('checks every redirect: a hop to a refused address is never made', async () => {
    const inside = await receiver();
    const insidePort = new URL(inside.url).port;
    for (const location of [`http://127.0.0.2:${insidePort}/`, `http://internal.test:${insidePort}/`]) {
      const outside = await receiver(() => ({ status: 307, headers: { Location: location } }));
      // Only 127.0.0.1 (standing in for a public address) may be reached; internal.test resolves to 10.0.0.5.
      const transport = createHttpTransport({
        lookup: fakeLookup({ 'internal.test': '10.0.0.5' }),
        permitted: (address) => address === '127.0.0.1',
      });
      await expect(transport(request(outside.url), 2000)).rejects.toMatchObject({ kind: 'blocked' });
      expect(outside.received).toHaveLength(1);
    }
    expect(inside.received).toHaveLength(0);
  });

  it('follows an allowed redirect with the same body and headers', async () => {
    const second = await receiver();
    const first = await receiver(() => ({ status: 308, headers: { Location: `${second.url}/moved` } }));
    const transport = createHttpTransport({ lookup: fakeLookup({}), permitted: addressPolicy(true) });
    const response = await transport(
      {
        url: first.url,
        headers: { 'Touchpoint-Delivery': 'd-1', 'Content-Type': 'application/json' },
        body: '{"x":2}',
      },
      2000,
    );
    expect(response.status).toBe(200);
    expect(second.received).toMatchObject([{ deliveryId: 'd-1', body: '{"x":2}', path: '/moved' }]);
  });

  it('gives up on a receiver that never answers at the timeout', async () => {
    const hanging = await receiver(() => 'hang');
    const transport = createHttpTransport({ lookup: fakeLookup({}), permitted: addressPolicy(true) });
    await expect(transport(request(hanging.url), 300)).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('reports a refused connection as a network failure', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const transport = createHttpTransport({ lookup: fakeLookup({}), permitted: addressPolicy(true) });
    await expect(transport(request(`http://127.0.0.1:${port}/`), 2000)).rejects.toMatchObject({
      kind: 'network',
    });
  });
});

describe('the retry schedule', () => {
  it('doubles from the base, caps, and jitters within the upper half of each step', () => {
    const low = (n: number) => backoffMs(DEFAULT_RETRY, n, () => 0);
    const high = (n: number) => backoffMs(DEFAULT_RETRY, n, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect([1, 2, 3, 4].map(low)).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(high(30)).toBe(3_600_000);
    expect(low(30)).toBe(1_800_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 20 Nov 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('retries a failing destination on fake time for a day, then fails the delivery', async () => {
    let now = Date.parse('2026-11-20T12:00:00Z');
    const delivery: ClaimedDelivery = {
      id: 'd-1',
      ruleId: 'al_1',
      site: 'shop',
      kind: 'test',
      attempts: 0,
      createdAt: now,
      payload: { type: 'test', site: 'shop', message: 'hi' },
      url: 'https://hooks.example.com/',
      format: 'json',
      secret: 'whsec_x',
    };
    const finished: FinishedAttempt[] = [];
    let current: ClaimedDelivery | undefined = delivery;
    const store = {
      queueAlertDigests: async () => 0,
      claimAlertDeliveries: async () => {
        const out = current === undefined ? [] : [current];
        current = undefined;
        return out;
      },
      finishAlertAttempts: async (list: FinishedAttempt[]) => {
        for (const f of list) {
          finished.push(f);
          if (f.outcome.status === 'retry') current = { ...delivery, attempts: finished.length };
        }
      },
    } as unknown as Store;
    const worker = createAlertDelivery({
      store,
      transport: async () => ({ status: 503, retryAfter: undefined, snippet: '' }),
      clock: { now: () => now },
      random: () => 0.5,
      worker: 'w',
      log: () => undefined,
    });
    for (let i = 0; i < 100 && current !== undefined; i++) {
      await worker.runOnce();
      const last = finished.at(-1)!;
      if (last.outcome.status === 'retry') now = last.outcome.nextAt;
    }
    const outcomes = finished.map((f) => f.outcome.status);
    expect(outcomes.at(-1)).toBe('failed');
    expect(outcomes.slice(0, -1).every((s) => s === 'retry')).toBe(true);
    expect(finished.at(-1)!.attempt.error).toMatch(/gave up after \d+ attempts over a day: HTTP 503/);
    expect(now - delivery.createdAt).toBeLessThanOrEqual(DAY_MS);
    // 7.5 s, 15 s, … doubling to the 45-minute ceiling (3/4 of an hour at this jitter), then every 45 minutes.
    expect(finished.length).toBe(40);
  });
});

describe('the Slack format', () => {
  const alert = answerAlert({
    site: 'shop',
    responseId: '7b0c3d4e-0000-4000-8000-000000000001',
    touchpoint: 'checkout.completed',
    surveyId: 'nps-checkout',
    questionId: 'score',
    metric: 'nps',
    points: 0,
    value: 2,
    texts: [`<!channel> <https://evil.example|click> & ${'x'.repeat(5000)}`],
    userId: 'cust-1',
    attributes: null,
    path: '/checkout',
    locale: 'en',
    device: 'mobile',
    correctedAt: Date.parse('2026-11-20T12:00:00Z'),
  });

  /** Slack's incoming-webhook payload: `text` (the notification fallback) and Block Kit `blocks`. */
  function checkSlackPayload(message: unknown): void {
    const m = message as {
      text: unknown;
      blocks: {
        type: string;
        text?: { type: string; text: string };
        elements?: { type: string; text: string }[];
      }[];
    };
    expect(typeof m.text).toBe('string');
    expect((m.text as string).length).toBeGreaterThan(0);
    expect(Object.keys(m).sort()).toEqual(['blocks', 'text']);
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const block of m.blocks) {
      expect(['header', 'section', 'context']).toContain(block.type);
      if (block.type === 'header') {
        expect(block.text!.type).toBe('plain_text');
        expect(block.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      }
      if (block.type === 'section') {
        expect(block.text!.type).toBe('mrkdwn');
        expect(block.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      }
      if (block.type === 'context') {
        expect(block.elements!.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
        for (const element of block.elements!) expect(['mrkdwn', 'plain_text']).toContain(element.type);
      }
    }
  }

  it('writes an answer as text plus blocks within Slack’s limits, with the respondent’s text escaped', () => {
    const message = slackMessage(alert);
    checkSlackPayload(message);
    const all = JSON.stringify(message);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://evil.example');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&amp;');
    expect(message.text).toMatch(/NPS 2 of 10 \(detractor\) at checkout\.completed from customer cust-1/);
  });

  it('writes digests and test alerts as valid payloads too', () => {
    const { type: _, site: __, ...worst } = alert;
    checkSlackPayload(
      slackMessage({
        type: 'digest',
        site: 'shop',
        day: '2026-11-20',
        total: 3,
        counts: [{ touchpoint: 'checkout.completed', metric: 'nps', band: 'detractor', count: 3 }],
        worst: [worst, worst, worst, worst, worst],
      }),
    );
    checkSlackPayload(slackMessage({ type: 'test', site: 'shop', message: 'hello' }));
  });
});
