/**
 * PostHog's capture API: `POST {host}/batch/` with the project API key in the body. Each event keeps its id as
 * PostHog's `uuid`, so a retry is not counted twice.
 */
import type { WireEvent } from '@touchpoint/core';
import { toJson } from '../to-json';
import type { HttpDestination } from './destination';
import { surveyProperties } from './survey-properties';

export interface PostHogDestinationOptions {
  /** The project API key (`phc_…`), public by design. */
  readonly apiKey: string;
  /** The ingestion host. @default 'https://us.i.posthog.com' (EU Cloud: 'https://eu.i.posthog.com') */
  readonly host?: string;
  /** The event name. @default `touchpoint survey shown`, `… answered`, `… completed`, `… dismissed` */
  readonly eventName?: (event: WireEvent) => string;
}

export function posthogDestination(options: PostHogDestinationOptions): HttpDestination {
  const url = `${(options.host ?? 'https://us.i.posthog.com').replace(/\/+$/, '')}/batch/`;
  const eventName = options.eventName ?? ((event: WireEvent) => `touchpoint survey ${event.type}`);
  return {
    id: `posthog ${url} ${options.apiKey}`,
    request: (events, { sentAt }) => ({
      url,
      // PostHog documents JSON bodies; this costs one preflight, which PostHog answers.
      headers: { 'Content-Type': 'application/json' },
      body: toJson({
        api_key: options.apiKey,
        sent_at: sentAt,
        batch: events.map((event) => ({
          event: eventName(event),
          uuid: event.id,
          timestamp: event.at,
          properties: {
            ...surveyProperties(event),
            distinct_id: event.visitor.userId ?? event.visitor.id,
            $pathname: event.context.path,
          },
        })),
      }),
    }),
  };
}
