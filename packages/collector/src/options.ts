/**
 * Everything `createCollector` accepts, with its default. Every default is read from `globalThis` when the
 * collector is created (fetch and sendBeacon: at each request, so a host's wrapper is honoured), never at import.
 */
import type { Destination } from './destinations/destination';
import type { CollectorError } from './errors';
import type { OnlineSource } from './online';
import type { RetryPolicy } from './retry';

export interface BatchOptions {
  /** Most events per request. @default 100 (`MAX_EVENTS_PER_BATCH` of `@touchpoint/core`) */
  readonly maxEvents: number;
  /**
   * Most bytes per request body (UTF-8). Requests sent at page unload never exceed 48 KiB, whatever this says.
   * @default 49152 (`MAX_REQUEST_BYTES`: 48 KiB, under the browser's shared 64 KiB keepalive budget)
   */
  readonly maxBytes: number;
  /** How long a lone event waits for company before it is sent, in milliseconds. @default 1000 */
  readonly maxWaitMs: number;
}

export interface QueueOptions {
  /** Most events waiting per destination; past it the oldest is dropped with a `QueueFullError`. @default 1000 */
  readonly maxEvents: number;
  /** Most bytes (JSON) waiting per destination; past it the oldest is dropped. @default 262144 (256 KiB) */
  readonly maxBytes: number;
}

export interface ConsentOptions {
  /** Consent mode: nothing is written to (or read from) storage until consent is given. @default false */
  readonly required: boolean;
  /** Whether consent is already given. @default `!required` */
  readonly granted?: boolean;
}

/** A Web Storage area (`localStorage`) or anything shaped like one. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Enough of `fetch` for the collector: POST a string, read the status, one header and the body text. */
export type FetchLike = (
  url: string,
  init: RequestInit,
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface EventTargetLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

export interface Lifecycle {
  /** Where `pagehide`, `pageshow`, `online` and `offline` fire. @default `globalThis` in a browser */
  readonly window?: EventTargetLike | undefined;
  /** Where `visibilitychange` fires, with `visibilityState`. @default `globalThis.document` */
  readonly document?: (EventTargetLike & { readonly visibilityState?: string }) | undefined;
}

export interface Logger {
  warn(message: string): void;
  error(message: string): void;
}

export interface CollectorOptions {
  /** Base URL of the reference server; with `siteKey`, the default destination. */
  readonly endpoint?: string;
  /** The site's public key, sent as `?site=`. Required with `endpoint`. */
  readonly siteKey?: string;
  /**
   * Where events go, instead of (or besides) `endpoint`: each destination gets every event, with its own queue,
   * retries and back-off. @default `[touchpointDestination({ endpoint, siteKey })]`
   */
  readonly destinations?: readonly Destination[];
  /** Batching. @default `{ maxEvents: 100, maxBytes: 49152, maxWaitMs: 1000 }` */
  readonly batch?: Partial<BatchOptions>;
  /** Retries and back-off, as documented data; see `DEFAULT_RETRY`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Bounds of the offline queue. @default `{ maxEvents: 1000, maxBytes: 262144 }` */
  readonly queue?: Partial<QueueOptions>;
  /**
   * Where the offline queue is kept, or `null` for memory only.
   * @default `globalThis.localStorage`, or memory only when reading it throws (sandboxed iframe, blocked storage)
   */
  readonly storage?: StorageLike | null;
  /** Consent mode. @default `{ required: false }` */
  readonly consent?: ConsentOptions;
  /** @default `globalThis.fetch`, looked up at each request */
  readonly fetch?: FetchLike;
  /** @default `navigator.sendBeacon`, looked up at each page-unload flush */
  readonly sendBeacon?: ((url: string, data: string) => boolean) | null;
  /** @default `Date.now` with `globalThis.setTimeout` / `clearTimeout` */
  readonly clock?: Clock;
  /** Randomness for the backoff jitter and the tab id, in [0, 1). @default `Math.random` */
  readonly random?: () => number;
  /** Online state. @default `navigator.onLine` with the `online` / `offline` events of `lifecycle.window` */
  readonly online?: OnlineSource;
  /** Where to listen for page lifecycle events, or `null` for none (Node, workers). @default the page */
  readonly lifecycle?: Lifecycle | null;
  /** Called with every error; what it throws is swallowed. @default none */
  readonly onError?: (error: CollectorError) => void;
  /** Where the one `[touchpoint]` line per error goes, or `null` for silence. @default `console` */
  readonly logger?: Logger | null;
}

export const DEFAULT_BATCH: BatchOptions = { maxEvents: 100, maxBytes: 48 * 1024, maxWaitMs: 1000 };
export const DEFAULT_QUEUE: QueueOptions = { maxEvents: 1000, maxBytes: 256 * 1024 };
