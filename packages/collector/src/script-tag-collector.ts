/**
 * `createScriptTagCollector`: the collector of the widget's script tag, in the collector chunk every visitor who sees
 * a survey downloads (decisions/0004). The same delivery as `createCollector` (batching, retries and backoff, the
 * offline queue shared between tabs, page-unload delivery, consent), with one difference: events are checked for
 * their structure, not against the whole wire contract, in `send()` (they come from the widget's own runtime) and
 * when read back from storage (`isWireEvent` alone is 0.7 kB brotli). Whatever gets through is validated in full by
 * the reference server, which refuses a bad event by its index in the batch: that one is dropped with an
 * `EventRejectedError` and the others are stored, so a corrupt stored entry costs nothing but itself.
 */
import { EVENT_TYPES, type WireEvent } from '@touchpoint/core';
import { type Collector, startCollector } from './collector';
import type { CollectorOptions } from './options';
import { isRecord, ownValue } from './own-fields';

/** An event's envelope: version 1, an id (which dedupes the queue), a known type. */
export const isEventShaped = (value: unknown): value is WireEvent =>
  isRecord(value) &&
  ownValue(value, 'v') === 1 &&
  typeof ownValue(value, 'id') === 'string' &&
  EVENT_TYPES.includes(ownValue(value, 'type') as WireEvent['type']);

/** `createCollector` for events made by the widget's own runtime (see above); the same options. */
export function createScriptTagCollector(options: CollectorOptions): Collector {
  return startCollector(options, isEventShaped);
}
