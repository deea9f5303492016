/**
 * Small building blocks shared by the config and wire schemas. zod/mini keeps these usable in a browser bundle.
 */
import * as z from 'zod/mini';
import { DEVICES } from './devices';
import { LIMITS } from './limits';

export { DEVICES, LIMITS };

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** A stable id such as `checkout.completed`: letters, digits and `. _ : -`, starting with a letter or digit. */
export const IdSchema = z
  .string()
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(LIMITS.idLength),
    z.regex(
      ID_PATTERN,
      'use letters, digits and . _ : - only, starting with a letter or digit (e.g. checkout.completed)',
    ),
  );

/** A BCP 47 language tag such as `en`, `nl-BE` or `pt-BR`. */
export const LocaleSchema = z
  .string()
  .check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use a language tag such as en, nl or nl-BE'));

const DisplayStringSchema = z
  .string()
  .check(z.minLength(1, 'must not be empty'), z.maxLength(LIMITS.displayTextLength));

/** One text for every locale, or a text per locale: `{ "en": "Thanks!", "nl": "Bedankt!" }`. */
export const LocalizedTextSchema = z.union([
  DisplayStringSchema,
  z
    .record(LocaleSchema, DisplayStringSchema)
    .check(z.refine((map) => Object.keys(map).length > 0, 'give at least one locale')),
]);

/** A visitor attribute value, as passed to `identify`. */
export const AttributeValueSchema = z.union([
  z.string().check(z.maxLength(LIMITS.attributeValueLength)),
  z.number().check(z.refine(Number.isFinite, 'must be a finite number')),
  z.boolean(),
]);

export const AttributeKeySchema = z
  .string()
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(LIMITS.attributeKeyLength),
    z.regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'use letters, digits and _ . - only, starting with a letter or _'),
  );

export const AttributesSchema = z
  .record(AttributeKeySchema, AttributeValueSchema)
  .check(
    z.refine(
      (map) => Object.keys(map).length <= LIMITS.attributes,
      `at most ${LIMITS.attributes} attributes`,
    ),
  );

export const DeviceSchema = z.enum(DEVICES);

export type { Device } from './devices';
export type AttributeValue = z.output<typeof AttributeValueSchema>;
export type Attributes = z.output<typeof AttributesSchema>;
