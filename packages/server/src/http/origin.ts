/**
 * Origins of a site's allow-list: an exact origin (`https://shop.example`), any port of a host
 * (`http://localhost:*`), or `*` for every origin.
 */

/** The canonical form of an origin (lower case, default port dropped), or undefined when it is not one. */
export function normalizeOrigin(origin: string): string | undefined {
  if (!/^https?:\/\/[^/?#]+$/i.test(origin)) return undefined;
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** Whether an entry of an allow-list is well formed. */
export function isOriginPattern(entry: string): boolean {
  if (entry === '*') return true;
  return normalizeOrigin(entry.endsWith(':*') ? entry.slice(0, -2) : entry) !== undefined;
}

export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  const normal = normalizeOrigin(origin);
  if (normal === undefined) return false;
  for (const entry of allowed) {
    if (entry === '*') return true;
    if (entry.endsWith(':*')) {
      const host = normalizeOrigin(entry.slice(0, -2));
      if (host !== undefined && (normal === host || normal.startsWith(`${host}:`))) return true;
    } else if (normalizeOrigin(entry) === normal) {
      return true;
    }
  }
  return false;
}
