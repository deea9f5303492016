/**
 * Alerts end to end, in process, over real HTTP: a real receiver on 127.0.0.1, the real server socket, a real
 * SQLite file (and PostgreSQL for the outbox rules). Proves: rules and their validation, the outbox written in
 * the ingest transaction, one instant alert per response, signed deliveries retried through 500, a hang and 429 +
 * Retry-After until a 200, 410 disabling the rule, loopback refused unless allowed, test alerts, resends, digests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DAY_MS } from '@touchpoint/core';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryOptions } from '../src/alerts/alert-delivery';
import type { AlertOptions } from '../src/alerts/alerts-runtime';
import { verifySignature } from '../src/alerts/signature';
import { type RunningServer, startServer } from '../src/serve';
import type { AlertDelivery, Store } from '../src/store/store';
import { type AlertReceiver, type Answer, startAlertReceiver } from './support/alert-receiver';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { SHOP_ADMIN, SHOP_KEY, SHOP_SECRET, testSite } from './support/sites';

const FAST: Partial<DeliveryOptions> = {
  pollMs: 50,
  timeoutMs: 500,
  leaseMs: 10_000,
  retry: { baseMs: 50, capMs: 200, windowMs: DAY_MS, maxRetryAfterMs: 5000 },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Harness {
  server: RunningServer;
  store: Store;
  admin(path: string, init?: { method?: string; body?: unknown; key?: string }): Promise<Response>;
  answer(value: number, extra?: Parameters<typeof event>[0]): Promise<string>;
}

/** The server on `store` with fast deliveries; `now` fixes its clock (the answers `answer` sends use the real one). */
async function harness(store: Store, alerts: AlertOptions = {}, now?: number): Promise<Harness> {
  const server = await startServer({
    store,
    sites: [testSite()],
    port: 0,
    dashboardDir: null,
    log: () => undefined,
    ...(now === undefined ? {} : { clock: { now: () => now } }),
    alerts: { allowPrivateTargets: true, delivery: FAST, ...alerts },
  });
  return {
    server,
    store,
    admin: (path, init = {}) =>
      fetch(`${server.url}/v1/admin${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${init.key ?? SHOP_ADMIN}`, 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    async answer(value, extra = {}) {
      const e = event({
        type: 'completed',
        at: new Date().toISOString(),
        answers: [{ questionId: 'score', type: 'nps', value }],
        ...extra,
      });
      const response = await fetch(`${server.url}/v1/events?site=${SHOP_KEY}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'http://localhost:3000' },
        body: JSON.stringify(batch([e], new Date().toISOString())),
      });
      expect(response.status).toBe(200);
      return e.responseId;
    },
  };
}

async function createRule(h: Harness, body: Record<string, unknown>) {
  const response = await h.admin('/alerts', { method: 'POST', body });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; secret: string };
}

const deliveriesOf = async (h: Harness, rule: string) =>
  ((await (await h.admin(`/alerts/${rule}/deliveries`)).json()) as { deliveries: AlertDelivery[] })
    .deliveries;

describe('alerts on SQLite, over real HTTP', () => {
  let database: TestDatabase;
  let receiver: AlertReceiver | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    database = await databaseKinds()[0]!.start();
  });
  afterEach(async () => {
    await h?.server.stop();
    await receiver?.close();
    h = undefined;
    receiver = undefined;
  });
  afterAll(async () => {
    await database.stop();
  });

  it('creates, lists, changes and deletes rules; 201 with the id and the signing secret', async () => {
    h = await harness(await database.openStore());
    const created = await createRule(h, {
      url: 'http://127.0.0.1:9/hook',
      format: 'json',
      bands: ['detractor'],
      touchpoints: ['checkout.completed'],
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^al_/),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{32}$/),
      url: 'http://127.0.0.1:9/hook',
      format: 'json',
      bands: ['detractor'],
      touchpoints: ['checkout.completed'],
      hasText: false,
      identifiedOnly: false,
      instant: true,
      digest: false,
      enabled: true,
    });
    const list = (await (await h.admin('/alerts')).json()) as { alerts: Record<string, unknown>[] };
    expect(list.alerts).toHaveLength(1);
    expect(list.alerts[0]).not.toHaveProperty('secret');
    expect((await (await h.admin(`/alerts/${created.id}`)).json()) as object).toMatchObject({
      secret: created.secret,
    });

    const patched = await h.admin(`/alerts/${created.id}`, {
      method: 'PATCH',
      body: { format: 'slack', bands: null, enabled: false },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ format: 'slack', bands: null, enabled: false });

    // The results key never does the admin's work.
    expect((await h.admin('/alerts', { key: SHOP_SECRET })).status).toBe(401);
    expect((await h.admin(`/alerts/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.admin(`/alerts/${created.id}`)).status).toBe(404);
    expect((await h.admin(`/alerts/${created.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a bad rule with a clear error', async () => {
    h = await harness(await database.openStore());
    const cases: [unknown, RegExp][] = [
      [{ format: 'json' }, /url/],
      [{ url: 'ftp://example.com/x', format: 'json' }, /http:\/\/ or https:\/\//],
      [{ url: 'http://127.0.0.1:9/', format: 'xml' }, /format/],
      [{ url: 'http://127.0.0.1:9/', format: 'json', bands: ['grumpy'] }, /use one of detractor, passive/],
      [
        { url: 'http://127.0.0.1:9/', format: 'json', instant: false },
        /instant and digest cannot both be false/,
      ],
      [{ url: 'http://127.0.0.1:9/', format: 'json', colour: 'red' }, /colour/],
    ];
    for (const [body, message] of cases) {
      const response = await h.admin('/alerts', { method: 'POST', body });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe('invalid_alert_rule');
      expect(answer.error.message).toMatch(message);
    }
  });

  it('refuses a loopback or private destination unless the operator allows private targets', async () => {
    h = await harness(await database.openStore(), {
      allowPrivateTargets: false,
      lookup: async (host) =>
        host === 'hooks.internal.test'
          ? [{ address: '10.1.2.3', family: 4 }]
          : [{ address: '93.184.215.14', family: 4 }],
    });
    for (const url of ['http://127.0.0.1:8080/hook', 'http://[::1]:8080/', 'http://hooks.internal.test/x']) {
      const response = await h.admin('/alerts', { method: 'POST', body: { url, format: 'json' } });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe('alert_target_private');
      expect(answer.error.message).toMatch(/--allow-private-alert-targets/);
    }
    expect(
      (
        await h.admin('/alerts', {
          method: 'POST',
          body: { url: 'https://hooks.example.com/x', format: 'json' },
        })
      ).status,
    ).toBe(201);
  });

  it('delivers every alert through 500, a hang and 429 + Retry-After, once per delivery id, signed', async () => {
    const script: Answer[] = [500, 'hang', { status: 429, headers: { 'Retry-After': '1' } }, 200];
    receiver = await startAlertReceiver((_, attempt) => script[Math.min(attempt, script.length) - 1]!);
    h = await harness(await database.openStore());
    const rule = await createRule(h, { url: `${receiver.url}/hook`, format: 'json', bands: ['detractor'] });

    const responses = [await h.answer(2), await h.answer(0), await h.answer(6)];
    await h.answer(9); // a promoter fires nothing
    await receiver.until((all) => all.filter((r) => r.answered === 200).length === 3, 30_000);
    await sleep(300); // anything sent twice would show up now

    const acked = receiver.acknowledged();
    expect(acked.size).toBe(3);
    for (const [id, requests] of acked) {
      expect(requests).toHaveLength(1);
      const attempts = receiver.received.filter((r) => r.deliveryId === id);
      expect(attempts.map((r) => r.answered)).toEqual([500, 'hang', 429, 200]);
      // Retry-After: 1 was honoured.
      expect(attempts[3]!.at - attempts[2]!.at).toBeGreaterThanOrEqual(950);
      for (const attempt of attempts) {
        expect(verifySignature(rule.secret, attempt.body, attempt.signature)).toBe(true);
        expect(verifySignature('whsec_wrong', attempt.body, attempt.signature)).toBe(false);
        expect(attempt.contentType).toBe('application/json');
      }
      const body = JSON.parse(requests[0]!.body) as Record<string, unknown>;
      expect(body).toMatchObject({ id, rule: rule.id, type: 'answer', metric: 'nps', band: 'detractor' });
    }
    const alerted = [...acked.values()].map(
      (r) => (JSON.parse(r[0]!.body) as { responseId: string }).responseId,
    );
    expect(alerted.sort()).toEqual([...responses].sort());

    const deliveries = await deliveriesOf(h, rule.id);
    expect(deliveries).toHaveLength(3);
    for (const delivery of deliveries) {
      expect(delivery.status).toBe('delivered');
      expect(delivery.attemptLog.map((a) => a.statusCode)).toEqual([500, null, 429, 200]);
      expect(delivery.attemptLog[1]!.error).toMatch(/timeout/);
    }
  });

  it('names the response, touchpoint, metric, score, text and customer; one alert per response', async () => {
    receiver = await startAlertReceiver();
    h = await harness(await database.openStore());
    const rule = await createRule(h, { url: receiver.url, format: 'json', bands: ['detractor'] });
    const responseId = crypto.randomUUID();
    // A score, then the completed response with a changed score and the follow-up text: one alert, with the text.
    await h.answer(4, {
      type: 'answered',
      responseId,
      visitor: { id: 'v-9', userId: 'cust-42', attributes: { plan: 'pro' } },
    });
    await h.answer(3, {
      responseId,
      answers: [
        { questionId: 'score', type: 'nps', value: 3 },
        { questionId: 'why', type: 'text', value: 'Delivery <!channel> was late & cold' },
      ],
      visitor: { id: 'v-9', userId: 'cust-42', attributes: { plan: 'pro' } },
    });
    await receiver.until((all) => all.length === 1);
    // A later change to the same response sends no second instant alert.
    await h.answer(1, { responseId, visitor: { id: 'v-9', userId: 'cust-42' } });
    await sleep(500);
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      type: 'answer',
      rule: rule.id,
      responseId,
      touchpoint: 'checkout.completed',
      surveyId: 'nps-checkout',
      metric: 'nps',
      score: 3,
      band: 'detractor',
      scale: { min: 0, max: 10 },
      text: 'Delivery <!channel> was late & cold',
      customer: { userId: 'cust-42', attributes: { plan: 'pro' } },
      path: '/checkout/thanks',
    });
  });

  it('filters by touchpoint, text and identified visitors', async () => {
    receiver = await startAlertReceiver();
    h = await harness(await database.openStore());
    await createRule(h, { url: receiver.url, format: 'json', touchpoints: ['support.article'] });
    const texted = await createRule(h, { url: `${receiver.url}/text`, format: 'json', hasText: true });
    const known = await createRule(h, { url: `${receiver.url}/known`, format: 'json', identifiedOnly: true });
    await h.answer(8);
    await h.answer(7, {
      answers: [
        { questionId: 'score', type: 'nps', value: 7 },
        { questionId: 'why', type: 'text', value: 'ok' },
      ],
    });
    await h.answer(5, { visitor: { id: 'v-2', userId: 'u-2' } });
    await receiver.until((all) => all.length === 2);
    await sleep(300);
    const byPath = (path: string) =>
      receiver!.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body).score);
    expect(byPath('/')).toEqual([]);
    expect(byPath('/text')).toEqual([7]);
    expect(byPath('/known')).toEqual([5]);
    expect((await deliveriesOf(h, texted.id)).length).toBe(1);
    expect((await deliveriesOf(h, known.id)).length).toBe(1);
  });

  it('sends at most perDestination requests to one destination at a time', async () => {
    let open = 0;
    let most = 0;
    let done = 0;
    const slow = createServer((req, res) => {
      open += 1;
      most = Math.max(most, open);
      req.resume();
      setTimeout(() => {
        open -= 1;
        done += 1;
        res.writeHead(200).end('ok');
      }, 100);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      h = await harness(await database.openStore(), { delivery: { ...FAST, perDestination: 2 } });
      const port = (slow.address() as AddressInfo).port;
      await createRule(h, { url: `http://127.0.0.1:${port}/a`, format: 'json' });
      await createRule(h, { url: `http://127.0.0.1:${port}/b`, format: 'json' });
      for (let i = 0; i < 5; i++) await h.answer(1);
      for (let waited = 0; done < 10 && waited < 20_000; waited += 50) await sleep(50);
      expect(done).toBe(10);
      expect(most).toBe(2);
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('disables the rule when the receiver answers 410 Gone', async () => {
    receiver = await startAlertReceiver(() => 410);
    h = await harness(await database.openStore());
    const rule = await createRule(h, { url: receiver.url, format: 'json' });
    await h.answer(1);
    await receiver.until((all) => all.length === 1);
    for (let i = 0; i < 100; i++) {
      const current = (await (await h.admin(`/alerts/${rule.id}`)).json()) as { enabled: boolean };
      if (!current.enabled) break;
      await sleep(20);
    }
    expect(await (await h.admin(`/alerts/${rule.id}`)).json()).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/410 Gone/),
    });
    await h.answer(1);
    await sleep(400);
    expect(receiver.received).toHaveLength(1);
    expect((await deliveriesOf(h, rule.id)).map((d) => d.status)).toEqual(['failed']);
  });

  it('sends a test alert and resends a delivery with the same delivery id', async () => {
    receiver = await startAlertReceiver();
    h = await harness(await database.openStore());
    const rule = await createRule(h, { url: receiver.url, format: 'json' });
    const queued = await h.admin(`/alerts/${rule.id}/test`, { method: 'POST' });
    expect(queued.status).toBe(202);
    const { deliveryId } = (await queued.json()) as { deliveryId: string };
    await receiver.until((all) => all.length === 1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ id: deliveryId, type: 'test' });
    const resend = await h.admin(`/alerts/${rule.id}/deliveries/${deliveryId}/resend`, { method: 'POST' });
    expect(resend.status).toBe(202);
    await receiver.until((all) => all.length === 2);
    expect(receiver.received[1]!.deliveryId).toBe(deliveryId);
    expect((await h.admin(`/alerts/${rule.id}/deliveries/nope/resend`, { method: 'POST' })).status).toBe(404);
    expect((await h.admin('/alerts/al_nope/test', { method: 'POST' })).status).toBe(404);
  });

  it('writes the alert in the ingest transaction: when the outbox write fails, the answer is not stored', async () => {
    const store = await database.openStore();
    h = await harness(store);
    receiver = await startAlertReceiver();
    await createRule(h, { url: receiver.url, format: 'json' });
    const raw = new BetterSqlite3(store.location);
    raw.exec(
      `create trigger refuse_outbox before insert on alert_outbox begin select raise(abort, 'outbox refused'); end`,
    );
    raw.close();
    const e = event({ type: 'completed', at: new Date().toISOString() });
    const response = await fetch(`${h.server.url}/v1/events?site=${SHOP_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(batch([e], new Date().toISOString())),
    });
    expect(response.status).toBe(503);
    expect(await store.countEvents('shop')).toBe(0);
    expect(await store.scores({ site: 'shop', fromMs: 0, toMs: Date.now() + DAY_MS, limit: 10 })).toEqual([]);
  });
});

describe.each(databaseKinds())('the outbox on $name', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (!kind.skip) database = await kind.start();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(kind.skip)('retries a failed delivery and records every attempt', async () => {
    const receiver = await startAlertReceiver((_, attempt) =>
      attempt === 1 ? { status: 503, headers: { 'Retry-After': '0' } } : attempt === 2 ? 500 : 200,
    );
    const h = await harness(await database.openStore());
    try {
      const rule = await createRule(h, { url: receiver.url, format: 'slack' });
      await h.answer(2);
      await receiver.until((all) => all.some((r) => r.answered === 200));
      await sleep(300);
      const [delivery] = await deliveriesOf(h, rule.id);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
      expect(delivery!.attemptLog.map((a) => a.statusCode)).toEqual([503, 500, 200]);
      expect(receiver.received[2]!.body).toContain('"blocks"');
    } finally {
      await h.server.stop();
      await receiver.close();
    }
  });

  it.skipIf(kind.skip)('queues one digest per rule and day, with counts and the worst answers', async () => {
    const store = await database.openStore();
    const day = Date.parse('2026-11-20T12:00:00Z');
    await store.createAlertRule({
      id: 'al_digest',
      site: 'shop',
      url: 'https://hooks.example.com/d',
      format: 'json',
      touchpoints: null,
      bands: ['detractor', 'passive'],
      hasText: false,
      identifiedOnly: false,
      instant: false,
      digest: true,
      secret: 'whsec_x',
      enabled: true,
      disabledReason: null,
      // Created on the morning of the day its digest covers: that day is the one it is owed.
      createdAt: day - 6 * 3_600_000,
      updatedAt: day - 6 * 3_600_000,
    });
    const values = [0, 3, 6, 7, 8, 9, 10, 2];
    await store.ingest(
      values.map((value, i) => ({
        site: 'shop',
        receivedAt: day,
        batch: batch(
          [
            event({
              type: 'completed',
              at: '2026-11-20T11:59:00.000Z',
              answers: [
                { questionId: 'score', type: 'nps', value },
                ...(i === 0 ? [{ questionId: 'why', type: 'text' as const, value: 'awful' }] : []),
              ],
            }),
          ],
          '2026-11-20T11:59:00.000Z',
        ),
      })),
    );
    // An instant-off rule queues nothing at ingest.
    expect(await store.alertDeliveries('shop', 'al_digest', 10)).toEqual([]);
    const next = Date.parse('2026-11-21T00:05:00Z');
    expect(await store.queueAlertDigests(next)).toBe(1);
    expect(await store.queueAlertDigests(next + 60_000)).toBe(0);
    const [digest] = await store.alertDeliveries('shop', 'al_digest', 10);
    expect(digest!.kind).toBe('digest');
    expect(digest!.payload).toMatchObject({
      type: 'digest',
      day: '2026-11-20',
      total: 6,
      counts: expect.arrayContaining([
        { touchpoint: 'checkout.completed', metric: 'nps', band: 'detractor', count: 4 },
        { touchpoint: 'checkout.completed', metric: 'nps', band: 'passive', count: 2 },
      ]),
    });
    const worst = (digest!.payload as { worst: { score: number; text: string | null }[] }).worst;
    expect(worst.map((w) => w.score)).toEqual([0, 2, 3, 6, 7]);
    expect(worst[0]!.text).toBe('awful');
  });

  it.skipIf(kind.skip)(
    'after downtime, queues the digests of the days missed (the last seven) and delivers each once, signed',
    async () => {
      const receiver = await startAlertReceiver();
      const store = await database.openStore();
      const at = (iso: string) => Date.parse(iso);
      await store.createAlertRule({
        id: 'al_catchup',
        site: 'shop',
        url: `${receiver.url}/digest`,
        format: 'json',
        touchpoints: null,
        bands: null,
        hasText: false,
        identifiedOnly: false,
        instant: false,
        digest: true,
        secret: 'whsec_catchup',
        enabled: true,
        disabledReason: null,
        createdAt: at('2026-11-10T09:00:00Z'),
        updatedAt: at('2026-11-10T09:00:00Z'),
      });
      const answers: [string, number][] = [
        ['2026-11-12T10:00:00.000Z', 3],
        ['2026-11-18T10:00:00.000Z', 9],
        ['2026-11-20T10:00:00.000Z', 0],
        ['2026-11-20T11:00:00.000Z', 10],
      ];
      await store.ingest(
        answers.map(([when, value]) => ({
          site: 'shop',
          receivedAt: at(when),
          batch: batch(
            [event({ type: 'completed', at: when, answers: [{ questionId: 'score', type: 'nps', value }] })],
            when,
          ),
        })),
      );
      // A server queued the digests owed on the morning of the 12th (the 10th and the 11th), then went down.
      expect(await store.queueAlertDigests(at('2026-11-12T00:05:00Z'))).toBe(2);

      // Back on the 21st: the 12th to the 20th were missed; the last seven of them are caught up.
      const { server } = await harness(store, {}, at('2026-11-21T00:05:00Z'));
      try {
        await receiver.until((all) => all.filter((r) => r.answered === 200).length === 9, 30_000);
        await sleep(300); // anything sent twice would show up now
        const acked = receiver.acknowledged();
        expect(acked.size).toBe(9);
        const digests = [...acked.values()].map((requests) => {
          expect(requests).toHaveLength(1);
          // Signed at the server's time (its clock says the 21st).
          const signedAt = at('2026-11-21T00:05:00Z') / 1000;
          expect(verifySignature('whsec_catchup', requests[0]!.body, requests[0]!.signature, signedAt)).toBe(
            true,
          );
          return JSON.parse(requests[0]!.body) as { type: string; day: string; total: number };
        });
        expect(digests.every((d) => d.type === 'digest')).toBe(true);
        const totals = Object.fromEntries(digests.map((d) => [d.day, d.total]));
        expect(totals).toEqual({
          '2026-11-10': 0,
          '2026-11-11': 0,
          // The 12th and the 13th are past the seven days caught up: their answers (the 12th's 3) get no digest.
          '2026-11-14': 0,
          '2026-11-15': 0,
          '2026-11-16': 0,
          '2026-11-17': 0,
          '2026-11-18': 1,
          '2026-11-19': 0,
          '2026-11-20': 2,
        });
        expect(await store.queueAlertDigests(at('2026-11-21T00:06:00Z'))).toBe(0);
        const deliveries = await store.alertDeliveries('shop', 'al_catchup', 20);
        expect(deliveries).toHaveLength(9);
        expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
      } finally {
        await server.stop();
        await receiver.close();
      }
    },
  );

  it.skipIf(kind.skip)('claims a due delivery for one worker only until its lease ends', async () => {
    const store = await database.openStore();
    const now = Date.parse('2026-11-20T12:00:00Z');
    await store.createAlertRule({
      id: 'al_lease',
      site: 'shop',
      url: 'https://hooks.example.com/l',
      format: 'json',
      touchpoints: null,
      bands: null,
      hasText: false,
      identifiedOnly: false,
      instant: true,
      digest: false,
      secret: 'whsec_x',
      enabled: true,
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
    });
    expect(
      await store.enqueueAlert({
        id: 'd-1',
        site: 'shop',
        ruleId: 'al_lease',
        kind: 'test',
        payload: { type: 'test' },
        now,
      }),
    ).toBe(true);
    const [a, b] = await Promise.all([
      store.claimAlertDeliveries({ owner: 'a', now, leaseMs: 1000, limit: 10 }),
      store.claimAlertDeliveries({ owner: 'b', now, leaseMs: 1000, limit: 10 }),
    ]);
    expect(a.length + b.length).toBe(1);
    expect(
      await store.claimAlertDeliveries({ owner: 'c', now: now + 999, leaseMs: 1000, limit: 10 }),
    ).toEqual([]);
    const taken = await store.claimAlertDeliveries({ owner: 'c', now: now + 1000, leaseMs: 1000, limit: 10 });
    expect(taken.map((d) => d.id)).toEqual(['d-1']);
    // The first worker's late outcome changes nothing: the delivery belongs to c now.
    await store.finishAlertAttempts([
      {
        id: 'd-1',
        owner: a.length === 1 ? 'a' : 'b',
        attempt: { at: now + 1500, durationMs: 5, statusCode: 200, error: null, worker: 'a' },
        outcome: { status: 'delivered' },
      },
    ]);
    const [pending] = await store.alertDeliveries('shop', 'al_lease', 10);
    expect(pending).toMatchObject({ status: 'pending', attempts: 0 });
    expect(pending!.attemptLog).toHaveLength(1);
  });
});
