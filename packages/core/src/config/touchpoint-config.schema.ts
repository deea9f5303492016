/**
 * The config file a product team writes: every survey of a site, plus site-wide fatigue and appearance.
 * `touchpoint-config.schema.json` (generated from this) gives editors autocomplete.
 */
import * as z from 'zod/mini';
import { LIMITS, LocaleSchema } from './common.schema';
import { GlobalFatigueSchema } from './fatigue.schema';
import { FollowUpSchema, JourneysSchema, SegmentAttributesSchema } from './loop.schema';
import { SurveySchema } from './survey.schema';

export const AppearanceSchema = z.strictObject({
  /** Brand colour of buttons and the selected score, as #rgb or #rrggbb. */
  brandColor: z.optional(
    z.string().check(z.regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'use a hex colour such as #0a66c2')),
  ),
  /** Corner radius of the card in px, 0–32. */
  radius: z.optional(z.number().check(z.minimum(0), z.maximum(32))),
  /** CSS font-family of the card; default: the system UI font. */
  fontFamily: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** `auto` follows prefers-color-scheme (default); `light` or `dark` forces one. */
  colorScheme: z._default(z.enum(['auto', 'light', 'dark']), 'auto'),
  /** z-index of the card, high by default so host overlays rarely cover it. */
  zIndex: z._default(z.int().check(z.minimum(0), z.maximum(2147483647)), 2147483000),
});

export const TouchpointConfigSchema = z
  .strictObject({
    /** Path or URL of the JSON Schema, for editors. */
    $schema: z.optional(z.string()),
    /**
     * The server's config version this file was pulled at (written by `touchpoint config pull`, checked by
     * `touchpoint config push`); never published or served.
     */
    $version: z.optional(z.int().check(z.minimum(1))),
    /** Config format version; always 1. */
    version: z.literal(1),
    /** Locale of survey texts when the page gives none. */
    defaultLocale: z.optional(LocaleSchema),
    fatigue: z._default(GlobalFatigueSchema, { cooldownDays: 7, sessionCap: 1 }),
    appearance: z._default(AppearanceSchema, { colorScheme: 'auto', zIndex: 2147483000 }),
    surveys: z.array(SurveySchema).check(z.maxLength(LIMITS.surveys)),
    /**
     * Visitor attributes (sent by `identify()`) the results can be split by: `attr.<name>=<value>` on every
     * results endpoint. At most 5; at most 50 values each (later values count as `(other)`).
     */
    segmentAttributes: z.optional(SegmentAttributesSchema),
    /** Which answers open a follow-up item, and the fall of a score that puts a known customer at risk. */
    followUp: z.optional(FollowUpSchema),
    /** Ordered stages of touchpoints, as the customer meets them: the journey view. */
    journeys: z.optional(JourneysSchema),
  })
  .check(
    z.superRefine((config, ctx) => {
      const seen = new Map<string, number>();
      config.surveys.forEach((survey, index) => {
        const first = seen.get(survey.id);
        if (first !== undefined) {
          ctx.issues.push({
            code: 'custom',
            message: `survey id "${survey.id}" is already used by surveys[${first}]; ids must be unique`,
            path: ['surveys', index, 'id'],
            input: survey.id,
          });
        } else {
          seen.set(survey.id, index);
        }
      });
    }),
  );

export type Appearance = z.output<typeof AppearanceSchema>;
/** A validated config: defaults filled in. */
export type TouchpointConfig = z.output<typeof TouchpointConfigSchema>;
/** A config as written in the file (or in TypeScript): defaults may be left out. */
export type TouchpointConfigInput = z.input<typeof TouchpointConfigSchema>;
