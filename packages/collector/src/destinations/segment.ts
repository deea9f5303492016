/**
 * Segment's HTTP Tracking API: each event becomes a `track` call in one `batch` request. Segment dedupes by
 * `messageId`, which carries the event's id, so a retry is stored once there too.
 */
import type { WireEvent } from '@touchpoint/core';
import { toJson } from '../to-json';
import type { HttpDestination } from './destination';
import { surveyProperties, titleCaseName } from './survey-properties';

export interface SegmentDestinationOptions {
  /** The source's write key (public, like the one in Segment's own snippet). */
  readonly writeKey: string;
  /** @default 'https://api.segment.io/v1/batch' (EU workspaces: 'https://events.eu1.segmentapis.com/v1/batch') */
  readonly url?: string;
  /** The track event name. @default `Survey Shown`, `Survey Answered`, `Survey Completed`, `Survey Dismissed` */
  readonly eventName?: (event: WireEvent) => string;
}

/** One event as a Segment / RudderStack `track` call. */
export function toTrackCall(event: WireEvent, eventName: (event: WireEvent) => string = titleCaseName) {
  const { visitor, context } = event;
  return {
    type: 'track',
    event: eventName(event),
    messageId: event.id,
    anonymousId: visitor.id,
    userId: visitor.userId,
    timestamp: event.at,
    properties: surveyProperties(event),
    context: { locale: context.locale, page: { path: context.path }, traits: visitor.attributes },
  };
}

export function segmentDestination(options: SegmentDestinationOptions): HttpDestination {
  const url = options.url ?? 'https://api.segment.io/v1/batch';
  return {
    id: `segment ${url} ${options.writeKey}`,
    maxBytes: 48 * 1024,
    // The write key travels in the body so the request stays CORS-simple (text/plain), as analytics.js sends it.
    request: (events, { sentAt }) => ({
      url,
      body: toJson({
        batch: events.map((event) => toTrackCall(event, options.eventName)),
        sentAt,
        writeKey: options.writeKey,
      }),
    }),
  };
}
