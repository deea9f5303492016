/**
 * Overload at a multiple of capacity, then reconciliation (docs/faults.md case 68). The real server on a loopback
 * socket with a bounded write queue; first its capacity is measured with a closed loop that keeps a few requests
 * in flight, then requests are fired in an open loop at `factor` × that rate, whatever the answers, for a bounded
 * time and count. Afterwards the store is read back: the ids of every acknowledged request must be exactly the
 * stored ids, and every refusal must be a 503 with Retry-After. The server runs in a child process
 * (`overload-server.ts`) so the load generator does not share its event loop. Used by `overload-bench.ts` (full
 * figures) and by `test/overload.test.ts` (small scale, in CI). Every loop is bounded by count and by time.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Batch, WireEvent } from '@touchpoint/core';
import { Pool } from 'undici';
import type { ServerLimits } from '../src/limits';
import type { Site } from '../src/sites/site';
import type { Store } from '../src/store/store';

const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const SERVER = fileURLToPath(new URL('./overload-server.ts', import.meta.url));

/** A new, empty database: how the server process reaches it, and how to open it to reconcile. */
export interface OverloadDatabase {
  /** `DATABASE_URL` for PostgreSQL; absent for SQLite. */
  readonly databaseUrl?: string;
  /** The SQLite data folder (ignored with a database URL). */
  readonly dataDir: string;
  /** Opens the database after the server stopped; the run closes it. */
  openStore(): Promise<Store>;
}

export interface OverloadOptions {
  readonly database: OverloadDatabase;
  readonly site: Site;
  /** Offered load as a multiple of the measured capacity. */
  readonly factor: number;
  /** How long the overload lasts. */
  readonly seconds: number;
  /** Upper bound on the requests of the overload, whatever the rate. */
  readonly maxRequests: number;
  /** Events per request. */
  readonly batchSize: number;
  /** The server's write queue bound (events). */
  readonly maxPendingEvents: number;
  /** Requests in flight while capacity is measured. @default as many as the write queue holds */
  readonly capacityConcurrency?: number;
  /** How long capacity is measured. @default 1 */
  readonly capacitySeconds?: number;
}

export interface OverloadReport {
  readonly database: 'sqlite' | 'postgres';
  /** Acknowledged requests per second of the closed loop: the capacity. */
  readonly capacityPerSecond: number;
  /** Requests per second offered during the overload (over the time it took to fire them). */
  readonly offeredPerSecond: number;
  readonly sent: number;
  readonly accepted: number;
  readonly refused: number;
  /** Over the whole overload, until the last answer. */
  readonly acceptedPerSecond: number;
  readonly refusedPerSecond: number;
  /** Statuses other than 200 and 503, by status (0 = no answer): must be empty. */
  readonly otherStatuses: Record<string, number>;
  /** Refusals without a positive Retry-After: must be 0. */
  readonly refusalsWithoutRetryAfter: number;
  /** Latency of the accepted requests, milliseconds. */
  readonly acceptedP50Ms: number;
  readonly acceptedP99Ms: number;
  readonly refusedP99Ms: number;
  /** Events acknowledged / stored, and the ids that are in one set only (must both be 0). */
  readonly acknowledgedEvents: number;
  readonly storedEvents: number;
  readonly acknowledgedNotStored: number;
  readonly storedNotAcknowledged: number;
}

const EVENT_TIME = '2026-11-20T10:00:00.000Z';

function makeBatch(size: number): { body: string; ids: string[] } {
  const events: WireEvent[] = Array.from(
    { length: size },
    () =>
      ({
        v: 1,
        id: randomUUID(),
        type: 'answered',
        surveyId: 'nps-checkout',
        touchpoint: 'checkout.completed',
        responseId: randomUUID(),
        at: EVENT_TIME,
        answers: [{ questionId: 'score', type: 'nps', value: 9 }],
        context: { path: '/checkout/thanks', locale: 'en', device: 'desktop' },
        visitor: { id: 'v-overload' },
      }) as WireEvent,
  );
  const batch: Batch = { sentAt: EVENT_TIME, events };
  return { body: JSON.stringify(batch), ids: events.map((e) => e.id) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Outcome {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly ms: number;
  readonly ids: string[];
}

export async function runOverload(options: OverloadOptions): Promise<OverloadReport> {
  const { database, site, factor, seconds, maxRequests, batchSize } = options;
  // The overload test is about the write queue: the rate limits must not answer first (one client address here).
  const unlimited = { limit: 1_000_000_000, windowSeconds: 60 };
  const limits: Partial<ServerLimits> = {
    maxPendingEvents: options.maxPendingEvents,
    perIp: unlimited,
    perKey: unlimited,
  };
  const server = await startServerProcess(site, limits, database);
  // Many connections, as many browsers would open: requests wait in the server, not in this client.
  const pool = new Pool(server.url, { connections: 1024, pipelining: 1 });
  const path = `/v1/events?site=${site.publicKey}`;

  async function send(): Promise<Outcome> {
    const { body, ids } = makeBatch(batchSize);
    const started = performance.now();
    try {
      const response = await pool.request({
        method: 'POST',
        path,
        body,
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      await response.body.text();
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
        ms: performance.now() - started,
        ids,
      };
    } catch {
      return { status: 0, retryAfter: null, ms: performance.now() - started, ids };
    }
  }

  try {
    // 1. Capacity: a closed loop keeping the write queue exactly full (its bound in requests), so nothing is refused
    // and the server never idles: what it acknowledges per second is its capacity. Bounded in time and count; a
    // first round warms the server up (a cold process answers its first requests slowly) and is not timed.
    const capacityConcurrency =
      options.capacityConcurrency ?? Math.max(1, Math.floor(options.maxPendingEvents / batchSize));
    const capacityOutcomes: Outcome[] = [];
    const closedLoop = async (ms: number) => {
      const end = performance.now() + ms;
      await Promise.all(
        Array.from({ length: capacityConcurrency }, async () => {
          while (performance.now() < end && capacityOutcomes.length < maxRequests) {
            capacityOutcomes.push(await send());
          }
        }),
      );
    };
    await closedLoop(500);
    const warmed = capacityOutcomes.length;
    const capacityStart = performance.now();
    await closedLoop((options.capacitySeconds ?? 1) * 1000);
    const capacityElapsed = (performance.now() - capacityStart) / 1000;
    const capacityAcked = capacityOutcomes.slice(warmed).filter((o) => o.status === 200);
    const capacityPerSecond = capacityAcked.length / capacityElapsed;

    // 2. Overload: an open loop at factor × capacity, fired on a fixed schedule whatever the answers.
    const offeredPerSecond = Math.max(1, capacityPerSecond * factor);
    const total = Math.min(maxRequests, Math.ceil(offeredPerSecond * seconds));
    const interval = 1000 / offeredPerSecond;
    const inFlight: Promise<Outcome>[] = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      // Timers are coarse: fire every request already due, and sleep only when ahead of the schedule.
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(send());
    }
    const fired = (performance.now() - start) / 1000;
    const outcomes = await Promise.all(inFlight);
    const elapsed = (performance.now() - start) / 1000;

    await pool.close();
    await server.stop();

    // 3. Reconcile: what was acknowledged (in both phases) against what the store holds.
    const store = await database.openStore();
    const acknowledged = new Set<string>();
    for (const o of [...capacityOutcomes, ...outcomes]) {
      if (o.status === 200) for (const id of o.ids) acknowledged.add(id);
    }
    const stored = new Set((await store.events(site.id)).map((s) => s.event.id));
    await store.close();
    let acknowledgedNotStored = 0;
    for (const id of acknowledged) if (!stored.has(id)) acknowledgedNotStored += 1;
    let storedNotAcknowledged = 0;
    for (const id of stored) if (!acknowledged.has(id)) storedNotAcknowledged += 1;

    const accepted = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 503);
    const otherStatuses: Record<string, number> = {};
    for (const o of outcomes) {
      if (o.status !== 200 && o.status !== 503) otherStatuses[o.status] = (otherStatuses[o.status] ?? 0) + 1;
    }
    const latencies = (list: Outcome[]) => list.map((o) => o.ms).sort((a, b) => a - b);
    const acceptedMs = latencies(accepted);
    return {
      database: store.dialect,
      capacityPerSecond,
      offeredPerSecond: total / fired,
      sent: outcomes.length,
      accepted: accepted.length,
      refused: refused.length,
      acceptedPerSecond: accepted.length / elapsed,
      refusedPerSecond: refused.length / elapsed,
      otherStatuses,
      refusalsWithoutRetryAfter: refused.filter((o) => !(Number(o.retryAfter) > 0)).length,
      acceptedP50Ms: percentile(acceptedMs, 50),
      acceptedP99Ms: percentile(acceptedMs, 99),
      refusedP99Ms: percentile(latencies(refused), 99),
      acknowledgedEvents: acknowledged.size,
      storedEvents: stored.size,
      acknowledgedNotStored,
      storedNotAcknowledged,
    };
  } finally {
    if (!pool.closed) await pool.close();
    await server.stop();
  }
}

interface ServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

async function startServerProcess(
  site: Site,
  limits: Partial<ServerLimits>,
  database: OverloadDatabase,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [RUN_TS, SERVER, JSON.stringify({ site, limits, dataDir: database.dataDir })],
    {
      env: {
        ...process.env,
        ...(database.databaseUrl === undefined ? {} : { DATABASE_URL: database.databaseUrl }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the overload server did not start within 30 s:\n${out}`));
    }, 30_000);
    const take = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the overload server exited before listening:\n${out}`));
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** One line of figures, as the bench prints them. */
export function formatOverload(r: OverloadReport, factor: number): string {
  const reconciled =
    r.acknowledgedNotStored === 0 && r.storedNotAcknowledged === 0
      ? `reconciled: ${r.acknowledgedEvents} acknowledged = ${r.storedEvents} stored`
      : `NOT reconciled: ${r.acknowledgedNotStored} acknowledged but missing, ${r.storedNotAcknowledged} stored unacknowledged`;
  const others = Object.entries(r.otherStatuses)
    .map(([status, n]) => `${n}×${status}`)
    .join(', ');
  return (
    `  ${r.database.padEnd(8)} ${factor}× capacity (${Math.round(r.capacityPerSecond)} req/s): offered ${Math.round(r.offeredPerSecond)}/s · ` +
    `accepted ${Math.round(r.acceptedPerSecond)}/s · refused ${Math.round(r.refusedPerSecond)}/s (503 + Retry-After${r.refusalsWithoutRetryAfter > 0 ? `, ${r.refusalsWithoutRetryAfter} without` : ''}) · ` +
    `accepted p50 ${r.acceptedP50Ms.toFixed(1)} ms, p99 ${r.acceptedP99Ms.toFixed(1)} ms · ${reconciled}${others === '' ? '' : ` · other statuses ${others}`}`
  );
}
