/**
 * The request of `POST /v1/admin/simulate`: which surveys (a survey id of the published config, or a whole
 * config not yet published), the page and what happened on it, and the visitor's history with its times.
 */
import { AttributesSchema, DeviceSchema, IdSchema, LocaleSchema } from '@touchpoint/core/schema';
import * as z from 'zod/mini';

/** What happened on the page: a custom event's name, or one of the widget's trigger occurrences. */
const OccurrenceSchema = z.union([
  z.strictObject({ type: z.literal('event'), name: z.string().check(z.minLength(1), z.maxLength(512)) }),
  z.strictObject({ type: z.enum(['pageView', 'routeChange', 'exitIntent']) }),
  z.strictObject({
    type: z.enum(['click', 'elementVisible']),
    selector: z.string().check(z.minLength(1), z.maxLength(512)),
  }),
  z.strictObject({ type: z.literal('scrollDepth'), percent: z.number().check(z.minimum(0), z.maximum(100)) }),
  z.strictObject({ type: z.literal('timeOnPage'), seconds: z.number().check(z.minimum(0)) }),
]);

/** A time: an ISO 8601 date-time or epoch milliseconds. */
const TimeSchema = z.union([
  z.number().check(z.minimum(0)),
  z
    .string()
    .check(
      z.refine(
        (text) => Number.isFinite(Date.parse(text)),
        'use an ISO 8601 time such as 2026-12-01T10:00:00Z',
      ),
    ),
]);

const HistoryEntriesSchema = z
  .array(z.strictObject({ surveyId: IdSchema, at: TimeSchema }))
  .check(z.maxLength(1000));

export const SimulateRequestSchema = z.strictObject({
  /** Only this survey's answer (the others still compete for priority). */
  surveyId: z.optional(IdSchema),
  /** A whole config to try instead of the published one (validated like a publish). */
  config: z.optional(z.unknown()),
  context: z.strictObject({
    /** The page's full address, e.g. https://shop.example/checkout/thanks. */
    url: z.url(),
    /** What happened: an event name (`checkout.completed`) or an occurrence; default a page view. */
    event: z.optional(z.union([z.string().check(z.minLength(1), z.maxLength(512)), OccurrenceSchema])),
    /** @default 'desktop' */
    device: z.optional(DeviceSchema),
    /** @default the config's default locale, else 'en' */
    locale: z.optional(LocaleSchema),
    attributes: z.optional(AttributesSchema),
    /** The visitor had a session before. @default true when the history has any entry, else false */
    returning: z.optional(z.boolean()),
    /** The visitor id sampling buckets on. @default 'simulated-visitor' */
    visitorId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  }),
  history: z.optional(
    z.strictObject({
      displays: z.optional(HistoryEntriesSchema),
      answers: z.optional(HistoryEntriesSchema),
      dismissals: z.optional(HistoryEntriesSchema),
      /** Surveys already shown in this session. @default 0 */
      sessionShown: z.optional(z.int().check(z.minimum(0), z.maximum(1000))),
    }),
  ),
  /** The moment to decide at. @default now */
  now: z.optional(TimeSchema),
});

export type SimulateRequest = z.output<typeof SimulateRequestSchema>;
