/**
 * Who may read results: the bearer of a site's secret results key (`Authorization: Bearer sk_…`). The key names
 * the site. A public key, a missing or an unknown key are refused with 401 and core's `ErrorBody`; a key in the
 * URL is never read. Keys are compared through their SHA-256 digests, so the lookup leaks nothing about a key
 * through its timing.
 */
import { createHash } from 'node:crypto';
import type { Site } from '../sites/site';

export type ResultsAuth =
  | { readonly ok: true; readonly site: Site }
  | { readonly ok: false; readonly code: string; readonly message: string };

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest('base64');

export function createResultsAuth(
  sites: readonly Site[],
): (authorization: string | undefined) => ResultsAuth {
  const bySecret = new Map<string, Site>();
  const publicKeys = new Set<string>();
  for (const site of sites) {
    bySecret.set(digest(site.secretKey), site);
    publicKeys.add(digest(site.publicKey));
  }
  return (authorization) => {
    if (authorization === undefined || authorization.trim() === '') {
      return {
        ok: false,
        code: 'missing_results_key',
        message: "Send the site's secret results key in an Authorization: Bearer sk_… header.",
      };
    }
    const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(authorization);
    if (match === null) {
      return {
        ok: false,
        code: 'invalid_authorization',
        message: 'The Authorization header must be "Bearer " followed by the secret results key (sk_…).',
      };
    }
    const key = digest(match[1]!);
    const site = bySecret.get(key);
    if (site !== undefined) return { ok: true, site };
    if (publicKeys.has(key)) {
      return {
        ok: false,
        code: 'public_key_not_allowed',
        message:
          'This is a public site key: it can send events but never read results. Use the secret results key (sk_…).',
      };
    }
    return { ok: false, code: 'unknown_results_key', message: 'No site has this results key.' };
  };
}
