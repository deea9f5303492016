/**
 * The two databases every storage-facing suite runs against: SQLite in a temporary folder and a real PostgreSQL 15
 * from the testkit (never mocked).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PostgresHandle, postgresAvailable, startPostgres } from '@touchpoint/testkit';
import { SQLITE_FILE } from '../../src/store/open-store';
import { openPostgresStore } from '../../src/store/postgres';
import { openSqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/store';

export interface TestDatabase {
  /** A new, empty store. */
  openStore(): Promise<Store>;
  /** A new, empty database for a server process: its env and flags, and how to open it from the test. */
  serverEnv(): Promise<ServerDatabase>;
  /** Stops the database server but leaves the stores open (PostgreSQL; SQLite has no server). */
  stopServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerDatabase {
  readonly env: Record<string, string>;
  readonly args: string[];
  openStore(): Promise<Store>;
}

export interface DatabaseKind {
  readonly name: 'sqlite' | 'postgres';
  readonly skip: boolean;
  start(): Promise<TestDatabase>;
}

let counter = 0;

function sqliteKind(): DatabaseKind {
  return {
    name: 'sqlite',
    skip: false,
    async start() {
      const dir = mkdtempSync(join(tmpdir(), 'touchpoint-sqlite-'));
      const stores: Store[] = [];
      return {
        async openStore() {
          const store = await openSqliteStore({ path: join(dir, `db-${++counter}`, 'touchpoint.sqlite') });
          stores.push(store);
          return store;
        },
        async serverEnv() {
          const data = join(dir, `data-${++counter}`);
          return {
            env: {},
            args: ['--data', data],
            openStore: async () => {
              const store = await openSqliteStore({ path: join(data, SQLITE_FILE) });
              stores.push(store);
              return store;
            },
          };
        },
        async stopServer() {},
        async stop() {
          await Promise.allSettled(stores.map((s) => s.close()));
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgresKind(): DatabaseKind {
  return {
    name: 'postgres',
    skip: !postgresAvailable(),
    async start() {
      const pg: PostgresHandle = await startPostgres();
      const stores: Store[] = [];
      return {
        async openStore() {
          const url = await pg.createDatabase(`t${process.pid}_${++counter}`);
          const store = await openPostgresStore({ url });
          stores.push(store);
          return store;
        },
        async serverEnv() {
          const url = await pg.createDatabase(`s${process.pid}_${++counter}`);
          return {
            env: { DATABASE_URL: url },
            args: [],
            openStore: async () => {
              const store = await openPostgresStore({ url });
              stores.push(store);
              return store;
            },
          };
        },
        stopServer: () => pg.stop(),
        async stop() {
          await Promise.allSettled(stores.map((s) => s.close()));
          await pg.stop();
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL where it is installed (always under CI). */
export function databaseKinds(): DatabaseKind[] {
  return [sqliteKind(), postgresKind()];
}
