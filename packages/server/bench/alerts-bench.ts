/**
 * Alerts benchmark, everything on 127.0.0.1 with SQLite in a temporary folder (PostgreSQL too with --postgres):
 *
 * 1. latency: 1,000 detractor answers POSTed to a running server at a steady rate (`--rate`, default 50 a
 *    second: an alert is a detractor's answer, a fraction of the traffic); for each, the time from
 *    sending the answer to a real receiver getting its signed alert (an upper bound of "answer stored → receiver
 *    got it": it includes the ingest request and its durable commit), and from the ingest's 200 (the answer is
 *    committed) to the alert's arrival; median, p90, p99, max;
 * 2. outbox writes: answers stored per second by the ingest transaction with a matching rule (one outbox row
 *    per answer) and without any rule;
 * 3. outbox delivery: a backlog of alerts delivered per second by one server's worker to a receiver that answers
 *    200 at once.
 *
 * Prints figures; asserts nothing. Every loop is bounded by count and time.
 *
 *   pnpm --filter @touchpoint/server bench:alerts [-- --answers 1000 --rate 50 --backlog 5000 --postgres]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Batch } from '@touchpoint/core';
import { postgresAvailable, startPostgres } from '@touchpoint/testkit';
import { addressPolicy } from '../src/alerts/address-policy';
import { createAlertDelivery } from '../src/alerts/alert-delivery';
import { createHttpTransport } from '../src/alerts/alert-transport';
import { systemLookup } from '../src/alerts/alerts-runtime';
import { startServer } from '../src/serve';
import { DEMO_CONFIG_PATH } from '../src/sites/demo-site';
import { loadConfigFile } from '../src/sites/load-sites';
import type { Site } from '../src/sites/site';
import { openPostgresStore } from '../src/store/postgres';
import { openSqliteStore } from '../src/store/sqlite';
import type { AlertRule, Store } from '../src/store/store';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    answers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    backlog: { type: 'string', default: '5000' },
    postgres: { type: 'boolean', default: false },
  },
});
const ANSWERS = Math.min(20_000, Math.max(10, Number(values.answers)));
const RATE = Math.min(2000, Math.max(1, Number(values.rate)));
const BACKLOG = Math.min(50_000, Math.max(100, Number(values.backlog)));
const DEADLINE_MS = 120_000;

const { json, config } = loadConfigFile(DEMO_CONFIG_PATH);
const site: Site = {
  id: 'shop',
  name: 'Shop',
  publicKey: 'pk_bench',
  secretKey: 'sk_bench_0123456789abcdef',
  adminKey: 'ak_bench_0123456789abcdef',
  allowedOrigins: ['*'],
  configPath: DEMO_CONFIG_PATH,
  configJson: json,
  config,
};

const detractor = (responseId = randomUUID()): Batch => {
  const now = new Date().toISOString();
  return {
    sentAt: now,
    events: [
      {
        v: 1,
        id: randomUUID(),
        type: 'completed',
        surveyId: 'nps-checkout',
        touchpoint: 'checkout.completed',
        responseId,
        at: now,
        answers: [
          { questionId: 'score', type: 'nps', value: 2 },
          { questionId: 'why', type: 'text', value: 'It took too long.' },
        ],
        context: { path: '/checkout/thanks', locale: 'en', device: 'desktop' },
        visitor: { id: 'v-bench', userId: 'cust-1' },
      },
    ],
  };
};

function rule(url: string): AlertRule {
  const now = Date.now();
  return {
    id: `al_${randomUUID().slice(0, 8)}`,
    site: 'shop',
    url,
    format: 'json',
    touchpoints: null,
    bands: ['detractor'],
    hasText: false,
    identifiedOnly: false,
    instant: true,
    digest: false,
    secret: 'whsec_bench',
    enabled: true,
    disabledReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1)!,
  };
};
const fmt = (s: ReturnType<typeof stats>) =>
  `n ${s.n}, median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;

/** A receiver that answers 200 at once and notes when each alert (by response id) arrived. */
async function receiver() {
  const arrived = new Map<string, number>();
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { responseId?: string };
      if (body.responseId !== undefined && !arrived.has(body.responseId)) arrived.set(body.responseId, at);
      count += 1;
      res.writeHead(200).end('ok');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    arrived,
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function latency(store: Store): Promise<void> {
  const target = await receiver();
  await store.createAlertRule(rule(target.url));
  const running = await startServer({
    store,
    sites: [site],
    port: 0,
    dashboardDir: null,
    limits: {
      perIp: { limit: 1_000_000, windowSeconds: 60 },
      perKey: { limit: 1_000_000, windowSeconds: 60 },
    },
    log: () => undefined,
    alerts: { allowPrivateTargets: true },
  });
  const sent = new Map<string, number>();
  const acked = new Map<string, number>();
  const started = performance.now();
  const requests: Promise<void>[] = [];
  // Open loop: one answer every 1/RATE s, whatever the server's answers do.
  for (let i = 0; i < ANSWERS && performance.now() - started < DEADLINE_MS; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const responseId = randomUUID();
    sent.set(responseId, performance.now());
    requests.push(
      fetch(`${running.url}/v1/events?site=pk_bench`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(detractor(responseId)),
      }).then(async (response) => {
        await response.arrayBuffer();
        if (response.status === 200) acked.set(responseId, performance.now());
      }),
    );
  }
  await Promise.all(requests);
  for (let waited = 0; target.arrived.size < acked.size && waited < 30_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const fromSend: number[] = [];
  const fromAck: number[] = [];
  for (const [id, at] of target.arrived) {
    fromSend.push(at - sent.get(id)!);
    if (acked.has(id)) fromAck.push(at - acked.get(id)!);
  }
  console.log(
    `  answers acknowledged ${acked.size}/${ANSWERS}, alerts received ${target.arrived.size} (requests ${target.count()})`,
  );
  console.log(`  answer sent → alert received:       ${fmt(stats(fromSend))}`);
  console.log(
    `  answer committed (200) → received:  ${fmt(stats(fromAck))}  (negative: the alert arrived before the 200 did)`,
  );
  await running.stop();
  await target.close();
}

async function outboxWrites(open: () => Promise<Store>): Promise<void> {
  const batches = 100;
  const perBatch = 50;
  for (const withRule of [false, true]) {
    const store = await open();
    if (withRule) await store.createAlertRule(rule('https://hooks.example.com/x'));
    const started = performance.now();
    for (let i = 0; i < batches; i++) {
      const events = Array.from({ length: perBatch }, () => detractor().events[0]!);
      await store.ingest([
        { site: 'shop', batch: { sentAt: new Date().toISOString(), events }, receivedAt: Date.now() },
      ]);
    }
    const seconds = (performance.now() - started) / 1000;
    const n = batches * perBatch;
    console.log(
      `  ${withRule ? 'one matching rule (an outbox row per answer)' : 'no rule                                    '}  ${(n / seconds).toFixed(0)} answers/s (${n} answers in ${batches} transactions of ${perBatch})`,
    );
    await store.close();
  }
}

async function outboxDelivery(open: () => Promise<Store>): Promise<void> {
  const target = await receiver();
  const store = await open();
  await store.createAlertRule(rule(target.url));
  for (let i = 0; i < BACKLOG; i += 100) {
    const events = Array.from({ length: Math.min(100, BACKLOG - i) }, () => detractor().events[0]!);
    await store.ingest([
      { site: 'shop', batch: { sentAt: new Date().toISOString(), events }, receivedAt: Date.now() },
    ]);
  }
  for (const [concurrency, perDestination] of [
    [16, 4],
    [32, 16],
  ] as const) {
    if (perDestination === 16) {
      // A second backlog for the second setting.
      for (let i = 0; i < BACKLOG; i += 100) {
        const events = Array.from({ length: Math.min(100, BACKLOG - i) }, () => detractor().events[0]!);
        await store.ingest([
          { site: 'shop', batch: { sentAt: new Date().toISOString(), events }, receivedAt: Date.now() },
        ]);
      }
    }
    const before = target.count();
    const worker = createAlertDelivery({
      store,
      transport: createHttpTransport({ lookup: systemLookup, permitted: addressPolicy(true) }),
      clock: { now: () => Date.now() },
      random: Math.random,
      worker: 'bench',
      log: (line) => console.warn(line),
      options: { pollMs: 5, concurrency, perDestination },
    });
    const started = performance.now();
    worker.start();
    for (let waited = 0; target.count() - before < BACKLOG && waited < DEADLINE_MS; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    const delivered = target.count() - before;
    console.log(
      `  ${delivered} alerts delivered in ${seconds.toFixed(2)} s: ${(delivered / seconds).toFixed(0)} alerts/s (${concurrency} in flight, ${perDestination} per destination)`,
    );
  }
  await store.close();
  await target.close();
}

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-alerts-bench-'));
let counter = 0;
const sqlite = () => openSqliteStore({ path: join(dir, `db-${++counter}`, 'touchpoint.sqlite') });
try {
  console.log(
    `[touchpoint] alerts bench on SQLite (${process.version}, ${ANSWERS} answers at ${RATE} a second)`,
  );
  console.log('latency');
  await latency(await sqlite());
  console.log('outbox writes (store.ingest)');
  await outboxWrites(sqlite);
  console.log(`outbox delivery (a backlog of ${BACKLOG})`);
  await outboxDelivery(sqlite);
  if (values.postgres) {
    if (!postgresAvailable()) console.log('PostgreSQL: not installed, skipped');
    else {
      const pg = await startPostgres();
      try {
        const postgres = async () =>
          openPostgresStore({ url: await pg.createDatabase(`bench_${++counter}`) });
        console.log('[touchpoint] alerts bench on PostgreSQL 15');
        console.log('latency');
        await latency(await postgres());
        console.log('outbox writes (store.ingest)');
        await outboxWrites(postgres);
        console.log(`outbox delivery (a backlog of ${BACKLOG})`);
        await outboxDelivery(postgres);
      } finally {
        await pg.stop();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
