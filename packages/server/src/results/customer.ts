/**
 * Who answered, as the results show it (issue 13, point 1): the user id and attributes of an identified visitor,
 * without the site's sensitive attributes; nothing at all for an anonymous visitor (no user id), whose attributes
 * could identify them too.
 */
import type { Attributes, Customer } from '@touchpoint/core';

export function customerOf(
  row: { readonly userId: string | null; readonly attributes: Attributes | null },
  sensitive: readonly string[],
): Customer | undefined {
  if (row.userId === null) return undefined;
  const attributes: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(row.attributes ?? {})) {
    if (!sensitive.includes(name)) attributes[name] = value;
  }
  return { userId: row.userId, attributes };
}
