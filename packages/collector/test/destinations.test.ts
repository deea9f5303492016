/**
 * "Any backend": each destination's request as its backend expects it, through the same retries and queue.
 */
import type { WireEvent } from '@touchpoint/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  consoleDestination,
  type Destination,
  dataLayerDestination,
  httpDestination,
  posthogDestination,
  rudderstackDestination,
  segmentDestination,
} from '../src/index';
import { answered, wireEvent } from './support/events';
import { harness, useMsw } from './support/harness';

const server = useMsw();

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function capture(url: string, answer: () => Response = () => HttpResponse.json({ success: true })) {
  const captured: Captured[] = [];
  server.use(
    http.post(url, async ({ request }) => {
      captured.push({
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: JSON.parse(await request.text()),
      });
      return answer();
    }),
  );
  return captured;
}

const completed = wireEvent({
  type: 'completed',
  answers: [
    { questionId: 'score', type: 'nps', value: 9 },
    { questionId: 'reason', type: 'text', value: 'Fast delivery' },
  ],
  visitor: { id: 'anon-1', userId: 'user-7', attributes: { plan: 'pro' } },
} as Partial<WireEvent>);

async function deliver(destination: Destination, events: WireEvent[] = [completed]) {
  const { collector, errors } = harness({ endpoint: undefined, destinations: [destination] });
  for (const event of events) collector.send(event);
  await collector.flush();
  return errors;
}

describe('destinations', () => {
  it('generic HTTP / webhook: custom headers, a body mapper, a custom acknowledgement', async () => {
    const captured = capture('https://hooks.test/survey', () => HttpResponse.json({ received: 1 }));
    const errors = await deliver(
      httpDestination({
        url: 'https://hooks.test/survey',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret' },
        body: (events, { attempt }) => JSON.stringify({ attempt, items: events.map((e) => ({ id: e.id })) }),
        acknowledged: (reply) => reply.status === 200 && reply.body.includes('"received"'),
      }),
    );
    expect(errors).toEqual([]);
    expect(captured).toEqual([
      {
        url: 'https://hooks.test/survey',
        headers: expect.objectContaining({
          authorization: 'Bearer secret',
          'content-type': 'application/json',
        }),
        body: { attempt: 0, items: [{ id: completed.id }] },
      },
    ]);
  });

  it('generic HTTP: by default JSON of { sentAt, events } as text/plain, and a 200 HTML page is no acknowledgement', async () => {
    let answers = 0;
    const captured = capture('https://any.test/in', () =>
      ++answers === 1
        ? new HttpResponse('<!doctype html><title>Wi-Fi login</title>', {
            headers: { 'Content-Type': 'text/html' },
          })
        : new HttpResponse(null, { status: 204 }),
    );
    const { collector, clock } = harness({
      endpoint: undefined,
      destinations: [httpDestination({ url: 'https://any.test/in' })],
    });
    collector.send(completed);
    await collector.flush();
    await clock.next();
    await expect.poll(() => captured.length).toBe(2);
    expect(captured[0]!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(captured[0]!.body).toEqual({ sentAt: expect.any(String), events: [completed] });
    // The retry carries the same events, ids included.
    expect((captured[1]!.body as { events: unknown }).events).toEqual([completed]);
  });

  it('Segment: track calls in one batch, messageId = event id, write key in the body (CORS-simple)', async () => {
    const captured = capture('https://api.segment.io/v1/batch');
    await deliver(segmentDestination({ writeKey: 'wk_123' }));
    expect(captured[0]!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(captured[0]!.body).toEqual({
      writeKey: 'wk_123',
      sentAt: expect.any(String),
      batch: [
        {
          type: 'track',
          event: 'Survey Completed',
          messageId: completed.id,
          anonymousId: 'anon-1',
          userId: 'user-7',
          timestamp: completed.at,
          properties: {
            survey_id: 'nps-checkout',
            touchpoint: 'checkout.completed',
            response_id: completed.responseId,
            event_id: completed.id,
            metric: 'nps',
            score: 9,
            answers: { score: 9, reason: 'Fast delivery' },
          },
          context: { locale: 'en', page: { path: '/checkout/thanks' }, traits: { plan: 'pro' } },
        },
      ],
    });
  });

  it('RudderStack: the same track calls to the data plane, Basic auth with the write key', async () => {
    const captured = capture('https://acme.dataplane.test/v1/batch');
    await deliver(
      rudderstackDestination({ writeKey: 'rs_key', dataPlaneUrl: 'https://acme.dataplane.test/' }),
    );
    expect(captured[0]!.headers.authorization).toBe(`Basic ${btoa('rs_key:')}`);
    expect(captured[0]!.body).toMatchObject({
      batch: [{ type: 'track', event: 'Survey Completed', messageId: completed.id }],
    });
  });

  it('PostHog: capture batch with the project key, uuid = event id, distinct_id = user or visitor', async () => {
    const captured = capture('https://eu.i.posthog.test/batch/', () => HttpResponse.json({ status: 1 }));
    await deliver(posthogDestination({ apiKey: 'phc_abc', host: 'https://eu.i.posthog.test' }), [
      completed,
      answered(3),
    ]);
    expect(captured[0]!.body).toMatchObject({
      api_key: 'phc_abc',
      batch: [
        {
          event: 'touchpoint survey completed',
          uuid: completed.id,
          timestamp: completed.at,
          properties: {
            distinct_id: 'user-7',
            survey_id: 'nps-checkout',
            score: 9,
            $pathname: '/checkout/thanks',
          },
        },
        { event: 'touchpoint survey answered', properties: { distinct_id: 'v-1', score: 3 } },
      ],
    });
  });

  it('GA4 dataLayer: one push per event, no network', async () => {
    const dataLayer: object[] = [];
    const errors = await deliver(dataLayerDestination({ dataLayer: () => dataLayer }), [
      wireEvent(),
      completed,
    ]);
    expect(errors).toEqual([]);
    expect(dataLayer).toEqual([
      expect.objectContaining({ event: 'survey_shown', survey_id: 'nps-checkout' }),
      expect.objectContaining({ event: 'survey_completed', metric: 'nps', score: 9, event_id: completed.id }),
    ]);
  });

  it('GA4 dataLayer: creates globalThis.dataLayer as GTM’s snippet does when the page has none', async () => {
    const host = globalThis as { dataLayer?: object[] };
    delete host.dataLayer;
    try {
      await deliver(dataLayerDestination(), [answered(10)]);
      expect(host.dataLayer).toEqual([expect.objectContaining({ event: 'survey_answered', score: 10 })]);
    } finally {
      delete host.dataLayer;
    }
  });

  it('console: prints each batch with the [touchpoint] prefix', async () => {
    const printed: [string, readonly WireEvent[]][] = [];
    await deliver(consoleDestination({ log: (message, events) => printed.push([message, events]) }));
    expect(printed).toEqual([['[touchpoint] 1 event delivered to the console', [completed]]]);
  });

  it('every destination gets every event, each with its own queue and back-off', async () => {
    const dataLayer: object[] = [];
    const captured = capture('https://down.test/in', () => new HttpResponse(null, { status: 503 }));
    const { collector, clock } = harness({
      endpoint: undefined,
      destinations: [
        httpDestination({ url: 'https://down.test/in' }),
        dataLayerDestination({ dataLayer: () => dataLayer }),
      ],
    });
    collector.send(completed);
    await collector.flush();
    expect(dataLayer).toHaveLength(1);
    expect(captured).toHaveLength(1);
    expect(clock.pending()).toEqual([500]);
  });

  it('a direct destination that throws is retried later', async () => {
    let calls = 0;
    const delivered: WireEvent[] = [];
    const { collector, clock } = harness({
      endpoint: undefined,
      destinations: [
        {
          id: 'flaky',
          deliver(events) {
            if (++calls === 1) throw new Error('not ready');
            delivered.push(...events);
          },
        },
      ],
    });
    collector.send(completed);
    await collector.flush();
    await clock.next();
    expect(delivered).toEqual([completed]);
  });
});
