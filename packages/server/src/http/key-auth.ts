/**
 * Who may do what, by the key in `Authorization: Bearer …`. Each site has one key per role and a key never does
 * another role's work:
 *
 * - `results` — the secret results key `sk_…` (marketers: results and the dashboard);
 * - `admin` — the admin key `ak_…` (product teams and operators: configs, alerts, links, erasure); a site
 *   without one in the sites file has no admin routes.
 *
 * The public key `pk_…` is sent by browsers and can only send events and read the published config. The key names
 * the site. A missing, malformed, unknown or other-role key is refused with a code a program can branch on; a key
 * in the URL is never read. Keys are compared through their SHA-256 digests, so the lookup leaks nothing about a
 * key through its timing.
 */
import { createHash } from 'node:crypto';
import type { Site } from '../sites/site';

export type KeyRole = 'results' | 'admin';

export type KeyAuth =
  | { readonly ok: true; readonly site: Site }
  | { readonly ok: false; readonly code: string; readonly message: string };

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest('base64');

/** What each role's key is called and looks like, for messages. */
const ROLE = {
  results: { name: 'secret results key', prefix: 'sk_', does: 'reads results' },
  admin: { name: 'admin key', prefix: 'ak_', does: 'changes configs, alerts, links and data' },
} as const;

/** The key a site holds for a role; undefined when the site has none (only the admin key is optional). */
function keyOf(site: Site, role: KeyRole): string | undefined {
  return role === 'results' ? site.secretKey : site.adminKey;
}

export function createKeyAuth(
  sites: readonly Site[],
  role: KeyRole,
): (authorization: string | undefined) => KeyAuth {
  const wanted = ROLE[role];
  const own = new Map<string, Site>();
  /** Every other key the server knows, by digest, with the reason it is refused here. */
  const others = new Map<string, { code: string; message: string }>();
  for (const site of sites) {
    const key = keyOf(site, role);
    if (key !== undefined) own.set(digest(key), site);
    others.set(digest(site.publicKey), {
      code: 'public_key_not_allowed',
      message: `This is a public site key: it can send events and read the published config, nothing else. Use the ${wanted.name} (${wanted.prefix}…).`,
    });
    for (const other of ['results', 'admin'] as const) {
      const otherKey = keyOf(site, other);
      if (other === role || otherKey === undefined) continue;
      others.set(digest(otherKey), {
        code: `${other}_key_not_allowed`,
        message: `This is the site's ${ROLE[other].name}: it ${ROLE[other].does}, nothing else. Use the ${wanted.name} (${wanted.prefix}…).`,
      });
    }
  }
  return (authorization) => {
    if (authorization === undefined || authorization.trim() === '') {
      return {
        ok: false,
        code: `missing_${role}_key`,
        message: `Send the site's ${wanted.name} in an Authorization: Bearer ${wanted.prefix}… header.`,
      };
    }
    const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(authorization);
    if (match === null) {
      return {
        ok: false,
        code: 'invalid_authorization',
        message: `The Authorization header must be "Bearer " followed by the ${wanted.name} (${wanted.prefix}…).`,
      };
    }
    const key = digest(match[1]!);
    const site = own.get(key);
    if (site !== undefined) return { ok: true, site };
    const refused = others.get(key);
    if (refused !== undefined) {
      // A site whose own key of another role this is, but which has no admin key: say so plainly.
      return { ok: false, ...refused };
    }
    return { ok: false, code: `unknown_${role}_key`, message: `No site has this ${wanted.name}.` };
  };
}
