/**
 * RudderStack's HTTP API: `POST {dataPlaneUrl}/v1/batch` with the same `track` calls as Segment, authenticated
 * with the write key as the Basic user name. RudderStack dedupes by `messageId` (the event's id).
 */
import type { WireEvent } from '@touchpoint/core';
import { toJson } from '../to-json';
import type { HttpDestination } from './destination';
import { toTrackCall } from './segment';

export interface RudderStackDestinationOptions {
  readonly writeKey: string;
  /** Your data plane, e.g. `https://yourco.dataplane.rudderstack.com`. */
  readonly dataPlaneUrl: string;
  /** The track event name. @default `Survey Shown`, `Survey Answered`, `Survey Completed`, `Survey Dismissed` */
  readonly eventName?: (event: WireEvent) => string;
}

export function rudderstackDestination(options: RudderStackDestinationOptions): HttpDestination {
  const url = `${options.dataPlaneUrl.replace(/\/+$/, '')}/v1/batch`;
  const headers = {
    'Content-Type': 'application/json',
    Authorization: `Basic ${btoa(`${options.writeKey}:`)}`,
  };
  return {
    id: `rudderstack ${url} ${options.writeKey}`,
    request: (events, { sentAt }) => ({
      url,
      headers,
      body: toJson({ batch: events.map((event) => toTrackCall(event, options.eventName)), sentAt }),
    }),
  };
}
