/**
 * The embedded default: SQLite through better-sqlite3, in WAL mode with `synchronous=FULL`, so a commit is on disk
 * before the server answers 2xx and survives `kill -9` and power loss (fault case 69). The folder it creates is
 * 0700 and the database with its WAL 0600 (`private-files.ts`).
 */
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ensurePrivateDir, ensurePrivateFile, tightenFiles } from '../private-files';
import { migrate } from './migrations';
import { createSqlStore } from './sql-store';
import type { Store } from './store';
import type { Database } from './tables';
import { openWorkerStore } from './worker-store';

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
  return thread === 'main' ? openSqliteStoreOnThisThread(rest) : openWorkerStore(rest);
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
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    if (file !== ':memory:') tightenFiles([`${file}-wal`, `${file}-shm`]);
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlStore({ db, dialect: 'sqlite', location: file });
}
