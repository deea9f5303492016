import { join } from 'node:path';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

/** The SQLite file inside a data folder. */
export const SQLITE_FILE = 'touchpoint.sqlite';

export interface OpenStoreOptions {
  /** A `postgres://` (or `postgresql://`) URL; when set, PostgreSQL is used and `dataDir` is ignored. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the SQLite file. */
  readonly dataDir: string;
  /**
   * Where SQLite runs: in a worker thread (the default, the event loop stays free) or on the calling thread
   * (`TOUCHPOINT_SQLITE_THREAD=main`, for comparison in the ingest bench).
   */
  readonly sqliteThread?: 'worker' | 'main' | undefined;
}

/** PostgreSQL when a database URL is given, else SQLite in the data folder. */
export function openStore({ databaseUrl, dataDir, sqliteThread }: OpenStoreOptions): Promise<Store> {
  if (databaseUrl !== undefined && databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new Error('[touchpoint] DATABASE_URL must start with postgres:// or postgresql://');
    }
    return openPostgresStore({ url: databaseUrl });
  }
  return openSqliteStore({ path: join(dataDir, SQLITE_FILE), thread: sqliteThread ?? 'worker' });
}
