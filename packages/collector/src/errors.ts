/**
 * The collector's errors: one class, whose literal `name` says what went wrong (its code), and `is*` guards that
 * also recognise errors from another realm or another copy of the package by that name (ky's pattern). One class
 * rather than one per code keeps the script-tag bundle small. The collector never throws these into the host page;
 * it hands them to `onError` and prints one `[touchpoint]` line.
 */
import type { WireEvent } from '@touchpoint/core';

/** What went wrong; each code is the error's `name`, with an `is*` guard. */
export const COLLECTOR_ERROR_CODES = [
  /** Anything else (a destination's code threw, an event came after `close()`). */
  'CollectorError',
  /** An option of `createCollector` is missing or wrong; the collector then drops what it is given. */
  'ConfigError',
  /** `send()` was given something that is not a valid wire event; it is dropped. */
  'InvalidEventError',
  /** A destination answered with an HTTP status that is not an acknowledgement (`status`). */
  'HttpError',
  /**
   * The request failed without a status (status 0): the network is down, or CORS, a `connect-src` policy or an ad
   * blocker refused it. The browser does not tell these apart.
   */
  'NetworkError',
  /** The destination did not answer within `retry.timeoutMs`. */
  'TimeoutError',
  /** The destination refused this event as invalid (400 or 422, `status`, `problems`); it is dropped. */
  'EventRejectedError',
  /** One event is bigger than a request may be (`batch.maxBytes`, or a 413 for it alone); it is dropped. */
  'EventTooLargeError',
  /** The collector gave up on these events: `retry.maxAttempts` used up or older than `retry.maxAgeMs`. */
  'DeliveryFailedError',
  /** The queue was full (`queue.maxEvents` or `queue.maxBytes`); these oldest events were dropped. */
  'QueueFullError',
  /** Storage could not be read or written (blocked, full, corrupt); the collector goes on in memory. */
  'StorageError',
] as const;

export type CollectorErrorCode = (typeof COLLECTOR_ERROR_CODES)[number];

/** Anything the collector reports. `events` are the events concerned (empty when none is). */
export class CollectorError extends Error {
  /** What went wrong (one of `COLLECTOR_ERROR_CODES`). */
  override name: CollectorErrorCode;
  /** The events this error is about: dropped, held back or refused. */
  readonly events: readonly WireEvent[];
  /** The destination id, when the error comes from one destination. */
  readonly destination: string | undefined;
  /** The HTTP status (`HttpError`, `EventRejectedError`). */
  readonly status: number | undefined;
  /** What the server said was wrong, e.g. `events[0].answers[0].value: expected a number of at most 10`. */
  readonly problems: readonly string[];

  constructor(
    name: CollectorErrorCode,
    message: string,
    events: readonly WireEvent[] = [],
    destination?: string,
    status?: number,
    problems: readonly string[] = [],
  ) {
    super(message);
    this.name = name;
    this.events = events;
    this.destination = destination;
    this.status = status;
    this.problems = problems;
  }
}

/** An error of one code, as its guard narrows it. */
export type CollectorErrorOf<C extends CollectorErrorCode> = CollectorError & { readonly name: C };
/** A destination answered with an HTTP status that is not an acknowledgement. */
export type HttpError = CollectorErrorOf<'HttpError'> & { readonly status: number };
/** The destination refused this event as invalid (400 or 422); it is dropped, the others go on. */
export type EventRejectedError = CollectorErrorOf<'EventRejectedError'> & { readonly status: number };
export type ConfigError = CollectorErrorOf<'ConfigError'>;
export type InvalidEventError = CollectorErrorOf<'InvalidEventError'>;
export type NetworkError = CollectorErrorOf<'NetworkError'>;
export type TimeoutError = CollectorErrorOf<'TimeoutError'>;
export type EventTooLargeError = CollectorErrorOf<'EventTooLargeError'>;
export type DeliveryFailedError = CollectorErrorOf<'DeliveryFailedError'>;
export type QueueFullError = CollectorErrorOf<'QueueFullError'>;
export type StorageError = CollectorErrorOf<'StorageError'>;

const is =
  <T extends CollectorError>(...names: readonly string[]) =>
  (error: unknown): error is T =>
    error instanceof Error && names.includes(error.name);

export const isHttpError = /* @__PURE__ */ is<HttpError>('HttpError');
export const isNetworkError = /* @__PURE__ */ is<NetworkError>('NetworkError');
export const isTimeoutError = /* @__PURE__ */ is<TimeoutError>('TimeoutError');
export const isEventRejectedError = /* @__PURE__ */ is<EventRejectedError>('EventRejectedError');
export const isEventTooLargeError = /* @__PURE__ */ is<EventTooLargeError>('EventTooLargeError');
export const isDeliveryFailedError = /* @__PURE__ */ is<DeliveryFailedError>('DeliveryFailedError');
export const isQueueFullError = /* @__PURE__ */ is<QueueFullError>('QueueFullError');
export const isStorageError = /* @__PURE__ */ is<StorageError>('StorageError');
export const isInvalidEventError = /* @__PURE__ */ is<InvalidEventError>('InvalidEventError');
export const isConfigError = /* @__PURE__ */ is<ConfigError>('ConfigError');
export const isCollectorError = /* @__PURE__ */ is<CollectorError>(...COLLECTOR_ERROR_CODES);
