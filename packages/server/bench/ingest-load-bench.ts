/**
 * Ingest under sustained load with a health probe (issue 11): N clients post batches for S seconds to a real
 * `touchpoint serve` (SQLite in its worker thread, SQLite on the main thread for comparison, PostgreSQL 15), while
 * one more connection asks GET /healthz every 10 ms. Prints events/s, the ratio to a bare node:http handler under
 * the same load in the same run, ingest latency and /healthz p50 / p99 / max, and the machine's load average (the
 * machine may be shared). Every loop is bounded by time and count. Prints figures; asserts nothing.
 *
 *   node bin/run-ts.js bench/ingest-load-bench.ts [--seconds 10 --clients 50 --batch 10]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresAvailable, startPostgres } from '@touchpoint/testkit';
import { Pool } from 'undici';
import { BARE, BIN, type Child, start, stop } from './bench-process';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '50' },
    batch: { type: 'string', default: '10' },
    'max-requests': { type: 'string', default: '500000' },
    only: { type: 'string' },
  },
});
const SECONDS = Math.min(120, Number(values.seconds));
const CLIENTS = Number(values.clients);
const BATCH = Number(values.batch);
const MAX_REQUESTS = Number(values['max-requests']);
const PATH = '/v1/events?site=pk_demo';

function body(): string {
  const sentAt = new Date().toISOString();
  const events = Array.from({ length: BATCH }, () => ({
    v: 1,
    id: randomUUID(),
    type: 'completed',
    surveyId: 'nps-checkout',
    touchpoint: 'checkout.completed',
    responseId: randomUUID(),
    at: sentAt,
    answers: [
      { questionId: 'score', type: 'nps', value: Math.floor(Math.random() * 11) },
      { questionId: 'reason', type: 'text', value: 'Fast delivery, friendly support.' },
    ],
    context: { path: '/checkout/thanks', locale: 'nl', device: 'mobile' },
    visitor: { id: `visitor-${Math.floor(Math.random() * 1e6)}` },
  }));
  return JSON.stringify({ sentAt, events });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

interface Result {
  readonly acked: number;
  readonly failed: number;
  readonly seconds: number;
  readonly ingest: number[];
  readonly health: number[];
}

async function load(child: Child): Promise<Result> {
  const pool = new Pool(child.url, { connections: CLIENTS, pipelining: 1 });
  const probe = new Pool(child.url, { connections: 1 });
  let requests = 0;
  let acked = 0;
  let failed = 0;
  const ingest: number[] = [];
  const health: number[] = [];
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const prober = (async () => {
    while (performance.now() < until && health.length < 100_000) {
      const t = performance.now();
      const response = await probe.request({ path: '/healthz', method: 'GET' });
      await response.body.text();
      health.push(performance.now() - t);
      const wait = 10 - (performance.now() - t);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until && requests < MAX_REQUESTS) {
        requests += 1;
        const t = performance.now();
        const response = await pool.request({
          path: PATH,
          method: 'POST',
          body: body(),
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
        });
        const text = await response.body.text();
        ingest.push(performance.now() - t);
        if (response.statusCode === 200 && text.startsWith('{"ok":true')) acked += 1;
        else failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await prober;
  await pool.close();
  await probe.close();
  ingest.sort((a, b) => a - b);
  health.sort((a, b) => a - b);
  return { acked, failed, seconds, ingest, health };
}

function line(name: string, result: Result, bareEvents?: number): number {
  const events = Math.round((result.acked * BATCH) / result.seconds);
  const { ingest, health } = result;
  console.log(
    `  ${name.padEnd(34)} ${String(events).padStart(7)} events/s` +
      (bareEvents === undefined ? '            ' : `  = ${(events / bareEvents).toFixed(3)} × bare`) +
      `  · ingest p50 ${quantile(ingest, 0.5).toFixed(1)} ms, p99 ${quantile(ingest, 0.99).toFixed(1)} ms` +
      `  · /healthz p50 ${quantile(health, 0.5).toFixed(1)} ms, p99 ${quantile(health, 0.99).toFixed(1)} ms, max ${(health[health.length - 1] ?? 0).toFixed(1)} ms (${health.length} probes)` +
      `  · ${result.failed} refused`,
  );
  return events;
}

async function main(): Promise<void> {
  const load1 = loadavg()[0]!.toFixed(1);
  console.log(
    `[touchpoint] ingest under load: ${CLIENTS} clients, ${BATCH} events per batch, ${SECONDS} s per server, /healthz every 10 ms; node ${process.version}, ${cpus().length} CPUs, load average ${load1} at start`,
  );
  const bare = await start(['-e', BARE]);
  const bareEvents = line('bare node:http, no work', await load(bare));
  await stop(bare);

  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-load-bench-'));
  const pg = postgresAvailable() ? await startPostgres() : undefined;
  const targets: { name: string; args: string[]; env: Record<string, string> }[] = [
    { name: 'touchpoint, SQLite in a worker', args: ['--data', join(dir, 'worker')], env: {} },
    {
      name: 'touchpoint, SQLite on main thread',
      args: ['--data', join(dir, 'main')],
      env: { TOUCHPOINT_SQLITE_THREAD: 'main' },
    },
  ];
  if (pg !== undefined) {
    targets.push({
      name: 'touchpoint, PostgreSQL 15',
      args: [],
      env: { DATABASE_URL: await pg.createDatabase('load') },
    });
  }
  try {
    for (const target of targets) {
      if (values.only !== undefined && !target.name.includes(values.only)) continue;
      const server = await start(
        [
          BIN,
          'serve',
          '--port',
          '0',
          '--no-seed',
          '--no-dashboard',
          '--rate-per-ip',
          '100000000',
          '--rate-per-key',
          '100000000',
          ...target.args,
        ],
        target.env,
      );
      line(target.name, await load(server), bareEvents);
      await stop(server);
    }
  } finally {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `  load average ${loadavg()[0]!.toFixed(1)} at the end (2 cores: above 2 means the machine was shared)`,
  );
}

await main();
