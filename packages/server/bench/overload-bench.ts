/**
 * Overload benchmark (docs/faults.md case 68): the real server on 127.0.0.1 with a bounded write queue, offered
 * 2×, 3× and 5× its measured capacity in an open loop, then reconciled against the store, on SQLite and on
 * PostgreSQL (when its binaries are installed). Prints accepted/s, refused/s (503 + Retry-After), p99 latency of
 * the accepted requests and the reconciliation; exits 1 if a run does not reconcile. The load generator runs in
 * the server's process, so the figures are a floor, not the server's ceiling.
 *
 *   pnpm --filter @touchpoint/server bench:overload [-- --seconds 5 --factors 2,3,5 --batch 10 --queue 1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresAvailable, startPostgres } from '@touchpoint/testkit';
import { DEMO_CONFIG_PATH } from '../src/sites/demo-site';
import { loadConfigFile } from '../src/sites/load-sites';
import type { Site } from '../src/sites/site';
import { SQLITE_FILE } from '../src/store/open-store';
import { openPostgresStore } from '../src/store/postgres';
import { openSqliteStore } from '../src/store/sqlite';
import { formatOverload, type OverloadDatabase, runOverload } from './overload';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    seconds: { type: 'string', default: '5' },
    factors: { type: 'string', default: '2,3,5' },
    batch: { type: 'string', default: '10' },
    queue: { type: 'string', default: '1000' },
    'max-requests': { type: 'string', default: '100000' },
  },
});
const FACTORS = values.factors.split(',').map(Number);

const { json, config } = loadConfigFile(DEMO_CONFIG_PATH);
const site: Site = {
  id: 'bench',
  name: 'Bench',
  publicKey: 'pk_bench',
  secretKey: 'sk_bench_0123456789abcdef',
  allowedOrigins: [],
  configPath: DEMO_CONFIG_PATH,
  configJson: json,
  config,
};

async function runAll(database: string, make: (run: number) => Promise<OverloadDatabase>): Promise<boolean> {
  let ok = true;
  for (const [i, factor] of FACTORS.entries()) {
    const report = await runOverload({
      database: await make(i),
      site,
      factor,
      seconds: Number(values.seconds),
      maxRequests: Number(values['max-requests']),
      batchSize: Number(values.batch),
      maxPendingEvents: Number(values.queue),
    });
    console.log(formatOverload(report, factor));
    if (report.acknowledgedNotStored + report.storedNotAcknowledged > 0) ok = false;
    if (Object.keys(report.otherStatuses).length > 0 || report.refusalsWithoutRetryAfter > 0) ok = false;
  }
  if (!ok) console.log(`  ${database}: FAILED (see above)`);
  return ok;
}

console.log(
  `overload: ${values.seconds} s per run, batches of ${values.batch} events, write queue bound ${values.queue} events`,
);
const dir = mkdtempSync(join(tmpdir(), 'touchpoint-overload-'));
let ok = true;
try {
  ok =
    (await runAll('sqlite', async (i) => {
      const dataDir = join(dir, `run-${i}`);
      return { dataDir, openStore: () => openSqliteStore({ path: join(dataDir, SQLITE_FILE) }) };
    })) && ok;
  if (postgresAvailable()) {
    const pg = await startPostgres();
    try {
      ok =
        (await runAll('postgres', async (i) => {
          const url = await pg.createDatabase(`overload_${i}`);
          return { databaseUrl: url, dataDir: dir, openStore: () => openPostgresStore({ url }) };
        })) && ok;
    } finally {
      await pg.stop();
    }
  } else {
    console.log('  postgres  skipped: PostgreSQL binaries not found');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
