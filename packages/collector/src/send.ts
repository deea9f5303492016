/**
 * One delivery attempt of one batch to one destination, and what its outcome means (docs/faults.md §2):
 *
 * | answer | outcome |
 * | --- | --- |
 * | 2xx with the destination's acknowledgement | `ok` |
 * | 2xx without it (a captive portal's HTML), 408, 429, 5xx but 501/505, a timeout | `retry` (Retry-After honoured) |
 * | no status: network error, CORS, an ad blocker | `retry`, marked `zero` so the collector can cap them |
 * | 413, or a 400/422 that names no event | `split` the batch in halves; a single event is dropped |
 * | 400/422 naming events | `refuse` those events; the rest go on at once |
 * | 401, 403 | `stop`: the destination rests for `retry.authBackoffMs` |
 * | anything else (404, 410, 501, 505, …) | `drop` the batch |
 */
import type { WireEvent } from '@touchpoint/core';
import {
  type Destination,
  type HttpDestination,
  isDirect,
  isPlainSuccess,
  type Reply,
} from './destinations/destination';
import { CollectorError, type HttpError } from './errors';
import type { Clock, FetchLike } from './options';
import { parseRetryAfter } from './retry-after';
import { utf8Length } from './to-json';

export type Outcome =
  | { readonly type: 'ok' }
  | {
      readonly type: 'retry';
      readonly error: CollectorError;
      readonly after?: number;
      readonly zero?: boolean;
    }
  | { readonly type: 'split'; readonly error: CollectorError }
  | { readonly type: 'refuse'; readonly error: HttpError; readonly refused: ReadonlyMap<number, string[]> }
  | { readonly type: 'stop'; readonly error: HttpError }
  | { readonly type: 'drop'; readonly error: CollectorError };

export interface SendContext {
  readonly clock: Clock;
  readonly fetch: FetchLike | undefined;
  readonly timeoutMs: number;
  /** Largest request body, in UTF-8 bytes. */
  readonly maxBytes: number;
}

/** The request for `events`, or why there is none. */
export async function deliver(
  destination: Destination,
  events: readonly WireEvent[],
  attempt: number,
  keepalive: boolean,
  context: SendContext,
): Promise<Outcome> {
  const { id } = destination;
  const sentAt = new Date(context.clock.now()).toISOString();
  try {
    if (isDirect(destination)) {
      await destination.deliver(events);
      return { type: 'ok' };
    }
    const request = destination.request(events, { attempt, sentAt });
    const bytes = utf8Length(request.body);
    if (bytes > context.maxBytes) {
      return {
        type: 'split',
        error: new CollectorError(
          'EventTooLargeError',
          `an event is over the ${context.maxBytes}-byte limit of ${id}`,
          events,
          id,
        ),
      };
    }
    const reply = await post(request, keepalive, context);
    return typeof reply === 'string'
      ? reply === 'timeout'
        ? { type: 'retry', error: new CollectorError('TimeoutError', `${id} timed out`, events, id) }
        : {
            type: 'retry',
            zero: true,
            error: new CollectorError('NetworkError', `${id} unreachable (${reply})`, events, id),
          }
      : classify(reply, destination, events, context.clock.now());
  } catch (error) {
    // A destination's own code threw (a body mapper, a direct delivery): retried like a failed request.
    return {
      type: 'retry',
      error: new CollectorError('NetworkError', `${id}: ${String(error)}`, events, id),
    };
  }
}

/** POSTs and reads the answer; a string says why there is none. Never rejects, never throws. */
export async function post(
  request: { url: string; body: string; headers?: Readonly<Record<string, string>> },
  keepalive: boolean,
  { clock, fetch, timeoutMs }: Pick<SendContext, 'clock' | 'fetch' | 'timeoutMs'>,
): Promise<Reply | string> {
  if (fetch === undefined) return 'fetch is not available';
  // AbortController may be missing on old browsers or replaced by a host; the timeout still wins the race.
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  let timer: unknown;
  const timedOut = new Promise<string>((resolve) => {
    timer = clock.setTimeout(() => {
      controller?.abort();
      resolve('timeout');
    }, timeoutMs);
  });
  const answered = (async (): Promise<Reply | string> => {
    const response = await fetch(request.url, {
      method: 'POST',
      body: request.body,
      headers: request.headers ?? { 'Content-Type': 'text/plain;charset=UTF-8' },
      credentials: 'omit',
      keepalive,
      ...(controller === undefined ? {} : { signal: controller.signal }),
    });
    const body = await response.text();
    return { status: response.status, body, header: (name) => response.headers.get(name) };
  })().catch((error: unknown) => (error instanceof Error ? error.message : String(error)) || 'network error');
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clock.clearTimeout(timer);
  }
}

function classify(
  reply: Reply,
  destination: HttpDestination,
  events: readonly WireEvent[],
  now: number,
): Outcome {
  const { status } = reply;
  const { id } = destination;
  const http = (message: string) =>
    new CollectorError('HttpError', `${id} answered ${status}, ${message}`, events, id, status) as HttpError;
  if (status >= 200 && status < 300) {
    return (destination.acknowledged ? destination.acknowledged(reply) : isPlainSuccess(reply))
      ? { type: 'ok' }
      : { type: 'retry', error: http('no acknowledgement (a captive portal?)') };
  }
  if (status === 400 || status === 422) {
    const refused = new Map<number, string[]>();
    for (const { index, message } of destination.refused?.(reply) ?? []) {
      if (Number.isInteger(index) && index >= 0 && index < events.length) {
        refused.set(index, [...(refused.get(index) ?? []), message]);
      }
    }
    const error = http('refused');
    if (refused.size > 0) return { type: 'refuse', error, refused };
    return {
      type: 'split',
      error: new CollectorError(
        'EventRejectedError',
        `${id} refused an event (${status})`,
        events,
        id,
        status,
      ),
    };
  }
  if (status === 413) {
    return {
      type: 'split',
      error: new CollectorError('EventTooLargeError', `${id}: an event is too large (413)`, events, id),
    };
  }
  if (status === 401 || status === 403) {
    return { type: 'stop', error: http('paused, queue kept') };
  }
  if (status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505)) {
    const after = parseRetryAfter(reply.header('retry-after'), now);
    return { type: 'retry', error: http('will retry'), ...(after === undefined ? {} : { after }) };
  }
  return { type: 'drop', error: http('dropped') };
}
