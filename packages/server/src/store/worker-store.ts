/**
 * A `Store` whose work runs in a worker thread (decision 0006): a generic proxy that forwards every method call
 * by name (the worker lists its store's methods when it is ready), with its structured-clone arguments, to the store opened inside the worker (`sqlite-worker.ts`), and
 * resolves with its result. Methods added to `Store` later need nothing here. If the worker dies, pending and
 * later calls reject with `StoreUnavailableError` (the ingest route answers 503 and nothing is acknowledged).
 *
 * The worker's entry is a sibling file: `sqlite-worker.ts` when this file runs from source (under tsx or vitest;
 * the worker then loads `bin/register.js` first, which registers tsx and the `@touchpoint/source` condition on its
 * thread), `sqlite-worker.js` when it runs from the compiled `dist/`.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerCall, WorkerReply } from './sqlite-worker';
import { type Store, StoreUnavailableError } from './store';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

function workerEntry(): { url: URL; execArgv: string[] } {
  if (!FROM_SOURCE) return { url: new URL('./sqlite-worker.js', import.meta.url), execArgv: [] };
  const register = new URL('../../bin/register.js', import.meta.url);
  return { url: new URL('./sqlite-worker.ts', import.meta.url), execArgv: ['--import', register.href] };
}

function rebuild(name: string, message: string): Error {
  if (name === 'StoreUnavailableError') return new StoreUnavailableError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Starts the worker with `options` as its `workerData` and resolves once its store is open. */
export async function openWorkerStore(options: object): Promise<Store> {
  const { url, execArgv } = workerEntry();
  const worker = new Worker(url, { workerData: options, execArgv });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  let dead: Error | undefined;

  const ready = new Promise<{ dialect: Store['dialect']; location: string; methods: readonly string[] }>(
    (resolve, reject) => {
      const fail = (error: Error) => {
        dead ??= new StoreUnavailableError(`[touchpoint] the SQLite worker stopped: ${error.message}`);
        reject(error);
        for (const call of pending.values()) call.reject(dead);
        pending.clear();
      };
      worker.on('message', (reply: WorkerReply) => {
        switch (reply.type) {
          case 'ready':
            resolve({ dialect: reply.dialect, location: reply.location, methods: reply.methods });
            return;
          case 'failed':
            fail(new Error(reply.message));
            return;
          case 'result':
          case 'error': {
            const call = pending.get(reply.id);
            pending.delete(reply.id);
            if (reply.type === 'result') call?.resolve(reply.value);
            else call?.reject(rebuild(reply.name, reply.message));
          }
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    },
  );
  const { dialect, location, methods } = await ready.catch((error: Error) => {
    void worker.terminate();
    throw error;
  });

  const call = (method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (dead !== undefined) {
        reject(dead);
        return;
      }
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies WorkerCall);
    });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      try {
        await call('close', []);
      } catch {
        // already stopped: nothing left to close
      }
      await worker.terminate();
    })();
    return closing;
  };

  // A plain object with one forwarding function per method the worker's store has (so `{ ...store }` works).
  const proxy: Record<string, unknown> = { dialect, location };
  for (const method of methods) proxy[method] = (...args: unknown[]) => call(method, args);
  proxy.close = close;
  return proxy as unknown as Store;
}
