/**
 * The reference server's ingest endpoint as an msw handler: it validates each batch with core's schema, stores each
 * event id once (as the real server's unique key does) and answers core's `Ack`, or core's `ErrorBody` naming the
 * bad events by path. A test scripts the next answers: a status with headers, a network error, a response lost
 * after the store committed, a hang.
 */
import type { WireEvent } from '@touchpoint/core';
import { parseBatch } from '@touchpoint/core/schema';
import { delay, HttpResponse, http } from 'msw';

export const ENDPOINT = 'https://collector.test';
export const SITE_KEY = 'site_1';

export type Scripted =
  /** Validate, store, acknowledge. */
  | 'ok'
  /** A network error before the server saw anything (status 0). */
  | 'network'
  /** Stored, then the answer is lost (the tunnel case): the client must retry, the server must not store twice. */
  | 'lost'
  /** Never answers. */
  | 'hang'
  | { status: number; headers?: Record<string, string>; body?: string }
  /** 413 when the batch holds more than one event, else stored: a server with a body cap. */
  | 'too-large-if-several';

export interface ReceivedRequest {
  readonly site: string | null;
  readonly attempt: number | null;
  readonly contentType: string | null;
  readonly credentials: RequestCredentials;
  readonly keepalive: boolean;
  readonly headers: Record<string, string>;
  readonly bytes: number;
  readonly ids: string[];
  readonly answered: Scripted;
}

export function mockCollector(options: { maxBodyBytes?: number } = {}) {
  const stored = new Map<string, WireEvent>();
  const requests: ReceivedRequest[] = [];
  const script: Scripted[] = [];

  const store = (events: readonly WireEvent[]) => {
    let fresh = 0;
    for (const event of events) {
      if (!stored.has(event.id)) {
        stored.set(event.id, event);
        fresh++;
      }
    }
    return { ok: true, stored: fresh, duplicates: events.length - fresh };
  };

  const handler = http.post(`${ENDPOINT}/v1/events`, async ({ request }) => {
    const url = new URL(request.url);
    const text = await request.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {}
    const events = (json as { events?: WireEvent[] } | undefined)?.events ?? [];
    const answered = script.shift() ?? 'ok';
    const attempt = url.searchParams.get('attempt');
    requests.push({
      site: url.searchParams.get('site'),
      attempt: attempt === null ? null : Number(attempt),
      contentType: request.headers.get('content-type'),
      credentials: request.credentials,
      keepalive: request.keepalive,
      headers: Object.fromEntries(request.headers),
      bytes: new TextEncoder().encode(text).length,
      ids: events.map((e) => e.id),
      answered,
    });
    if (answered === 'network') return HttpResponse.error();
    if (answered === 'hang') {
      await delay('infinite');
    }
    if (answered === 'too-large-if-several' && events.length > 1) {
      return HttpResponse.json(
        { ok: false, error: { code: 'too_large', message: 'too large' } },
        { status: 413 },
      );
    }
    if (typeof answered === 'object') {
      return new HttpResponse(answered.body ?? '', {
        status: answered.status,
        headers: answered.headers ?? {},
      });
    }
    if (options.maxBodyBytes !== undefined && new TextEncoder().encode(text).length > options.maxBodyBytes) {
      return HttpResponse.json(
        { ok: false, error: { code: 'too_large', message: 'request body too large' } },
        { status: 413 },
      );
    }
    const result = parseBatch(json);
    if (!result.ok) {
      return HttpResponse.json(
        { ok: false, error: { code: 'invalid', message: 'invalid batch', problems: result.problems } },
        { status: 400 },
      );
    }
    const ack = store(result.value.events);
    return answered === 'lost' ? HttpResponse.error() : HttpResponse.json(ack);
  });

  return {
    handler,
    stored,
    requests,
    /** The next answers, in order; after them every request is stored and acknowledged. */
    respond(...answers: Scripted[]) {
      script.push(...answers);
    },
    /** Forgets the scripted answers not given yet. */
    clearScript() {
      script.length = 0;
    },
    /** Every id that arrived, in order, duplicates included. */
    receivedIds: () => requests.flatMap((r) => r.ids),
  };
}
