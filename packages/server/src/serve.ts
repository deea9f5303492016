/**
 * The app on a real socket through @hono/node-server: timeouts against slow clients, and a graceful stop that
 * fails readiness at once, stops accepting, lets in-flight requests finish their durable writes, then closes
 * the store (fault cases 62, 71).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve as honoServe } from '@hono/node-server';
import { createAlertsRuntime } from './alerts/alerts-runtime';
import { type AppOptions, createApp } from './app';
import { Lifecycle } from './lifecycle';
import { systemClock } from './limits';
import { scheduleRetention } from './retention';

export interface ServerTimeouts {
  /**
   * Time to receive all request headers; a slow-headers client is closed with 408 (slowloris).
   * @default 10000
   */
  readonly headersTimeoutMs: number;
  /**
   * Time to receive a whole request, body included; a slow-body client is closed with 408.
   * @default 30000
   */
  readonly requestTimeoutMs: number;
  /**
   * An idle keep-alive connection is closed after this.
   * @default 5000
   */
  readonly keepAliveTimeoutMs: number;
  /**
   * On stop, in-flight requests get this long to finish before their connections are closed.
   * @default 10000
   */
  readonly drainTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5000,
  drainTimeoutMs: 10_000,
};

export interface ServeOptions extends AppOptions {
  /** @default 8787 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  readonly timeouts?: Partial<ServerTimeouts>;
}

export interface RunningServer {
  readonly server: Server;
  /** `http://HOST:PORT` */
  readonly url: string;
  readonly port: number;
  /**
   * Stops gracefully and closes the store. Resolves `true` when every in-flight request finished in time, `false`
   * when the drain deadline closed some connections (their clients got no answer and will retry).
   */
  stop(): Promise<boolean>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const lifecycle = options.lifecycle ?? new Lifecycle();
  const log = options.log ?? ((line: string) => console.warn(line));
  const alerts = createAlertsRuntime({
    ...options.alerts,
    store: options.store,
    clock: options.clock ?? { now: () => Date.now() },
    log,
  });
  const app = createApp({ ...options, lifecycle, alertDelivery: alerts.delivery });
  const host = options.host ?? '127.0.0.1';

  const server = await new Promise<Server>((resolve, reject) => {
    const created = honoServe(
      {
        fetch: app.fetch,
        port: options.port ?? 8787,
        hostname: host,
        serverOptions: {
          headersTimeout: timeouts.headersTimeoutMs,
          requestTimeout: timeouts.requestTimeoutMs,
          keepAliveTimeout: timeouts.keepAliveTimeoutMs,
          // How often Node checks the two timeouts above (its default, 30 s, would let slow clients stay longer).
          connectionsCheckingInterval: Math.min(1000, timeouts.headersTimeoutMs),
        },
      },
      () => resolve(created as Server),
    ) as Server;
    created.once('error', reject);
  });
  server.on('error', (error) => console.warn(`[touchpoint] server error: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  const retention = scheduleRetention(options.store, options.sites, {
    clock: options.clock ?? systemClock,
    log: options.log ?? ((line) => console.warn(line)),
  });
  alerts.delivery.start();

  let stopping: Promise<boolean> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      lifecycle.draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections go at once; busy ones as soon as their request is answered.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeouts.drainTimeoutMs);
      });
      const clean = await Promise.race([closed.then(() => true as const), deadline]);
      clearInterval(sweep);
      clearTimeout(timer);
      if (!clean) {
        server.closeAllConnections();
        await closed;
      }
      await retention.stop();
      // Attempts in flight finish and are recorded; what is still due waits in the outbox for the next start.
      await alerts.delivery.stop();
      await options.store.close();
      return clean;
    })();
    return stopping;
  };

  return { server, port, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, stop };
}
