/**
 * The collector's errors: one base class, a literal `name` on each, and `is*` guards that also recognise errors
 * from another realm or another copy of the package by that name (ky's pattern). The collector never throws these
 * into the host page; it hands them to `onError` and prints one `[touchpoint]` line.
 */
import type { WireEvent } from '@touchpoint/core';

/** Anything the collector reports. `events` are the events concerned (empty when none is). */
export class CollectorError extends Error {
  override name: string = 'CollectorError';
  /** The events this error is about: dropped, held back or refused. */
  readonly events: readonly WireEvent[];
  /** The destination id, when the error comes from one destination. */
  readonly destination: string | undefined;

  constructor(message: string, events: readonly WireEvent[] = [], destination?: string) {
    super(message);
    this.events = events;
    this.destination = destination;
  }
}

/** An option of `createCollector` is missing or wrong; the collector then drops what it is given. */
export class ConfigError extends CollectorError {
  override name = 'ConfigError' as const;
}

/** `send()` was given something that is not a valid wire event; it is dropped. */
export class InvalidEventError extends CollectorError {
  override name = 'InvalidEventError' as const;
}

/** A destination answered with an HTTP status that is not an acknowledgement. */
export class HttpError extends CollectorError {
  override name = 'HttpError' as const;
  readonly status: number;

  constructor(message: string, status: number, events: readonly WireEvent[], destination?: string) {
    super(message, events, destination);
    this.status = status;
  }
}

/**
 * The request failed without a status (status 0): the network is down, or CORS, a `connect-src` policy or an ad
 * blocker refused it. The browser does not tell these apart.
 */
export class NetworkError extends CollectorError {
  override name = 'NetworkError' as const;
}

/** The destination did not answer within `retry.timeoutMs`. */
export class TimeoutError extends CollectorError {
  override name = 'TimeoutError' as const;
}

/** The destination refused this event as invalid (400 or 422); it is dropped, the others go on. */
export class EventRejectedError extends CollectorError {
  override name = 'EventRejectedError' as const;
  readonly status: number;
  /** What the server said was wrong, e.g. `events[0].answers[0].value: expected a number of at most 10`. */
  readonly problems: readonly string[];

  constructor(
    message: string,
    status: number,
    problems: readonly string[],
    events: readonly WireEvent[],
    destination?: string,
  ) {
    super(message, events, destination);
    this.status = status;
    this.problems = problems;
  }
}

/** One event is bigger than a request may be (`batch.maxBytes`, or a 413 for it alone); it is dropped. */
export class EventTooLargeError extends CollectorError {
  override name = 'EventTooLargeError' as const;
}

/** The collector gave up on these events: `retry.maxAttempts` used up or older than `retry.maxAgeMs`. */
export class DeliveryFailedError extends CollectorError {
  override name = 'DeliveryFailedError' as const;
}

/** The queue was full (`queue.maxEvents` or `queue.maxBytes`); these oldest events were dropped. */
export class QueueFullError extends CollectorError {
  override name = 'QueueFullError' as const;
}

/** Storage could not be read or written (blocked, full, corrupt); the collector goes on in memory. */
export class StorageError extends CollectorError {
  override name = 'StorageError' as const;
}

const is =
  <T extends CollectorError>(...names: string[]) =>
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
export const isCollectorError = /* @__PURE__ */ is<CollectorError>(
  'CollectorError',
  'ConfigError',
  'InvalidEventError',
  'HttpError',
  'NetworkError',
  'TimeoutError',
  'EventRejectedError',
  'EventTooLargeError',
  'DeliveryFailedError',
  'QueueFullError',
  'StorageError',
);
