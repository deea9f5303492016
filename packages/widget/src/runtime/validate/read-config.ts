/**
 * Validates a survey config in the browser (inline in `init`, or fetched from the endpoint) and fills in its
 * defaults, exactly as core's `TouchpointConfigSchema` does, without shipping zod (see parser.ts).
 * `test/runtime/read-config.test.ts` checks the verdicts and outputs against core's schema on a table of cases;
 * the annotations below make the compiler check the output types against core's.
 */
import {
  type Appearance,
  BANDS,
  DEVICES,
  type GlobalFatigue,
  LIMITS,
  type Survey,
  type Targeting,
  type TouchpointConfig,
  type Trigger,
  type UrlFilter,
  type ValidationResult,
} from '@touchpoint/core';
import {
  arr,
  bool,
  def,
  defaults,
  either,
  num,
  obj,
  oneOf,
  opt,
  type Parser,
  record,
  refine,
  run,
  str,
  tagged,
} from './parser';

// Patterns copied from core's common.schema.ts (they are not exported); the table test keeps them in step.
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const ATTRIBUTE_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const HEX_COLOR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

const id = str(1, LIMITS.idLength, ID, 'an id (letters, digits and . _ : -)');
const locale = str(0, 64, LOCALE, 'a language tag such as en or nl-BE');
const pattern = str(1, LIMITS.patternLength);
const displayText = str(1, LIMITS.displayTextLength);
const localized = either(displayText, record(locale, displayText, 1), 'a text, or a text per locale');
const dateTime = refine(str(0, 64, ISO_DATETIME, 'an ISO 8601 date and time with offset'), (text) =>
  Number.isNaN(Date.parse(text)) ? 'is not a real date' : undefined,
);

const compiles = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

const urlRule = refine(
  obj({
    match: oneOf(['exact', 'contains', 'startsWith', 'endsWith', 'glob', 'regex'] as const),
    value: pattern,
    on: def(oneOf(['path', 'url'] as const), () => 'path' as const),
  }),
  (rule) =>
    rule.match === 'regex' && !compiles(rule.value) ? 'is not a valid regular expression' : undefined,
  () => 'value',
);
const urlFilter: Parser<UrlFilter> = obj({
  include: opt(arr(urlRule, 0, LIMITS.urlRules)),
  exclude: opt(arr(urlRule, 0, LIMITS.urlRules)),
});

const base = { url: opt(urlFilter), delaySeconds: opt(num(0, 3600)) };
const trigger: Parser<Trigger> = tagged({
  event: { name: pattern, ...base },
  pageView: base,
  routeChange: base,
  click: { selector: pattern, ...base },
  scrollDepth: { percent: num(1, 100), ...base },
  timeOnPage: { seconds: num(1, 3600), ...base },
  exitIntent: base,
  elementVisible: { selector: pattern, threshold: def(num(0, 1), () => 0.5), ...base },
});

const attributeValue = either(
  either(str(0, LIMITS.attributeValueLength), num(-Number.MAX_VALUE, Number.MAX_VALUE), 'text or a number'),
  bool,
  'text, a finite number or true/false',
);
const NO_VALUE = ['exists', 'notExists'];
const LIST = ['in', 'notIn'];
const NUMBER = ['greaterThan', 'atLeast', 'lessThan', 'atMost'];
const condition = refine(
  obj({
    key: str(1, LIMITS.attributeKeyLength, ATTRIBUTE_KEY, 'an attribute key'),
    op: oneOf([
      'equals',
      'notEquals',
      'in',
      'notIn',
      'contains',
      'startsWith',
      'greaterThan',
      'atLeast',
      'lessThan',
      'atMost',
      'exists',
      'notExists',
    ] as const),
    value: opt(either(attributeValue, arr(attributeValue, 1), 'a value or a list of values')),
  }),
  ({ op, value }) => {
    if (NO_VALUE.includes(op)) return value === undefined ? undefined : `"${op}" takes no value; remove it`;
    if (value === undefined) return `"${op}" needs a value`;
    if (LIST.includes(op) !== Array.isArray(value))
      return LIST.includes(op)
        ? `"${op}" needs a list of values`
        : `"${op}" needs a single value, not a list`;
    if (NUMBER.includes(op) && typeof value !== 'number') return `"${op}" compares numbers; give a number`;
    if ((op === 'contains' || op === 'startsWith') && typeof value !== 'string')
      return `"${op}" works on text; give a string`;
    return undefined;
  },
  () => 'value',
);

const targeting: Parser<Targeting> = obj({
  sampleRate: def(num(0, 100), () => 100),
  attributes: opt(arr(condition, 0, 32)),
  devices: opt(arr(oneOf(DEVICES), 1)),
  locales: opt(arr(locale, 1)),
  visitors: def(oneOf(['any', 'new', 'returning'] as const), () => 'any' as const),
});

const questionBase = {
  id: def(id, () => 'score'),
  text: opt(localized),
  labels: opt(obj({ low: opt(localized), high: opt(localized) })),
};
const question = tagged({
  nps: questionBase,
  ces: { ...questionBase, points: def(oneOf([7, 5] as const), () => 7 as const) },
  csat: {
    ...questionBase,
    style: def(oneOf(['numbers', 'faces', 'stars'] as const), () => 'numbers' as const),
  },
});

const ALL_BANDS = [...new Set(Object.values(BANDS).flat())];

const survey: Parser<Survey> = refine(
  obj({
    id,
    touchpoint: id,
    enabled: def(bool, () => true),
    question,
    followUp: opt(
      obj({
        id: def(id, () => 'reason'),
        text: opt(localized),
        placeholder: opt(localized),
        bands: opt(arr(oneOf(ALL_BANDS), 1)),
        maxLength: def(num(1, LIMITS.textAnswerLength, true), () => 1000),
      }),
    ),
    thankYou: defaults(obj({ text: opt(localized), autoCloseMs: def(num(0, 60_000, true), () => 3000) })),
    triggers: arr(trigger, 1, LIMITS.triggers),
    targeting: defaults(targeting),
    fatigue: defaults(
      obj({
        recontactDays: def(num(0, 3650), () => 90),
        untilAnswered: def(bool, () => false),
        maxDisplays: opt(num(1, 1000, true)),
      }),
    ),
    schedule: opt(
      refine(obj({ start: opt(dateTime), end: opt(dateTime) }), ({ start, end }) =>
        start !== undefined && end !== undefined && Date.parse(start) >= Date.parse(end)
          ? 'end must be later than start'
          : undefined,
      ),
    ),
    priority: def(num(-1000, 1000, true), () => 0),
    display: defaults(
      refine(
        obj({
          placement: def(
            oneOf(['bottom-right', 'bottom-left', 'modal', 'inline'] as const),
            () => 'bottom-right' as const,
          ),
          target: opt(str(1, LIMITS.patternLength)),
        }),
        (d) =>
          d.placement === 'inline' && d.target === undefined
            ? 'an inline survey needs a target selector, e.g. "#feedback"'
            : undefined,
        () => 'target',
      ),
    ),
  }),
  (s) => {
    const allowed: readonly string[] = BANDS[s.question.type];
    const bad = s.followUp?.bands?.find((band) => !allowed.includes(band));
    return bad === undefined
      ? undefined
      : `"${bad}" is not a band of a ${s.question.type} question; use ${allowed.join(', ')}`;
  },
  () => 'followUp.bands',
);

const appearance: Parser<Appearance> = obj({
  brandColor: opt(str(0, 7, HEX_COLOR, 'a hex colour such as #0a66c2')),
  radius: opt(num(0, 32)),
  fontFamily: opt(str(1, 200)),
  colorScheme: def(oneOf(['auto', 'light', 'dark'] as const), () => 'auto' as const),
  zIndex: def(num(0, 2147483647, true), () => 2147483000),
});

const fatigue: Parser<GlobalFatigue> = obj({
  cooldownDays: def(num(0, 365), () => 7),
  sessionCap: def(num(1, 100, true), () => 1),
});

const config: Parser<TouchpointConfig> = refine(
  obj({
    $schema: opt(str()),
    version: oneOf([1] as const),
    defaultLocale: opt(locale),
    fatigue: defaults(fatigue),
    appearance: defaults(appearance),
    surveys: arr(survey, 0, LIMITS.surveys),
  }),
  ({ surveys }) => {
    const ids = surveys.map((s) => s.id);
    const twice = ids.find((surveyId, index) => ids.indexOf(surveyId) !== index);
    return twice === undefined ? undefined : `survey id "${twice}" is used twice; ids must be unique`;
  },
  () => 'surveys',
);

/** Validates a config (parsed JSON, or an object literal) and fills in its defaults. */
export const readConfig = (input: unknown): ValidationResult<TouchpointConfig> => run(config, input);
