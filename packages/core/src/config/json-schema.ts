/**
 * The JSON Schema of the config file, generated from the zod schema so it can never drift from what is enforced.
 * `touchpoint-config.schema.json` at the package root is this, written by `pnpm --filter @touchpoint/core json-schema`
 * and kept current by a test.
 */
import * as z from 'zod/mini';
import { TouchpointConfigSchema } from './touchpoint-config.schema';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(TouchpointConfigSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return {
    ...schema,
    $id: 'https://touchpoint.dev/schema/touchpoint-config.schema.json',
    title: 'Touchpoint survey config',
    description:
      'Every survey of a site: its touchpoint, question, triggers, targeting, fatigue and schedule.',
  };
}
