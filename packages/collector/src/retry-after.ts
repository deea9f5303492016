/**
 * `Retry-After` (RFC 9110 §10.2.3): a number of seconds or an HTTP date. Returns the wait in milliseconds, or
 * `undefined` when the header is missing or unreadable (the caller then falls back to its own backoff).
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names a weekday and a month; Date.parse alone would also take "5" or "1.5".
  const at = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
