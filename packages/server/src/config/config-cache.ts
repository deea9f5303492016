/**
 * How long browsers and proxies may keep `GET /v1/config` without asking again: not at all. Every page view
 * revalidates with the ETag (a 304 without a body while the config is unchanged), so a publish reaches the next
 * page view; a server process rechecks the database at most every `PUBLISHED_RECHECK_MS` (1 s) for publishes by
 * another process. See decision 0007.
 */
export const CONFIG_CACHE_CONTROL = 'public, no-cache';
