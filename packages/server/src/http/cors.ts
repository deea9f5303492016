/**
 * CORS per site: an allowed origin is echoed in `Access-Control-Allow-Origin` (never with credentials, and no
 * cookies are ever set); a request without an Origin (server to server, the CLI) needs no CORS at all.
 */
import type { Site } from '../sites/site';
import { originAllowed } from './origin';

/** Preflight answers are cached this long by browsers (Formbricks and Snowplow use an hour). */
export const PREFLIGHT_MAX_AGE_SECONDS = 3600;

export type CorsDecision =
  | { readonly ok: true; readonly headers: Record<string, string> }
  | { readonly ok: false; readonly origin: string };

export function corsFor(site: Site, origin: string | undefined): CorsDecision {
  if (origin === undefined) return { ok: true, headers: {} };
  if (!originAllowed(origin, site.allowedOrigins)) return { ok: false, origin };
  return { ok: true, headers: { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } };
}

export function preflightHeaders(methods: string): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
  };
}
