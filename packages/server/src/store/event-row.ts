/**
 * A wire event as a row of the events table and back, with the server's times beside the client's.
 */
import { createHash } from 'node:crypto';
import { channelOf, MAX_EVENT_AGE_MS, type WireEvent } from '@touchpoint/core';
import { parseEvent } from '@touchpoint/core/schema';
import type { Insertable, Selectable } from 'kysely';
import type { StoredEvent } from './store';
import { type EventsTable, parseJson } from './tables';

/** An event may be stamped up to this long after its batch's `sentAt` (clock jitter) before it is suspect. */
export const CLOCK_TOLERANCE_MS = 60_000;
/**
 * Corrects the client's clock with the server's (fault case 72): the event happened `sentAt − at` before the
 * batch was sent, and the batch was sent when the server received it. Bounded whatever the client says: never
 * later than the receive time, never earlier than the receive time minus core's `MAX_EVENT_AGE_MS` (the longest a
 * collector holds an event), so `at: 1970-01-01` cannot write into the past. The client's `at` stays stored.
 */
export function correctTime(
  atMs: number,
  sentAtMs: number,
  receivedAtMs: number,
): { correctedAt: number; clockSuspect: boolean } {
  const age = sentAtMs - atMs;
  const clockSuspect = !(age >= -CLOCK_TOLERANCE_MS && age <= MAX_EVENT_AGE_MS + CLOCK_TOLERANCE_MS);
  const bounded = Number.isFinite(age) ? Math.min(Math.max(0, age), MAX_EVENT_AGE_MS) : 0;
  return { correctedAt: receivedAtMs - bounded, clockSuspect };
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A short fingerprint of the event's payload, to notice a reused id with another payload. */
export const payloadHash = (event: WireEvent): string =>
  createHash('sha256').update(JSON.stringify(event)).digest('base64url').slice(0, 22);

export function toEventRow(
  site: string,
  event: WireEvent,
  sentAtMs: number,
  receivedAtMs: number,
  ipHash: string | null,
): Insertable<EventsTable> {
  const atMs = Date.parse(event.at);
  const { correctedAt, clockSuspect } = correctTime(atMs, sentAtMs, receivedAtMs);
  return {
    id: event.id,
    site,
    type: event.type,
    survey_id: event.surveyId,
    touchpoint: event.touchpoint,
    response_id: event.responseId,
    at: event.at,
    at_ms: atMs,
    sent_at_ms: sentAtMs,
    received_at_ms: receivedAtMs,
    corrected_at_ms: correctedAt,
    day: dayOf(correctedAt),
    clock_suspect: clockSuspect ? 1 : 0,
    answers: 'answers' in event ? JSON.stringify(event.answers) : null,
    context: JSON.stringify(event.context),
    path: event.context.path,
    locale: event.context.locale ?? null,
    device: event.context.device ?? null,
    channel: channelOf(event.context),
    visitor_id: event.visitor.id,
    user_id: event.visitor.userId ?? null,
    attributes: event.visitor.attributes === undefined ? null : JSON.stringify(event.visitor.attributes),
    ip_hash: ipHash,
    payload_hash: payloadHash(event),
  };
}

/** A stored row back as the wire event it was, validated against the contract that wrote it. */
export function fromEventRow(row: Selectable<EventsTable>): StoredEvent {
  const visitor: Record<string, unknown> = { id: row.visitor_id };
  if (row.user_id !== null) visitor.userId = row.user_id;
  if (row.attributes !== null) visitor.attributes = parseJson(row.attributes);
  const candidate: Record<string, unknown> = {
    v: 1,
    id: row.id,
    type: row.type,
    surveyId: row.survey_id,
    touchpoint: row.touchpoint,
    responseId: row.response_id,
    at: row.at,
    context: parseJson(row.context),
    visitor,
  };
  if (row.answers !== null) candidate.answers = parseJson(row.answers);
  const parsed = parseEvent(candidate);
  if (!parsed.ok) {
    throw new Error(
      `[touchpoint] stored event ${row.id} no longer matches the wire contract: ${parsed.problems[0]?.message}`,
    );
  }
  return {
    site: row.site,
    event: parsed.value,
    receivedAt: Number(row.received_at_ms),
    sentAt: Number(row.sent_at_ms),
    correctedAt: Number(row.corrected_at_ms),
    day: row.day,
    clockSuspect: row.clock_suspect === 1,
    ipHash: row.ip_hash,
  };
}
