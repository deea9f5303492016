/**
 * Wire contract v1: what the collector POSTs and the server answers.
 */
import * as z from 'zod/mini';
import { EventSchema } from './event.schema';
import { MAX_EVENTS_PER_BATCH } from './limits';

export const BatchSchema = z.strictObject({
  /** When the client sent this batch, by its own clock; with `at` it lets the server correct clock skew. */
  sentAt: z.iso.datetime({ offset: true }),
  events: z
    .array(EventSchema)
    .check(
      z.minLength(1, 'give at least one event'),
      z.maxLength(MAX_EVENTS_PER_BATCH, `at most ${MAX_EVENTS_PER_BATCH} events per batch`),
    ),
});

/** A server's acknowledgement: every event of the batch is durably stored (new or already there). */
export const AckSchema = z.object({
  ok: z.literal(true),
  /** Events stored by this request. */
  stored: z.int().check(z.minimum(0)),
  /** Events whose id was already stored; stored once, acknowledged again. */
  duplicates: z.int().check(z.minimum(0)),
});

export const ProblemSchema = z.object({
  path: z.string(),
  expected: z.string(),
  received: z.string(),
  message: z.string(),
});

/** A server's refusal. `problems` names each invalid field by path, e.g. `events[3].answers[0].value`. */
export const ErrorBodySchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.string(),
    message: z.string(),
    problems: z.optional(z.array(ProblemSchema)),
    /** How many problems there were, when `problems` lists only the first of them. */
    problemCount: z.optional(z.int().check(z.minimum(0))),
  }),
});

export type Batch = z.output<typeof BatchSchema>;
export type Ack = z.output<typeof AckSchema>;
export type ErrorBody = z.output<typeof ErrorBodySchema>;
