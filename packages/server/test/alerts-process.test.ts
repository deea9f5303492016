/**
 * Alerts survive the worst: `kill -9` of the server process between the answer's commit and its delivery (the
 * alert is delivered after the restart, under the same delivery id), and two servers on one PostgreSQL deliver
 * each alert once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS } from '@touchpoint/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../src/alerts/signature';
import { type RunningServer, startServer } from '../src/serve';
import { startAlertReceiver } from './support/alert-receiver';
import { databaseKinds, type TestDatabase } from './support/databases';
import { batch, event } from './support/events';
import { spawnServer } from './support/server-process';
import { SHOP_ADMIN, SHOP_KEY, testSite } from './support/sites';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const detractor = () =>
  batch(
    [
      event({
        type: 'completed',
        at: new Date().toISOString(),
        answers: [{ questionId: 'score', type: 'nps', value: 1 }],
      }),
    ],
    new Date().toISOString(),
  );

describe('the server process and its alerts', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers an alert after kill -9 between the commit and the delivery', async () => {
    const data = mkdtempSync(join(tmpdir(), 'touchpoint-alerts-'));
    dirs.push(data);
    let killed = false;
    const receiver = await startAlertReceiver((_, attempt) => (attempt === 1 || !killed ? 'hang' : 200));
    const args = ['--no-seed', '--data', data, '--allow-private-alert-targets'];
    const env = { TOUCHPOINT_ALERT_LEASE_SECONDS: '2' };
    const first = await spawnServer(args, env);
    try {
      const { adminKey } = JSON.parse(readFileSync(join(data, 'demo-keys.json'), 'utf8')) as {
        adminKey: string;
      };
      const rule = await post(
        first.url,
        '/v1/admin/alerts',
        { url: receiver.url, format: 'json' },
        { authorization: `Bearer ${adminKey}` },
      );
      expect(rule.status).toBe(201);
      expect((await post(first.url, '/v1/events?site=pk_demo', detractor())).status).toBe(200);
      // The server sent the alert and waits for the receiver's answer: kill it now.
      await receiver
        .until((all) => all.length === 1, 20_000)
        .catch((error: Error) => {
          throw new Error(`${error.message}\n${first.output()}`);
        });
      first.child.kill('SIGKILL');
      await first.exited;
      killed = true;

      const second = await spawnServer(args, env);
      try {
        await receiver.until((all) => all.some((r) => r.answered === 200), 30_000);
        const [hung, delivered] = [receiver.received[0]!, receiver.received.find((r) => r.answered === 200)!];
        expect(delivered.deliveryId).toBe(hung.deliveryId);
        expect(delivered.body).toBe(hung.body);
        expect(verifySignature(String(rule.body.secret), delivered.body, delivered.signature)).toBe(true);
        await sleep(500);
        expect(receiver.acknowledged().get(hung.deliveryId)).toHaveLength(1);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      if (!killed) first.child.kill('SIGKILL');
      await receiver.close();
    }
  });
});

const postgres = databaseKinds()[1]!;

describe('two servers on one PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (!postgres.skip) database = await postgres.start();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it.skipIf(postgres.skip)('deliver each alert once', async () => {
    const receiver = await startAlertReceiver(() => ({ status: 200, delayMs: 30 }));
    const db = await database.serverEnv();
    const servers: RunningServer[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        servers.push(
          await startServer({
            store: await db.openStore(),
            sites: [testSite()],
            port: 0,
            dashboardDir: null,
            log: () => undefined,
            alerts: {
              allowPrivateTargets: true,
              delivery: {
                pollMs: 20,
                perDestination: 8,
                retry: { baseMs: 50, capMs: 200, windowMs: DAY_MS, maxRetryAfterMs: 1000 },
              },
            },
          }),
        );
      }
      const rule = await post(
        servers[0]!.url,
        '/v1/admin/alerts',
        { url: receiver.url, format: 'json' },
        { authorization: `Bearer ${SHOP_ADMIN}` },
      );
      expect(rule.status).toBe(201);
      const count = 80;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          post(servers[i % 2]!.url, `/v1/events?site=${SHOP_KEY}`, detractor()).then((r) =>
            expect(r.status).toBe(200),
          ),
        ),
      );
      await receiver.until((all) => new Set(all.map((r) => r.deliveryId)).size === count, 30_000);
      await sleep(500);
      expect(receiver.received).toHaveLength(count);
      const responses = new Set(
        receiver.received.map((r) => (JSON.parse(r.body) as { responseId: string }).responseId),
      );
      expect(responses.size).toBe(count);
      // Both servers took part: the attempts name two workers.
      const deliveries = await fetch(
        `${servers[1]!.url}/v1/admin/alerts/${rule.body.id}/deliveries?limit=100`,
        {
          headers: { authorization: `Bearer ${SHOP_ADMIN}` },
        },
      ).then(
        (r) => r.json() as Promise<{ deliveries: { status: string; attemptLog: { worker: string }[] }[] }>,
      );
      expect(
        deliveries.deliveries
          .filter((d) => d.status !== 'delivered' || d.attemptLog.length !== 1)
          .map((d) => [d.status, d.attemptLog]),
      ).toEqual([]);
      expect(new Set(deliveries.deliveries.map((d) => d.attemptLog[0]!.worker)).size).toBe(2);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await receiver.close();
    }
  });
});
