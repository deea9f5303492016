/**
 * May this survey show now, and why (or why not)? A pure function of the survey, what happened on the page, the
 * visitor and their history, a clock reading and a hash. Every rule is evaluated, so the debug view and the
 * "why didn't my survey show?" question get the full list of reasons, not only the first failure.
 */
import type { Attributes, Device } from '../config/common.schema';
import type { GlobalFatigue } from '../config/fatigue.schema';
import type { Survey } from '../config/survey.schema';
import { checkGlobalFatigue, checkSurveyFatigue } from './fatigue';
import { type Check, check, NONE } from './reason';
import { sampleBucket } from './sampling';
import { checkAttributes, checkDevice, checkLocale, checkSample, checkVisitorKind } from './targeting';
import { occurrenceFires, type TriggerOccurrence } from './trigger-match';
import { checkUrlFilter } from './url-match';
import { surveyHistory } from './visitor-history';
import type { VisitorHistory } from './visitor-history.schema';

export const RULES = [
  'enabled',
  'schedule',
  'trigger',
  'url',
  'sampling',
  'device',
  'locale',
  'visitor',
  'attributes',
  'fatigue',
  'cooldown',
  'priority',
] as const;
export type RuleName = (typeof RULES)[number];

/**
 * One rule's verdict: the rule, whether it passed, and what it found (a `code` and its `facts`, see reason.ts).
 * `explainReason(reason)` puts it in words; the browser loads that only in debug mode.
 */
export type Reason = Check & { readonly rule: RuleName };

export interface DisplayDecision {
  readonly surveyId: string;
  readonly touchpoint: string;
  /** Every rule passed. */
  readonly show: boolean;
  readonly reasons: readonly Reason[];
  /** Seconds to wait before showing (from the trigger that fired); check again when the wait is over. */
  readonly delaySeconds: number;
}

/** The page and the visitor, as the widget sees them right now. */
export interface DisplayContext {
  /** Full address of the page. */
  readonly url: string;
  /** What just happened on the page. */
  readonly occurrence: TriggerOccurrence;
  readonly visitorId: string;
  readonly attributes: Attributes;
  readonly device: Device;
  readonly locale: string;
  /** The visitor had a session before this one. */
  readonly returning: boolean;
}

export interface DisplayInput {
  readonly context: DisplayContext;
  readonly history: VisitorHistory;
  readonly fatigue: GlobalFatigue;
  /** Now, in epoch milliseconds. */
  readonly now: number;
  /** Deterministic 32-bit hash for sticky sampling (`fnv1a32` unless a site needs its own). */
  readonly hash: (text: string) => number;
}

/** Decides whether one survey may show. */
export function evaluateDisplay(survey: Survey, input: DisplayInput): DisplayDecision {
  const { context, history, now } = input;
  const reasons: Reason[] = [];
  const add = (rule: RuleName, verdict: Check) => reasons.push({ rule, ...verdict });

  add('enabled', check(survey.enabled, survey.enabled ? 'enabled' : 'disabled', NONE));

  const { start, end } = survey.schedule ?? {};
  add(
    'schedule',
    start !== undefined && now < Date.parse(start)
      ? check(false, 'not-started', { start })
      : end !== undefined && now >= Date.parse(end)
        ? check(false, 'ended', { end })
        : check(true, start === undefined && end === undefined ? 'no-schedule' : 'within-schedule', NONE),
  );

  // A trigger counts when the occurrence fires it on a page its URL rules allow.
  const { occurrence } = context;
  const fired = survey.triggers.filter((trigger) => occurrenceFires(trigger, occurrence));
  const onPage = fired.map((trigger) => ({ trigger, url: checkUrlFilter(trigger.url, context.url) }));
  const winner = onPage.find((t) => t.url.pass);
  if (fired.length === 0) {
    add('trigger', check(false, 'fires-none', { occurrence, triggers: survey.triggers }));
  } else {
    add('trigger', check(true, 'fires', { occurrence, trigger: fired[0]! }));
    add('url', (winner ?? onPage[0]!).url);
  }

  const { targeting } = survey;
  add('sampling', checkSample(targeting.sampleRate, sampleBucket(input.hash, context.visitorId, survey.id)));
  add('device', checkDevice(targeting.devices, context.device));
  add('locale', checkLocale(targeting.locales, context.locale));
  add('visitor', checkVisitorKind(targeting.visitors, context.returning));
  add('attributes', checkAttributes(targeting.attributes, context.attributes));
  for (const verdict of checkSurveyFatigue(survey.fatigue, surveyHistory(history, survey.id), now))
    add('fatigue', verdict);
  for (const verdict of checkGlobalFatigue(input.fatigue, history, now)) add('cooldown', verdict);

  return {
    surveyId: survey.id,
    touchpoint: survey.touchpoint,
    show: reasons.every((reason) => reason.pass),
    reasons,
    delaySeconds: winner?.trigger.delaySeconds ?? 0,
  };
}
