/**
 * Limits of the wire contract, shared by the collector (which stays under them) and the server (which enforces them).
 */

/** Version of the wire contract; every event carries it as `v`. */
export const WIRE_VERSION = 1;

/** Events in one batch. */
export const MAX_EVENTS_PER_BATCH = 100;

/**
 * Bytes of one request body the collector sends. Browsers share a 64 KiB budget among all keepalive fetches and
 * beacons of a page (the host's included), so we aim at 48 KiB (docs/faults.md, incident 4).
 */
export const MAX_REQUEST_BYTES = 48 * 1024;

/** Bytes of one request body the server accepts: the 64 KiB keepalive ceiling. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Characters of the page path stored with an event. */
export const MAX_PATH_LENGTH = 2048;

/**
 * The longest a collector holds an event before it gives up on it (its `retry.maxAgeMs`, 24 hours). The server
 * bounds the time an event counts on with it: never earlier than its receive time minus this, whatever the event's
 * `at` says, so a client cannot write into the past.
 */
export const MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;
