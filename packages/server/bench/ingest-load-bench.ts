/**
 * Ingest under sustained load with a health probe (issue 11): N clients (`load-clients.ts`, its own process at a
 * lower CPU priority) post batches for S seconds to a real `touchpoint serve` (SQLite and PostgreSQL 15, each with
 * its store in the worker thread as the server runs by default and on the main thread for comparison), while a
 * probe process asks GET /healthz every 10 ms. The events are completed answers with a comment (the heaviest event)
 * with time-ordered ids, as the widget makes them; one row per database sends random (version 4) ids, as a client
 * of its own might, and one the events widgets send for their cards (`shown`, `answered`, `completed`, `dismissed`;
 * `sample-batch.ts`).
 * Prints events/s, the ratio to a bare node:http handler under the same load in the same run, ingest latency and
 * /healthz p50 / p99 / max, the server's CPU time per event (its process and PostgreSQL's, from /proc: the figure
 * a shared machine disturbs least), issue 11's targets met or not, and the machine's load average. Every loop is
 * bounded by time and count. Prints figures; asserts nothing.
 *
 *   node bin/run-ts.js bench/ingest-load-bench.ts [--seconds 10 --clients 50 --batch 10]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { postgresAvailable, startPostgres } from '@touchpoint/testkit';
import { BARE, BIN, type Child, cpuSeconds, postgresPid, probeHealth, start, stop } from './bench-process';
import type { BenchTraffic } from './sample-batch';

const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const CLIENTS_SCRIPT = fileURLToPath(new URL('./load-clients.ts', import.meta.url));

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
/** Issue 11's targets for durable writes with rollups on two cores. */
const GOAL_SQLITE = 15_000;
const GOAL_POSTGRES = 10_000;
/** PostgreSQL's `shared_buffers` in this bench. */
const BENCH_SHARED_BUFFERS = '512MB';

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

interface Result {
  /** CPU seconds the server used during the load (its process and, on PostgreSQL, the database's). */
  readonly cpu: number | undefined;
  readonly acked: number;
  readonly failed: number;
  readonly seconds: number;
  readonly ingest: number[];
  readonly health: number[];
}

/** Runs `load-clients.ts` (its own process, at a lower priority) and the health probe against `child`. */
async function load(
  child: Child,
  extraPids: readonly number[] = [],
  ids = 'time',
  traffic: BenchTraffic = 'answers',
): Promise<Result> {
  const pids = [child.process.pid!, ...extraPids];
  const clients = spawn(
    process.execPath,
    [
      RUN_TS,
      CLIENTS_SCRIPT,
      '--url',
      child.url,
      '--seconds',
      String(SECONDS),
      '--clients',
      String(CLIENTS),
      '--batch',
      String(BATCH),
      '--max-requests',
      String(MAX_REQUESTS),
      '--ids',
      ids,
      '--traffic',
      traffic,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  let began: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    began = resolve;
  });
  clients.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('started\n')) began();
  });
  const exited = new Promise((resolve) => clients.once('exit', resolve));
  // The generator takes about a second to start (TypeScript through tsx): the CPU count and the probe start with
  // its first request.
  await Promise.race([started, exited]);
  const cpuBefore = cpuSeconds(pids);
  const prober = probeHealth(child.url, SECONDS);
  await exited;
  const cpuAfter = cpuSeconds(pids);
  const health = await prober;
  const { acked, failed, seconds, ingest } = JSON.parse(out.slice(out.indexOf('\n') + 1)) as {
    acked: number;
    failed: number;
    seconds: number;
    ingest: number[];
  };
  ingest.sort((a, b) => a - b);
  health.sort((a, b) => a - b);
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { cpu, acked, failed, seconds, ingest, health };
}

function line(name: string, result: Result, bareEvents?: number): { events: number; healthP99: number } {
  const events = Math.round((result.acked * BATCH) / result.seconds);
  const { ingest, health } = result;
  console.log(
    `  ${name.padEnd(52)} ${String(events).padStart(7)} events/s` +
      (bareEvents === undefined ? '            ' : `  = ${(events / bareEvents).toFixed(3)} × bare`) +
      `  · ingest p50 ${quantile(ingest, 0.5).toFixed(1)} ms, p99 ${quantile(ingest, 0.99).toFixed(1)} ms` +
      `  · /healthz p50 ${quantile(health, 0.5).toFixed(1)} ms, p99 ${quantile(health, 0.99).toFixed(1)} ms, max ${(health[health.length - 1] ?? 0).toFixed(1)} ms (${health.length} probes)` +
      `  · ${result.failed} refused`,
  );
  if (result.cpu !== undefined && result.acked > 0) {
    // CPU per event is what a busy shared machine disturbs least: the ceiling if the server had every core.
    const perEvent = (result.cpu * 1e6) / (result.acked * BATCH);
    console.log(
      `  ${''.padEnd(52)} server CPU ${perEvent.toFixed(0)} µs per event (${result.cpu.toFixed(1)} s over ${result.seconds.toFixed(1)} s) → at most ${Math.round((cpus().length * 1e6) / perEvent)} events/s on ${cpus().length} cores with nothing else running`,
    );
  }
  return { events, healthP99: quantile(health, 0.99) };
}

async function main(): Promise<void> {
  const load1 = loadavg()[0]!.toFixed(1);
  console.log(
    `[touchpoint] ingest under load: ${CLIENTS} clients, ${BATCH} events per batch, ${SECONDS} s per server, /healthz every 10 ms; node ${process.version}, ${cpus().length} CPUs, load average ${load1} at start`,
  );
  const bare = await start(['-e', BARE]);
  const bareEvents = line('bare node:http, no work', await load(bare)).events;
  await stop(bare);

  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-load-bench-'));
  // PostgreSQL as an operator would give it this load: a 512 MB buffer cache (the tests' 64 MB made every run about
  // a fifth slower as the tables outgrew it).
  const pg = postgresAvailable() ? await startPostgres({ sharedBuffers: BENCH_SHARED_BUFFERS }) : undefined;
  const targets: {
    name: string;
    args: string[];
    env: Record<string, string>;
    ids?: 'random';
    traffic?: BenchTraffic;
  }[] = [
    { name: 'touchpoint, SQLite in a worker', args: ['--data', join(dir, 'worker')], env: {} },
    {
      name: "touchpoint, SQLite in a worker, widgets' traffic",
      args: ['--data', join(dir, 'widget')],
      env: {},
      traffic: 'widget',
    },
    {
      name: 'touchpoint, SQLite, random (v4) ids',
      args: ['--data', join(dir, 'random')],
      env: {},
      ids: 'random',
    },
    {
      name: 'touchpoint, SQLite on main thread',
      args: ['--data', join(dir, 'main')],
      env: { TOUCHPOINT_STORE_THREAD: 'main' },
    },
  ];
  if (pg !== undefined) {
    targets.push(
      {
        name: 'touchpoint, PostgreSQL 15 (store in a worker)',
        args: [],
        env: { DATABASE_URL: await pg.createDatabase('load') },
      },
      {
        name: "touchpoint, PostgreSQL 15 (worker), widgets' traffic",
        args: [],
        env: { DATABASE_URL: await pg.createDatabase('load_widget') },
        traffic: 'widget',
      },
      {
        name: 'touchpoint, PostgreSQL 15, random (v4) ids',
        args: [],
        env: { DATABASE_URL: await pg.createDatabase('load_random') },
        ids: 'random',
      },
      {
        name: 'touchpoint, PostgreSQL 15, store on main thread',
        args: [],
        env: { DATABASE_URL: await pg.createDatabase('load_main'), TOUCHPOINT_STORE_THREAD: 'main' },
      },
    );
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
      const database = target.env.DATABASE_URL;
      const pgPid = database === undefined ? undefined : postgresPid(Number(new URL(database).port));
      const { events, healthP99 } = line(
        target.name,
        await load(server, pgPid === undefined ? [] : [pgPid], target.ids, target.traffic),
        bareEvents,
      );
      // The targets are for the server as it runs by default: its store in the worker thread.
      const goal = !target.name.includes('worker')
        ? undefined
        : target.name.includes('PostgreSQL')
          ? GOAL_POSTGRES
          : GOAL_SQLITE;
      if (goal !== undefined) {
        console.log(
          `  ${''.padEnd(52)} issue 11 target ≥ ${goal} events/s: ${events >= goal ? 'met' : 'NOT met'}; /healthz p99 < 20 ms: ${healthP99 < 20 ? 'met' : 'NOT met'}`,
        );
      }
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
