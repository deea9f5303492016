/**
 * `createCollector`: the sink the widget hands its events to. It never throws into the host page: every error
 * goes to `onError` and one `[touchpoint]` console line.
 */
import { type EventSink, MAX_EVENT_AGE_MS, type WireEvent } from '@touchpoint/core';
import type { Destination } from './destinations/destination';
import { touchpointDestination } from './destinations/touchpoint';
import { CollectorError } from './errors';
import { isWireEvent } from './is-wire-event';
import { createLane, type Lane } from './lane';
import { browserOnlineSource } from './online';
import {
  type Clock,
  type CollectorOptions,
  DEFAULT_BATCH,
  DEFAULT_QUEUE,
  type EventTargetLike,
  type FetchLike,
  type Lifecycle,
  type StorageLike,
} from './options';
import { watchPageLifecycle } from './page-lifecycle';
import { DEFAULT_RETRY } from './retry';
import { xhrFetch } from './xhr-fetch';

export interface Collector extends EventSink {
  /** Queues the event and schedules its delivery. Never throws. */
  send(event: WireEvent): void;
  /** Sends what is queued now; resolves once each destination has answered or is waiting to retry. Never rejects. */
  flush(): Promise<void>;
  /** Flushes, then removes every listener and timer; later events are dropped with an error. Never rejects. */
  close(): Promise<void>;
  /** Consent mode: `true` persists the queue from now on; `false` clears what was stored and keeps to memory. */
  setConsent(granted: boolean): void;
}

interface Host {
  localStorage?: StorageLike;
  document?: Lifecycle['document'];
  navigator?: { sendBeacon?: (url: string, data: string) => boolean };
  fetch?: FetchLike;
  XMLHttpRequest?: typeof XMLHttpRequest;
  addEventListener?: unknown;
}

/**
 * Creates a collector.
 *
 * @example
 * const collector = createCollector({ endpoint: 'https://feedback.example.com', siteKey: 'pk_live_123' });
 * init({ config, onEvent: collector });
 */
export function createCollector(options: CollectorOptions): Collector {
  return startCollector(options, isWireEvent);
}

/**
 * A collector whose events pass `isEvent` (in `send()` and when read back from storage): `isWireEvent` (the whole
 * wire contract) for `createCollector`, a structural check for `createScriptTagCollector`.
 */
export function startCollector(
  options: CollectorOptions,
  isEvent: (value: unknown) => value is WireEvent,
): Collector {
  const host = globalThis as typeof globalThis & Host;
  const logger = options.logger === undefined ? host.console : options.logger;
  const report = (error: CollectorError, level: 'warn' | 'error' = 'error') => {
    try {
      options.onError?.(error);
    } catch {}
    try {
      logger?.[level](`[touchpoint] ${error.message}`);
    } catch {}
  };
  try {
    return build(options, host, report, isEvent);
  } catch (error) {
    report(
      error instanceof CollectorError
        ? error
        : new CollectorError('ConfigError', `could not start: ${String(error)}`),
    );
    return {
      send: () => {},
      flush: async () => {},
      close: async () => {},
      setConsent: () => {},
    };
  }
}

function build(
  options: CollectorOptions,
  host: typeof globalThis & Host,
  report: (error: CollectorError, level?: 'warn' | 'error') => void,
  isEvent: (value: unknown) => value is WireEvent,
): Collector {
  const { endpoint, siteKey } = options;
  if (endpoint !== undefined && !siteKey)
    throw new CollectorError('ConfigError', '`endpoint` needs a `siteKey`');
  const destinations: Destination[] = [
    ...(endpoint === undefined ? [] : [touchpointDestination({ endpoint, siteKey: siteKey! })]),
    ...(options.destinations ?? []),
  ];
  if (destinations.length === 0) {
    throw new CollectorError('ConfigError', 'give `endpoint` and `siteKey`, or `destinations`');
  }
  const batch = { ...DEFAULT_BATCH, ...options.batch };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  // The server counts an event no earlier than its receive time minus core's MAX_EVENT_AGE_MS: hold none longer.
  retry.maxAgeMs = Math.min(retry.maxAgeMs, MAX_EVENT_AGE_MS);
  const queue = { ...DEFAULT_QUEUE, ...options.queue };
  for (const [name, value] of Object.entries({ ...batch, ...queue, ...retry })) {
    if (!(value >= 0)) throw new CollectorError('ConfigError', `${name} must be a number ≥ 0`);
  }
  const clock: Clock = options.clock ?? {
    now: () => Date.now(),
    setTimeout: (callback, ms) => host.setTimeout(callback, ms),
    clearTimeout: (handle) => host.clearTimeout(handle as number),
  };
  const random = options.random ?? Math.random;

  let storage: StorageLike | null = null;
  try {
    // Reading `localStorage` throws in a sandboxed iframe or with storage blocked: then memory it is.
    storage = options.storage === undefined ? (host.localStorage ?? null) : options.storage;
  } catch {}
  let consented = !options.consent?.required || options.consent.granted === true;

  const lifecycle: Lifecycle | null =
    options.lifecycle === undefined
      ? {
          window:
            typeof host.addEventListener === 'function' ? (host as unknown as EventTargetLike) : undefined,
          document: host.document,
        }
      : options.lifecycle;
  const online = options.online ?? browserOnlineSource(lifecycle?.window);
  const tab = `${clock.now().toString(36)}${random().toString(36).slice(2, 8)}`;

  const lanes: Lane[] = destinations.map((destination) =>
    createLane(destination, {
      clock,
      random,
      retry,
      batch,
      queue,
      tab,
      fetch: () =>
        options.fetch ??
        (host.fetch
          ? (url, init) => host.fetch!(url, init)
          : host.XMLHttpRequest && xhrFetch(host.XMLHttpRequest)),
      sendBeacon: () => {
        if (options.sendBeacon !== undefined) return options.sendBeacon ?? undefined;
        const beacon = host.navigator?.sendBeacon;
        return typeof beacon === 'function'
          ? (url, data) => beacon.call(host.navigator, url, data)
          : undefined;
      },
      isOnline: () => online.isOnline(),
      storage: () => (consented ? storage : null),
      report,
      isEvent,
    }),
  );
  const unsubscribe = [
    online.subscribe((isOnline) => {
      if (isOnline) for (const lane of lanes) lane.wake();
    }),
    lifecycle === null ? () => {} : watchPageLifecycle(lifecycle, lanes),
  ];
  for (const lane of lanes) lane.start();

  let closed = false;
  /** `fn` with whatever it throws reported, never thrown into the host page. */
  const safely =
    <A extends unknown[]>(name: string, fn: (...args: A) => void) =>
    (...args: A) => {
      try {
        fn(...args);
      } catch (error) {
        report(new CollectorError('CollectorError', `${name} failed: ${String(error)}`));
      }
    };
  const flush = () => Promise.all(lanes.map((lane) => lane.flush())).then(() => {});

  return {
    send: safely('send', (event: WireEvent) => {
      if (closed) report(new CollectorError('CollectorError', 'closed: event dropped', [event]));
      else if (!isEvent(event))
        report(new CollectorError('InvalidEventError', 'send() got an invalid event; dropped'));
      else for (const lane of lanes) lane.add(event);
    }),
    flush,
    async close() {
      if (closed) return;
      await flush();
      closed = true;
      safely('close', () => {
        for (const lane of lanes) lane.close();
        for (const stop of unsubscribe) stop();
      })();
    },
    setConsent: safely('setConsent', (granted: boolean) => {
      if (granted === consented) return;
      if (!granted) for (const lane of lanes) lane.clear();
      consented = granted;
      if (granted) for (const lane of lanes) lane.start();
    }),
  };
}
