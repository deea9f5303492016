/**
 * Ingest benchmark: events per second that `touchpoint serve` acknowledges with durable writes on 127.0.0.1, as a
 * ratio to a bare node:http handler that does no work, measured in one run with the same load; plus the server's
 * memory under load. Servers run as child processes; the load is an undici pool in this process, sending events
 * with time-ordered ids as the widget makes them (`sample-batch.ts`). Every loop is
 * bounded by time and by count. Prints figures; asserts nothing.
 *
 *   pnpm --filter @touchpoint/server bench [-- --seconds 5 --concurrency 64 --batch 10]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresAvailable, startPostgres } from '@touchpoint/testkit';
import { Pool } from 'undici';
import { openStore } from '../src/store/open-store';
import { BARE, BIN, type Child, start, stop } from './bench-process';
import { sampleBatch } from './sample-batch';

const { values } = parseArgs({
  // pnpm passes the `--` before the options through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '64' },
    batch: { type: 'string', default: '10' },
    'max-requests': { type: 'string', default: '200000' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const BATCH = Number(values.batch);
const MAX_REQUESTS = Number(values['max-requests']);

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

interface Result {
  readonly requests: number;
  readonly acked: number;
  readonly failed: number;
  readonly seconds: number;
  readonly peakRss: number;
  readonly idleRss: number;
  /** Request latency percentiles, ms. */
  readonly p50: number;
  readonly p99: number;
}

async function load(child: Child, path: string): Promise<Result> {
  const pid = child.process.pid!;
  const idleRss = rssBytes(pid);
  let peakRss = idleRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssBytes(pid));
  }, 100);
  const pool = new Pool(child.url, { connections: CONCURRENCY, pipelining: 1 });
  let requests = 0;
  let acked = 0;
  let failed = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until && requests < MAX_REQUESTS) {
        requests += 1;
        const sentAt = performance.now();
        const response = await pool.request({
          path,
          method: 'POST',
          body: sampleBatch(BATCH),
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
        });
        const text = await response.body.text();
        latencies.push(performance.now() - sentAt);
        if (response.statusCode === 200 && text.startsWith('{"ok":true')) acked += 1;
        else failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests, acked, failed, seconds, peakRss, idleRss, p50: at(0.5), p99: at(0.99) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const perSecond = (n: number, seconds: number) => Math.round(n / seconds);

async function main(): Promise<void> {
  console.log(
    `[touchpoint] ingest benchmark on 127.0.0.1: ${CONCURRENCY} concurrent requests, ${BATCH} events per batch, ${SECONDS} s per server, node ${process.version}`,
  );
  const bare = await start(['-e', BARE]);
  const bareResult = await load(bare, '/v1/events?site=pk_demo');
  await stop(bare);
  const bareEvents = perSecond(bareResult.acked * BATCH, bareResult.seconds);
  console.log(
    `  bare node:http, no work        ${String(perSecond(bareResult.acked, bareResult.seconds)).padStart(7)} requests/s  ${String(bareEvents).padStart(8)} events/s` +
      `  · latency p50 ${bareResult.p50.toFixed(1)} ms, p99 ${bareResult.p99.toFixed(1)} ms`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-bench-'));
  const pg = postgresAvailable() ? await startPostgres() : undefined;
  const targets: { name: string; args: string[]; env: Record<string, string>; databaseUrl?: string }[] = [
    { name: 'touchpoint, SQLite (FULL sync)', args: ['--data', join(dir, 'data')], env: {} },
  ];
  if (pg !== undefined) {
    const url = await pg.createDatabase('bench');
    targets.push({
      name: 'touchpoint, PostgreSQL 15',
      args: [],
      env: { DATABASE_URL: url },
      databaseUrl: url,
    });
  }
  try {
    for (const target of targets) {
      const server = await start(
        [
          BIN,
          'serve',
          '--port',
          '0',
          '--no-seed',
          '--rate-per-ip',
          '100000000',
          '--rate-per-key',
          '100000000',
          ...target.args,
        ],
        target.env,
      );
      const result = await load(server, '/v1/events?site=pk_demo');
      await stop(server);
      const store = await openStore({ databaseUrl: target.databaseUrl, dataDir: join(dir, 'data') });
      const stored = await store.countEvents('demo');
      await store.close();
      const events = perSecond(result.acked * BATCH, result.seconds);
      console.log(
        `  ${target.name.padEnd(30)} ${String(perSecond(result.acked, result.seconds)).padStart(7)} requests/s  ${String(events).padStart(8)} events/s` +
          `  = ${(events / bareEvents).toFixed(3)} × bare  · latency p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms` +
          `  · RSS ${mb(result.idleRss)} idle, ${mb(result.peakRss)} peak` +
          `  · ${result.acked * BATCH} acked, ${stored} stored, ${result.failed} refused`,
      );
    }
  } finally {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
