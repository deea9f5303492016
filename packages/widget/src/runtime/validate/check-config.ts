/**
 * Full validation of a config with core's schemas, in debug mode only (the debug chunk, or the npm entry's
 * dynamic import of `words.ts`): the survey chunk checks structure only (`guard-config.ts`, decisions/0004), so
 * this is where `debug: true` names every problem a config has. zod comes with it, never into the survey chunk.
 */
import { parseConfig } from '@touchpoint/core/schema';

/** Every problem core's `TouchpointConfigSchema` finds, one line each (`path: expected …, received …`). */
export function configProblems(input: unknown): string[] {
  const result = parseConfig(input);
  return result.ok ? [] : result.problems.map((problem) => problem.message);
}
