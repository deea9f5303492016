/**
 * Targeting: who may see a survey.
 */
import * as z from 'zod/mini';
import { AttributeKeySchema, AttributeValueSchema, DeviceSchema, LocaleSchema } from './common.schema';

export const ATTRIBUTE_OPERATORS = [
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
] as const;

const NO_VALUE = new Set(['exists', 'notExists']);
const LIST_VALUE = new Set(['in', 'notIn']);
const NUMBER_VALUE = new Set(['greaterThan', 'atLeast', 'lessThan', 'atMost']);
const STRING_VALUE = new Set(['contains', 'startsWith']);

/**
 * A condition on a visitor attribute passed to `identify`, e.g. `{ "key": "plan", "op": "in", "value": ["pro", "team"] }`.
 * `exists` / `notExists` take no value; `in` / `notIn` take a list; the number comparisons take a number;
 * `contains` / `startsWith` take a string.
 */
export const AttributeConditionSchema = z
  .strictObject({
    key: AttributeKeySchema,
    op: z.enum(ATTRIBUTE_OPERATORS),
    value: z.optional(z.union([AttributeValueSchema, z.array(AttributeValueSchema).check(z.minLength(1))])),
  })
  .check(
    z.superRefine((condition, ctx) => {
      const { op, value } = condition;
      const fail = (message: string) =>
        ctx.issues.push({ code: 'custom', message, path: ['value'], input: value });
      if (NO_VALUE.has(op)) {
        if (value !== undefined) fail(`"${op}" takes no value; remove it`);
      } else if (value === undefined) {
        fail(`"${op}" needs a value`);
      } else if (LIST_VALUE.has(op) !== Array.isArray(value)) {
        fail(
          LIST_VALUE.has(op) ? `"${op}" needs a list of values` : `"${op}" needs a single value, not a list`,
        );
      } else if (NUMBER_VALUE.has(op) && typeof value !== 'number') {
        fail(`"${op}" compares numbers; give a number`);
      } else if (STRING_VALUE.has(op) && typeof value !== 'string') {
        fail(`"${op}" works on text; give a string`);
      }
    }),
  );

export const TargetingSchema = z.strictObject({
  /**
   * Share of visitors who may see the survey, 0–100. Sticky: a visitor is in or out for good
   * (a hash of the visitor id and the survey id), so re-rolling a page never changes the answer.
   */
  sampleRate: z._default(z.number().check(z.minimum(0), z.maximum(100)), 100),
  /** Every condition must hold. */
  attributes: z.optional(z.array(AttributeConditionSchema).check(z.maxLength(32))),
  /** Only these device classes. */
  devices: z.optional(z.array(DeviceSchema).check(z.minLength(1))),
  /** Only these locales; `nl` also matches `nl-BE`. */
  locales: z.optional(z.array(LocaleSchema).check(z.minLength(1))),
  /** `new`: first session only; `returning`: later sessions only; `any` (default). */
  visitors: z._default(z.enum(['any', 'new', 'returning']), 'any'),
});

export type AttributeOperator = (typeof ATTRIBUTE_OPERATORS)[number];
export type AttributeCondition = z.output<typeof AttributeConditionSchema>;
export type Targeting = z.output<typeof TargetingSchema>;
