/**
 * The embedded default: SQLite through better-sqlite3, in WAL mode with `synchronous=FULL`, so a commit is on disk
 * before the server answers 2xx and survives `kill -9` and power loss (fault case 69). The folder it creates is
 * 0700 and the database with its WAL 0600 (`private-files.ts`).
 */
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import { ensurePrivateDir, ensurePrivateFile, tightenFiles } from '../private-files';
import { migrate } from './migrations';
import { createSqlStore } from './sql-store';
import type { Store } from './store';
import type { Database } from './tables';
import { openWorkerStore } from './worker-store';

/** Prepared statements kept per connection, by SQL text (the ingest transaction repeats the same few shapes). */
export const STATEMENT_CACHE_SIZE = 256;
/** SQLite's page cache: 64 MiB (the default 2 MiB makes every insert into a grown index read pages from disk). */
const CACHE_KIB = 64 * 1024;
/**
 * WAL pages before SQLite copies them into the database (a checkpoint, run inside the commit that crosses it):
 * 10,000 pages (40 MiB) instead of 1,000. Pages written many times (indexes, rollups) are copied once per
 * checkpoint, so fewer checkpoints write less; under the ingest bench this halved the time spent committing.
 * Durability is the same: every commit is fsynced in the WAL (`synchronous = FULL`).
 */
const WAL_CHECKPOINT_PAGES = 10_000;
/** The WAL is truncated back to this after a checkpoint. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Kysely's SQLite driver prepares every statement again for each query; this keeps the prepared statements by
 * SQL text (least recently used out past `STATEMENT_CACHE_SIZE`), so a repeated statement is compiled by SQLite
 * once. better-sqlite3 re-prepares a cached statement itself after a schema change (migrations).
 */
export function cachingStatements(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement === undefined) {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      } else {
        cache.delete(text);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

export interface SqliteStoreOptions {
  /** The database file; its folder is created when missing. `:memory:` for a throwaway database. */
  readonly path: string;
  /**
   * How long a write waits for another process's lock before failing (and the request gets a 503), in ms.
   * @default 5000
   */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens the SQLite store in a worker thread (decision 0006): the server's event loop never waits on a write.
 * `thread: 'main'` opens it on the calling thread instead (what the worker itself does).
 */
export function openSqliteStore(
  options: SqliteStoreOptions & { thread?: 'worker' | 'main' },
): Promise<Store> {
  const { thread = 'worker', ...rest } = options;
  return thread === 'main'
    ? openSqliteStoreOnThisThread(rest)
    : openWorkerStore({ kind: 'sqlite', options: rest });
}

/**
 * Opens the database file with the store's settings (WAL, `synchronous = FULL`, the page cache, the checkpoint
 * size), its WAL and shared-memory files 0600. The store and `bench/write-floor.ts` open it through this.
 */
export function openSqliteFile(file: string, busyTimeoutMs = 5000): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    if (file !== ':memory:') tightenFiles([`${file}-wal`, `${file}-shm`]);
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    sqlite.pragma(`cache_size = -${CACHE_KIB}`);
    sqlite.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

export async function openSqliteStoreOnThisThread({
  path,
  busyTimeoutMs = 5000,
}: SqliteStoreOptions): Promise<Store> {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') {
    // SQLite gives the WAL and shared-memory files the database file's mode: create it 0600 first.
    ensurePrivateDir(dirname(file));
    ensurePrivateFile(file);
  }
  const sqlite = openSqliteFile(file, busyTimeoutMs);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  try {
    await migrate(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlStore({ db, dialect: 'sqlite', location: file });
}
