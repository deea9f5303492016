/**
 * The worker thread that owns the SQLite database (decision 0006): it opens the store on the thread's own event
 * loop and runs every `Store` method the main thread's proxy (`worker-store.ts`) forwards by name, so
 * better-sqlite3's synchronous writes and fsyncs never block the server's event loop. Arguments and results are
 * structured-clone data; an error goes back as its name and message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStoreOnThisThread, type SqliteStoreOptions } from './sqlite';
import type { Store } from './store';

export interface WorkerCall {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export type WorkerReply =
  | {
      readonly type: 'ready';
      readonly dialect: Store['dialect'];
      readonly location: string;
      /** Every method of the store, by name: the proxy forwards each. */
      readonly methods: readonly string[];
    }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly name: string; readonly message: string };

const port = parentPort;
if (port === null) throw new Error('[touchpoint] sqlite-worker.ts runs as a worker thread only');

const post = (reply: WorkerReply) => port.postMessage(reply);

try {
  const store = await openSqliteStoreOnThisThread(workerData as SqliteStoreOptions);
  port.on('message', async ({ id, method, args }: WorkerCall) => {
    try {
      const fn = (store as unknown as Record<string, unknown>)[method];
      if (typeof fn !== 'function') throw new TypeError(`the store has no method ${method}`);
      const value = await (fn as (...a: unknown[]) => unknown).apply(store, args as unknown[]);
      post({ type: 'result', id, value });
      if (method === 'close') port.close();
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: 'error', id, name: e.name, message: e.message });
    }
  });
  const methods = Object.keys(store).filter(
    (key) => typeof (store as unknown as Record<string, unknown>)[key] === 'function',
  );
  post({ type: 'ready', dialect: store.dialect, location: store.location, methods });
} catch (error) {
  // The main thread terminates the worker once it has read this.
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
