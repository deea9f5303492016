/**
 * Validating untrusted input against core's schemas. Lives behind the `./schema` entry because it runs zod.
 */
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { TouchpointConfigSchema } from '../config/touchpoint-config.schema';
import { BatchSchema } from '../wire/batch.schema';
import { EventSchema } from '../wire/event.schema';
import { describeIssues } from './problem';
import type { ValidationResult } from './result';

/** Validates `input` against any zod schema and describes what is wrong in plain words. */
export function validate<S extends $ZodType>(schema: S, input: unknown): ValidationResult<z.output<S>> {
  const result = z.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: describeIssues(result.error.issues, input, schema) };
}

/** Validates a survey config file (already parsed from JSON). */
export const parseConfig = (input: unknown) => validate(TouchpointConfigSchema, input);

/** Validates one request body of the wire contract. */
export const parseBatch = (input: unknown) => validate(BatchSchema, input);

/** Validates one wire event, e.g. one read back from an offline queue. */
export const parseEvent = (input: unknown) => validate(EventSchema, input);
