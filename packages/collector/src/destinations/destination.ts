/**
 * The one interface every destination implements. An HTTP destination says how to build a request and how to
 * read the answer; the collector does the batching, retries, offline queue and page-unload delivery for it. A
 * direct destination (GA4's dataLayer, the console) delivers in the page itself.
 */
import type { WireEvent } from '@touchpoint/core';

/** A destination's answer, read once: status, headers and body text. */
export interface Reply {
  readonly status: number;
  readonly body: string;
  header(name: string): string | null;
}

/** One POST. Without `headers` it goes as `text/plain;charset=UTF-8` (CORS-simple: no preflight, beacon-safe). */
export interface DestinationRequest {
  readonly url: string;
  readonly body: string;
  /** Extra headers; any header but a CORS-simple content type costs a preflight and rules out `sendBeacon`. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestInfo {
  /** How many requests carried these events before (0 on the first try). */
  readonly attempt: number;
  /** Now, as ISO 8601, for the batch's `sentAt`. */
  readonly sentAt: string;
}

/** An event the destination refused, by its index in the batch, with what was wrong. */
export interface Refusal {
  readonly index: number;
  readonly message: string;
}

interface DestinationBase {
  /**
   * A stable id: names the destination in errors and keys its offline queue in storage, so two destinations (or
   * two site keys) never share a queue. Change it and events queued under the old id wait for a page with it.
   */
  readonly id: string;
  /** Most events per request; the smaller of this and `batch.maxEvents` applies. */
  readonly maxEvents?: number;
  /** Most bytes per request body; the smaller of this and `batch.maxBytes` applies. */
  readonly maxBytes?: number;
}

export interface HttpDestination extends DestinationBase {
  /** The request that carries `events`. Keep the event ids: a retry must reuse them. */
  request(events: readonly WireEvent[], info: RequestInfo): DestinationRequest;
  /** Whether a 2xx answer acknowledges the batch. Default: a 2xx that is not HTML (captive portals answer 200 HTML). */
  acknowledged?(reply: Reply): boolean;
  /** For a 400 or 422: which events were refused. Default: none named, so the batch is split to find them. */
  refused?(reply: Reply): readonly Refusal[];
}

export interface DirectDestination extends DestinationBase {
  /** Delivers in the page. Throw (or reject) to have the batch retried later. */
  deliver(events: readonly WireEvent[]): void | Promise<void>;
}

export type Destination = HttpDestination | DirectDestination;

export const isDirect = (destination: Destination): destination is DirectDestination =>
  'deliver' in destination;

/** The default acknowledgement test: a 2xx whose body is not an HTML page. */
export const isPlainSuccess = (reply: Reply): boolean =>
  reply.status >= 200 &&
  reply.status < 300 &&
  !/html/i.test(reply.header('content-type') ?? '') &&
  !/^\s*</.test(reply.body);
