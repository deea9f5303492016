/**
 * @touchpoint/collector — delivers survey events to any backend, batched, retried, queued offline and flushed at
 * page unload; each event keeps its id, so the server stores it once. Named re-exports only.
 */

export { type Collector, createCollector } from './collector';
export { type ConsoleDestinationOptions, consoleDestination } from './destinations/console';
export { type DataLayerDestinationOptions, dataLayerDestination } from './destinations/data-layer';
export type {
  Destination,
  DestinationRequest,
  DirectDestination,
  HttpDestination,
  Refusal,
  Reply,
  RequestInfo,
} from './destinations/destination';
export { type HttpDestinationOptions, httpDestination } from './destinations/http';
export { type PostHogDestinationOptions, posthogDestination } from './destinations/posthog';
export { type RudderStackDestinationOptions, rudderstackDestination } from './destinations/rudderstack';
export { type SegmentDestinationOptions, segmentDestination, toTrackCall } from './destinations/segment';
export { type SurveyProperties, surveyProperties } from './destinations/survey-properties';
export { type TouchpointDestinationOptions, touchpointDestination } from './destinations/touchpoint';
export {
  COLLECTOR_ERROR_CODES,
  CollectorError,
  type CollectorErrorCode,
  type CollectorErrorOf,
  type ConfigError,
  type DeliveryFailedError,
  type EventRejectedError,
  type EventTooLargeError,
  type HttpError,
  type InvalidEventError,
  isCollectorError,
  isConfigError,
  isDeliveryFailedError,
  isEventRejectedError,
  isEventTooLargeError,
  isHttpError,
  isInvalidEventError,
  isNetworkError,
  isQueueFullError,
  isStorageError,
  isTimeoutError,
  type NetworkError,
  type QueueFullError,
  type StorageError,
  type TimeoutError,
} from './errors';
export { isAck, isErrorBody } from './is-ack';
export { isWireEvent } from './is-wire-event';
export { browserOnlineSource, type OnlineSource } from './online';
export {
  type BatchOptions,
  type Clock,
  type CollectorOptions,
  type ConsentOptions,
  DEFAULT_BATCH,
  DEFAULT_QUEUE,
  type EventTargetLike,
  type FetchLike,
  type Lifecycle,
  type Logger,
  type QueueOptions,
  type StorageLike,
} from './options';
export { STALE_QUEUE_MS } from './queue-store';
export { DEFAULT_RETRY, type RetryPolicy, retryDelay } from './retry';
export { parseRetryAfter } from './retry-after';
export { createScriptTagCollector, isEventShaped } from './script-tag-collector';
