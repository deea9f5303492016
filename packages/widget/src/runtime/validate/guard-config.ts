/**
 * What the survey chunk checks of a config (decisions/0004): its structure only, and core's defaults filled in.
 * A config reaches the browser from the reference server, which validated it on publish, or from an npm user's
 * typed code checked by `touchpoint validate`; full validation with core's schemas runs in debug mode only
 * (`check-config.ts`, in the debug chunk), so `debug: true` names every problem.
 *
 * - Not `version: 1`, or `surveys` not a list: no survey shows, with one error.
 * - A survey without the structure the rules and the card read (ids, a question type, a list of triggers, objects
 *   and lists where they belong), or with an id used before: that survey is left out, the others still show.
 * - Anything finer (a pattern, a range) is trusted; a survey whose handling throws later is not shown either
 *   (`survey-runtime.ts`), and debug mode says why.
 *
 * On a valid config the output is exactly core's `parseConfig` output (`test/runtime/guard-config.test.ts`).
 */
import type { Survey, TouchpointConfig } from '@touchpoint/core';

export interface GuardedConfig {
  /** The config with defaults filled in; absent when no survey can show at all. */
  readonly config?: TouchpointConfig;
  /** Why not, when `config` is absent. */
  readonly problem?: string;
  /** Surveys left out, as `surveys[i]: why`. */
  readonly skipped: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: unchecked JSON, read field by field below and typed on the way out
type Loose = Record<string, any>;

const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object where one is expected (or nothing); anything else throws, naming the field. */
const part = (value: unknown, name: string): Loose | undefined => {
  if (value === undefined || isObject(value)) return value;
  throw name;
};
/** A list where one is expected (or nothing, unless required); its items objects when `objects`. */
const list = (value: unknown, name: string, required = false, objects = false) => {
  if ((value === undefined && !required) || (Array.isArray(value) && (!objects || value.every(isObject))))
    return value;
  throw name;
};
const need = (ok: unknown, name: string) => {
  if (!ok) throw name;
};

const QUESTION_DEFAULTS: Loose = { nps: {}, ces: { points: 7 }, csat: { style: 'numbers' } };

function guardSurvey(input: unknown): Survey {
  const s = part(input, 'the survey') ?? {};
  need(typeof s.id === 'string' && s.id, 'id');
  need(typeof s.touchpoint === 'string', 'touchpoint');
  const question = part(s.question, 'question');
  need(question && Object.hasOwn(QUESTION_DEFAULTS, question.type), 'question.type');
  const triggers = (list(s.triggers, 'triggers', true, true) as Loose[]).map((trigger) => {
    const url = part(trigger.url, 'triggers[].url');
    const rules = (name: string) =>
      (list(url?.[name], `triggers[].url.${name}`, false, true) as Loose[] | undefined)?.map((rule) => ({
        on: 'path',
        ...rule,
      }));
    return {
      ...(trigger.type === 'elementVisible' && { threshold: 0.5 }),
      ...trigger,
      ...(url && {
        url: {
          ...url,
          ...(url.include && { include: rules('include') }),
          ...(url.exclude && { exclude: rules('exclude') }),
        },
      }),
    };
  });
  const targeting = part(s.targeting, 'targeting');
  for (const name of ['attributes', 'devices', 'locales']) list(targeting?.[name], `targeting.${name}`);
  const followUp = part(s.followUp, 'followUp');
  list(followUp?.bands, 'followUp.bands');
  const display = part(s.display, 'display');
  need(display?.placement !== 'inline' || typeof display.target === 'string', 'display.target');
  return {
    enabled: true,
    priority: 0,
    ...s,
    question: { id: 'score', ...QUESTION_DEFAULTS[question!.type], ...question },
    ...(followUp && { followUp: { id: 'reason', maxLength: 1000, ...followUp } }),
    thankYou: { autoCloseMs: 3000, ...part(s.thankYou, 'thankYou') },
    triggers,
    targeting: { sampleRate: 100, visitors: 'any', ...targeting },
    fatigue: { recontactDays: 90, untilAnswered: false, ...part(s.fatigue, 'fatigue') },
    display: { placement: 'bottom-right', ...display },
  } as Survey;
}

/** Checks a config's structure and fills in core's defaults (see above). Never throws. */
export function guardConfig(input: unknown): GuardedConfig {
  const skipped: string[] = [];
  try {
    const c = part(input, 'the config') ?? {};
    need(c.version === 1, 'version (1)');
    const surveys: Survey[] = [];
    (list(c.surveys, 'surveys', true) as unknown[]).forEach((entry, index) => {
      try {
        const survey = guardSurvey(entry);
        need(!surveys.some((s) => s.id === survey.id), 'id (used twice)');
        surveys.push(survey);
      } catch (name) {
        skipped.push(`surveys[${index}]: ${String(name)} is missing or of the wrong kind`);
      }
    });
    const appearance = part(c.appearance, 'appearance');
    // The one value the card derives colours from (contrast.ts): a hex colour, or the default.
    need(
      appearance?.brandColor === undefined || /^#[\da-f]{3}([\da-f]{3})?$/i.test(appearance.brandColor),
      'appearance.brandColor',
    );
    return {
      config: {
        ...c,
        fatigue: { cooldownDays: 7, sessionCap: 1, ...part(c.fatigue, 'fatigue') },
        appearance: { colorScheme: 'auto', zIndex: 2147483000, ...appearance },
        surveys,
      } as TouchpointConfig,
      skipped,
    };
  } catch (name) {
    return { problem: `${String(name)} is missing or of the wrong kind`, skipped };
  }
}
