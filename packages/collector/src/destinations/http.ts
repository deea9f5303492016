/**
 * Any HTTP backend or webhook: a URL, optional headers and a body mapper. The building block for your own
 * destination (README: "Write your own destination").
 */
import type { WireEvent } from '@touchpoint/core';
import { toJson } from '../to-json';
import type { DestinationRequest, HttpDestination, Reply, RequestInfo } from './destination';

export interface HttpDestinationOptions {
  /** Where to POST. */
  readonly url: string;
  /** Names the destination in errors and keys its offline queue. @default `http ${url}` */
  readonly id?: string;
  /**
   * Extra headers, e.g. `{ Authorization: 'Bearer …' }` or `{ 'Content-Type': 'application/json' }`. Any header
   * costs a CORS preflight and rules out `sendBeacon` at page unload (a keepalive fetch is used instead).
   * @default none: the body goes as `text/plain;charset=UTF-8`
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** The request body for a batch. @default JSON of `{ sentAt, events }` */
  readonly body?: (events: readonly WireEvent[], info: RequestInfo) => string;
  /** Whether an answer acknowledges the batch. @default a 2xx that is not an HTML page */
  readonly acknowledged?: (reply: Reply) => boolean;
  /** Most events per request. @default 100 (`MAX_EVENTS_PER_BATCH`) */
  readonly maxEvents?: number;
  /** Most bytes per request body. @default 49152 (`MAX_REQUEST_BYTES`) */
  readonly maxBytes?: number;
}

export function httpDestination(options: HttpDestinationOptions): HttpDestination {
  const { url, headers, body = (events, { sentAt }) => toJson({ sentAt, events }), ...rest } = options;
  return {
    ...rest,
    id: options.id ?? `http ${url}`,
    request: (events, info): DestinationRequest => ({
      url,
      body: body(events, info),
      ...(headers === undefined ? {} : { headers }),
    }),
  };
}
