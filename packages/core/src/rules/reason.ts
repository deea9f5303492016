/**
 * What a display rule found, as data: a `code` and the `facts` behind it. Decisions carry these, so the browser
 * decides without shipping a sentence; `explainReason` (explain-reason.ts) puts a finding in words for debug
 * views and tools, and only they load it.
 */
import type { AttributeValue, Device } from '../config/common.schema';
import type { AttributeCondition, Targeting } from '../config/targeting.schema';
import type { Trigger, UrlRule } from '../config/trigger.schema';
import type { TriggerOccurrence } from './trigger-match';

type None = Readonly<Record<string, never>>;
type VisitorKind = 'new' | 'returning';

/** The facts of each finding. Times are epoch milliseconds; `agoMs` is how long before `now` it happened. */
export interface ReasonFacts {
  // enabled
  enabled: None;
  disabled: None;
  // schedule
  'no-schedule': None;
  'within-schedule': None;
  'not-started': { readonly start: string };
  ended: { readonly end: string };
  // trigger
  fires: { readonly occurrence: TriggerOccurrence; readonly trigger: Trigger };
  'fires-none': { readonly occurrence: TriggerOccurrence; readonly triggers: readonly Trigger[] };
  // url (`path` is the page's path and query)
  'no-url-rules': { readonly path: string };
  'url-excluded': { readonly path: string; readonly rule: UrlRule };
  'url-matches': { readonly path: string; readonly rule: UrlRule };
  'url-matches-none': { readonly path: string; readonly rules: readonly UrlRule[] };
  // sampling (`bucket` in [0, 100): in the sample when below the rate)
  'sample-everyone': None;
  'in-sample': { readonly sampleRate: number; readonly bucket: number };
  'out-of-sample': { readonly sampleRate: number; readonly bucket: number };
  // device
  'any-device': { readonly device: Device };
  'device-targeted': { readonly device: Device };
  'device-not-targeted': { readonly device: Device; readonly devices: readonly Device[] };
  // locale
  'any-locale': { readonly locale: string };
  'locale-matches': { readonly locale: string; readonly match: string };
  'locale-not-targeted': { readonly locale: string; readonly locales: readonly string[] };
  // visitor
  'any-visitor': { readonly kind: VisitorKind };
  'visitor-targeted': { readonly kind: VisitorKind };
  'visitor-not-targeted': { readonly kind: VisitorKind; readonly visitors: Targeting['visitors'] };
  // attributes
  'no-conditions': None;
  'conditions-hold': { readonly count: number };
  'condition-fails': {
    readonly condition: AttributeCondition;
    readonly actual: AttributeValue | undefined;
  };
  // fatigue (the survey's own)
  'not-answered': None;
  'answered-before': { readonly agoMs: number };
  'displays-left': { readonly shown: number; readonly max: number };
  'displays-used': { readonly shown: number; readonly max: number };
  'never-shown': None;
  'recontact-passed': { readonly agoMs: number; readonly days: number };
  'recontact-waiting': { readonly agoMs: number; readonly days: number; readonly from: number };
  // cooldown (across surveys)
  'no-cooldown': None;
  'none-shown-before': None;
  'cooldown-passed': { readonly agoMs: number; readonly days: number };
  'cooldown-waiting': {
    readonly surveyId: string;
    readonly agoMs: number;
    readonly days: number;
    readonly until: number;
  };
  'session-room': { readonly shown: number; readonly cap: number };
  'session-full': { readonly shown: number; readonly cap: number };
  // priority
  'only-eligible': None;
  wins: { readonly others: number; readonly priority: number };
  loses: { readonly winner: string; readonly winnerPriority: number; readonly priority: number };
}

export type ReasonCode = keyof ReasonFacts;

/** One finding: its code and the facts of that code. */
export type Finding = { [C in ReasonCode]: { readonly code: C; readonly facts: ReasonFacts[C] } }[ReasonCode];

/** A finding and whether it lets the survey show. */
export type Check = Finding & { readonly pass: boolean };

/** Builds a check (one place where TypeScript needs help pairing a code with its facts). */
export const check = <C extends ReasonCode>(pass: boolean, code: C, facts: ReasonFacts[C]): Check =>
  ({ pass, code, facts }) as Check;

/** No facts. */
export const NONE: None = {};
