/**
 * Wire contract v1: one event. docs/design.md "The wire contract" defines every field.
 */
import * as z from 'zod/mini';
import { AttributesSchema, DeviceSchema, IdSchema, LIMITS, LocaleSchema } from '../config/common.schema';
import { CHANNELS } from './channels';
import { EVENT_TYPES } from './event-types';
import { MAX_PATH_LENGTH } from './limits';

export { EVENT_TYPES };

const questionId = IdSchema;

export const NpsAnswerSchema = z.strictObject({
  questionId,
  type: z.literal('nps'),
  value: z.int().check(z.minimum(0), z.maximum(10)),
});

export const CesAnswerSchema = z
  .strictObject({
    questionId,
    type: z.literal('ces'),
    value: z.int().check(z.minimum(1), z.maximum(7)),
    /** Length of the CES scale the visitor saw: 7 (CES 2.0, the default) or 5. */
    points: z.optional(z.union([z.literal(7), z.literal(5)])),
  })
  .check(
    z.refine((answer) => answer.points !== 5 || answer.value <= 5, {
      message: 'must be 5 or less on a 5-point CES scale',
      path: ['value'],
    }),
  );

export const CsatAnswerSchema = z.strictObject({
  questionId,
  type: z.literal('csat'),
  value: z.int().check(z.minimum(1), z.maximum(5)),
});

export const TextAnswerSchema = z.strictObject({
  questionId,
  type: z.literal('text'),
  value: z.string().check(z.maxLength(LIMITS.textAnswerLength)),
});

export const AnswerSchema = z.discriminatedUnion('type', [
  NpsAnswerSchema,
  CesAnswerSchema,
  CsatAnswerSchema,
  TextAnswerSchema,
]);

export const EventContextSchema = z.strictObject({
  /** Page path; the query string and hash are stripped unless the site allow-lists them. */
  path: z.string().check(z.minLength(1), z.maxLength(MAX_PATH_LENGTH)),
  locale: z.optional(LocaleSchema),
  device: z.optional(DeviceSchema),
  /** Host name of the referrer only, never its path. */
  referrerHost: z.optional(z.string().check(z.maxLength(253))),
  /**
   * Where the survey was answered: `web` (the widget in a page), `link`, `email` or `qr` (a hosted survey page).
   * Optional; absent means `web`, and web events leave it out so a server older than the field accepts them
   * (decisions/0012).
   */
  channel: z.optional(z.enum(CHANNELS)),
});

export const EventVisitorSchema = z.strictObject({
  /** Anonymous visitor id made by the widget. */
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Only when the host called `identify`. */
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  attributes: z.optional(AttributesSchema),
});

const eventBase = {
  v: z.literal(1),
  /** UUID made when the event is created: the idempotency key every retry reuses. */
  id: z.uuid(),
  surveyId: IdSchema,
  touchpoint: IdSchema,
  /** Groups the events of one survey display. */
  responseId: z.uuid(),
  /** When it happened, by the client's clock (the server stores its own receive time beside it). */
  at: z.iso.datetime({ offset: true }),
  context: EventContextSchema,
  visitor: EventVisitorSchema,
};

const AnswersSchema = z
  .array(AnswerSchema)
  .check(z.minLength(1, 'give at least one answer'), z.maxLength(10, 'at most 10 answers per event'));

export const EventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...eventBase, type: z.literal('shown') }),
  z.strictObject({ ...eventBase, type: z.literal('answered'), answers: AnswersSchema }),
  z.strictObject({ ...eventBase, type: z.literal('completed'), answers: AnswersSchema }),
  z.strictObject({ ...eventBase, type: z.literal('dismissed') }),
]);

export type { EventType } from './event-types';
export type NpsAnswer = z.output<typeof NpsAnswerSchema>;
export type CesAnswer = z.output<typeof CesAnswerSchema>;
export type CsatAnswer = z.output<typeof CsatAnswerSchema>;
export type TextAnswer = z.output<typeof TextAnswerSchema>;
export type Answer = z.output<typeof AnswerSchema>;
export type EventContext = z.output<typeof EventContextSchema>;
export type EventVisitor = z.output<typeof EventVisitorSchema>;
/** One wire event (contract v1). */
export type WireEvent = z.output<typeof EventSchema>;
