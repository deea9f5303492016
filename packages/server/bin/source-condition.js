// A module resolve hook that adds the `@touchpoint/source` condition, as `node --conditions` would.
const CONDITION = '@touchpoint/source';

export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes(CONDITION)
    ? context.conditions
    : [CONDITION, ...context.conditions];
  return nextResolve(specifier, { ...context, conditions });
}
