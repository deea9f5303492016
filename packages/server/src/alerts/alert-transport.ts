/**
 * One HTTP POST of an alert, over node:http(s) with a lookup that refuses a private or loopback address (SSRF):
 * the check runs on the addresses the connection is made to (no second resolution a DNS rebinding could change),
 * on every hop — a redirect (301, 302, 303, 307, 308; at most `MAX_REDIRECTS`) is POSTed again with the same body
 * and headers and checked the same way. One deadline covers the whole attempt, redirects included.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy';

export const MAX_REDIRECTS = 3;
/** Bytes of a receiver's answer kept for the attempt log. */
export const RESPONSE_SNIPPET_BYTES = 512;

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves a host name to all its addresses (`dns.promises.lookup(host, { all: true })`). */
export type Lookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface AlertRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface AlertResponse {
  readonly status: number;
  readonly retryAfter: string | undefined;
  /** The start of the answer, for the attempt log. */
  readonly snippet: string;
}

/** Why an attempt got no answer: `blocked` (SSRF), `timeout`, or `network` (refused, reset, DNS…). */
export class TransportError extends Error {
  constructor(
    readonly kind: 'blocked' | 'timeout' | 'network',
    message: string,
  ) {
    super(message);
  }
}

/** Sends one alert; resolves with the final answer (after redirects) or rejects with a `TransportError`. */
export type AlertTransport = (request: AlertRequest, timeoutMs: number) => Promise<AlertResponse>;

const blockedMessage = (host: string, address: string) =>
  `refused: ${host} is ${address}, a private or loopback address (start the server with --allow-private-alert-targets to allow it)`;

export function createHttpTransport(options: { lookup: Lookup; permitted: AddressPolicy }): AlertTransport {
  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    options.lookup(hostname).then(
      (addresses) => {
        const wanted = addresses.filter(
          (a) =>
            lookupOptions.family === undefined ||
            lookupOptions.family === 0 ||
            a.family === lookupOptions.family,
        );
        const bad = addresses.find((a) => !options.permitted(a.address));
        if (bad !== undefined) {
          callback(new TransportError('blocked', blockedMessage(hostname, bad.address)), '', 0);
        } else if (wanted.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
        } else if (lookupOptions.all) {
          (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [...wanted]);
        } else {
          callback(null, wanted[0]!.address, wanted[0]!.family);
        }
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };

  function hop(url: URL, request: AlertRequest, signal: AbortSignal): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) !== 0 && !options.permitted(host)) {
        reject(new TransportError('blocked', blockedMessage(host, host)));
        return;
      }
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(url, {
        method: 'POST',
        headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) },
        lookup: guardedLookup,
        signal,
        agent: false,
      });
      req.once('response', resolve);
      req.once('error', (error) => {
        if (error instanceof TransportError) reject(error);
        else if (signal.aborted) reject(new TransportError('timeout', 'no answer within the timeout'));
        else reject(new TransportError('network', error.message));
      });
      req.end(request.body);
    });
  }

  return async (request, timeoutMs) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let url = new URL(request.url);
      for (let redirects = 0; ; redirects++) {
        const response = await hop(url, request, controller.signal);
        const location = response.headers.location;
        if ([301, 302, 303, 307, 308].includes(response.statusCode ?? 0) && location !== undefined) {
          response.resume();
          if (redirects >= MAX_REDIRECTS) {
            throw new TransportError('network', `more than ${MAX_REDIRECTS} redirects`);
          }
          const next = new URL(location, url);
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new TransportError('blocked', `refused: a redirect to ${next.protocol} URL`);
          }
          url = next;
          continue;
        }
        const snippet = await new Promise<string>((resolve) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if (size < RESPONSE_SNIPPET_BYTES) chunks.push(chunk);
            size += chunk.length;
            if (size >= RESPONSE_SNIPPET_BYTES) response.destroy();
          });
          response.once('close', () =>
            resolve(Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES).toString('utf8')),
          );
          response.once('error', () => undefined);
        });
        const retryAfter = response.headers['retry-after'];
        return {
          status: response.statusCode ?? 0,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          snippet,
        };
      }
    } catch (error) {
      if (error instanceof TransportError) throw error;
      if (controller.signal.aborted) throw new TransportError('timeout', 'no answer within the timeout');
      throw new TransportError('network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  };
}
