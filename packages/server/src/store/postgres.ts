/**
 * PostgreSQL for scale, through `pg`, when `DATABASE_URL` is set. Commits are durable with PostgreSQL's default
 * `synchronous_commit = on`; several server processes may share one database.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations';
import { createSqlStore } from './sql-store';
import type { Store } from './store';
import type { Database } from './tables';
import { openWorkerStore } from './worker-store';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` */
  readonly url: string;
  /**
   * Connections in the pool.
   * @default 10
   */
  readonly poolSize?: number;
  /**
   * How long to wait for a connection before a request gets a 503, in ms.
   * @default 5000
   */
  readonly connectTimeoutMs?: number;
}

const INT8_OID = 20;

/** `int8` (bigint, count(*), sum of integers) as a JS number: every value we store is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** The URL without its password, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * Opens the PostgreSQL store in a worker thread (`thread: 'worker'`, what the server does: the ingest
 * transaction's work runs beside the HTTP work) or on the calling thread (the default here, as the tests use it).
 */
export function openPostgresStore(
  options: PostgresStoreOptions & { thread?: 'worker' | 'main' },
): Promise<Store> {
  const { thread = 'main', ...rest } = options;
  return thread === 'main'
    ? openPostgresStoreOnThisThread(rest)
    : openWorkerStore({ kind: 'postgres', options: rest });
}

export async function openPostgresStoreOnThisThread({
  url,
  poolSize = 10,
  connectTimeoutMs = 5000,
}: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    types,
  });
  // An idle client that loses its connection must not crash the process; the next query reports it.
  pool.on('error', (error) => console.warn(`[touchpoint] PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlStore({ db, dialect: 'postgres', location: redactUrl(url) });
}
