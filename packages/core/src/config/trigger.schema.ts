/**
 * Triggers: when a survey may show. Any one of a survey's triggers can start it; targeting, fatigue and
 * schedule then decide whether it actually shows (rules/display.ts).
 */
import * as z from 'zod/mini';
import { LIMITS } from './common.schema';

export const URL_MATCHES = ['exact', 'contains', 'startsWith', 'endsWith', 'glob', 'regex'] as const;

const PatternSchema = z
  .string()
  .check(z.minLength(1, 'must not be empty'), z.maxLength(LIMITS.patternLength));

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * One URL rule. By default it is matched against the page path with its query string (`/checkout?step=2`),
 * never the hash; `on: "url"` matches the full address instead (`https://shop.example/checkout?step=2`).
 * `glob`: `*` is any run of characters but `/`, `**` any run including `/`, `?` one character.
 */
export const UrlRuleSchema = z
  .strictObject({
    match: z.enum(URL_MATCHES),
    value: PatternSchema,
    on: z._default(z.enum(['path', 'url']), 'path'),
  })
  .check(
    z.refine((rule) => rule.match !== 'regex' || compiles(rule.value), {
      message: 'is not a valid regular expression',
      path: ['value'],
    }),
  );

/** Pages a trigger applies to: any `include` rule matches (or there are none), and no `exclude` rule does. */
export const UrlFilterSchema = z.strictObject({
  include: z.optional(z.array(UrlRuleSchema).check(z.maxLength(LIMITS.urlRules))),
  exclude: z.optional(z.array(UrlRuleSchema).check(z.maxLength(LIMITS.urlRules))),
});

const triggerBase = {
  /** Only on pages that pass these URL rules. */
  url: z.optional(UrlFilterSchema),
  /** Wait this many seconds after the trigger fires, then check every rule again before showing. */
  delaySeconds: z.optional(z.number().check(z.minimum(0), z.maximum(3600))),
};

const CssSelectorSchema = PatternSchema;

export const EventTriggerSchema = z.strictObject({
  type: z.literal('event'),
  /** The name passed to `track`, e.g. `checkout.completed`. */
  name: PatternSchema,
  ...triggerBase,
});

/** Every page view: the first load and each SPA navigation. */
export const PageViewTriggerSchema = z.strictObject({ type: z.literal('pageView'), ...triggerBase });

/** Client-side navigations only (history changes and `page()` calls), never the first load. */
export const RouteChangeTriggerSchema = z.strictObject({ type: z.literal('routeChange'), ...triggerBase });

export const ClickTriggerSchema = z.strictObject({
  type: z.literal('click'),
  /** A click on an element matching this CSS selector (or inside one). */
  selector: CssSelectorSchema,
  ...triggerBase,
});

export const ScrollDepthTriggerSchema = z.strictObject({
  type: z.literal('scrollDepth'),
  /** Share of the page scrolled, 1–100. */
  percent: z.number().check(z.minimum(1), z.maximum(100)),
  ...triggerBase,
});

export const TimeOnPageTriggerSchema = z.strictObject({
  type: z.literal('timeOnPage'),
  /** Seconds the visitor has spent on the page with it visible, 1–3600. */
  seconds: z.number().check(z.minimum(1), z.maximum(3600)),
  ...triggerBase,
});

/** Desktop: the pointer leaves through the top of the window. Touch devices: a fast scroll up. */
export const ExitIntentTriggerSchema = z.strictObject({ type: z.literal('exitIntent'), ...triggerBase });

export const ElementVisibleTriggerSchema = z.strictObject({
  type: z.literal('elementVisible'),
  selector: CssSelectorSchema,
  /** Share of the element that must be visible, 0–1 (default 0.5). */
  threshold: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.5),
  ...triggerBase,
});

export const TriggerSchema = z.discriminatedUnion('type', [
  EventTriggerSchema,
  PageViewTriggerSchema,
  RouteChangeTriggerSchema,
  ClickTriggerSchema,
  ScrollDepthTriggerSchema,
  TimeOnPageTriggerSchema,
  ExitIntentTriggerSchema,
  ElementVisibleTriggerSchema,
]);

export type UrlRule = z.output<typeof UrlRuleSchema>;
export type UrlFilter = z.output<typeof UrlFilterSchema>;
export type Trigger = z.output<typeof TriggerSchema>;
export type TriggerType = Trigger['type'];
