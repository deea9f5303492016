/**
 * Google Analytics 4 through Google Tag Manager's `dataLayer`: each event is pushed as `survey_shown`,
 * `survey_answered`, `survey_completed` or `survey_dismissed` with flat parameters. Nothing goes over the
 * network from here; GTM's tags send it on.
 */
import type { WireEvent } from '@touchpoint/core';
import type { DirectDestination } from './destination';
import { surveyProperties } from './survey-properties';

export interface DataLayerDestinationOptions {
  /**
   * The data layer to push to, read at each delivery.
   * @default `globalThis.dataLayer`, created as `[]` if missing (what GTM's own snippet does)
   */
  readonly dataLayer?: () => { push(item: object): unknown };
  /** The event name. @default `survey_${event.type}` */
  readonly eventName?: (event: WireEvent) => string;
}

export function dataLayerDestination(options: DataLayerDestinationOptions = {}): DirectDestination {
  const layer =
    options.dataLayer ??
    (() => {
      const host = globalThis as { dataLayer?: { push(item: object): unknown } };
      host.dataLayer ??= [];
      return host.dataLayer;
    });
  const eventName = options.eventName ?? ((event: WireEvent) => `survey_${event.type}`);
  return {
    id: 'dataLayer',
    deliver(events) {
      const target = layer();
      for (const event of events) target.push({ event: eventName(event), ...surveyProperties(event) });
    },
  };
}
