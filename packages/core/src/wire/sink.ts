import type { WireEvent } from './event.schema';

/**
 * The port between the widget and delivery: the widget hands every lifecycle event to a sink; the collector is
 * one. The widget never needs to know how events travel.
 */
export interface EventSink {
  send(event: WireEvent): void;
}
