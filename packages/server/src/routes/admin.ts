/**
 * The admin routes, `/v1/admin/…`, for the bearer of a site's admin key (`Authorization: Bearer ak_…`) only: the
 * results key, the public key and a site without an admin key get 401 (see `key-auth.ts`). Every answer is
 * `Cache-Control: no-store` and carries no CORS headers, so only the dashboard on the server's own origin or a
 * server-side client can call them.
 *
 * `createAdminRouter` returns a router whose handlers find the authorised site in `c.get('site')`; each admin
 * feature registers its routes on it (`GET /v1/admin/site` is here), then `createApp` mounts it at `/v1/admin`.
 */
import { Hono } from 'hono';
import { errorBody } from '../http/error-body';
import { createKeyGuard, type KeyGuardOptions, NO_STORE } from '../http/key-guard';
import type { Site } from '../sites/site';

export type AdminEnv = { Variables: { site: Site } };
export type AdminRouter = Hono<AdminEnv>;

export function createAdminRouter(options: Omit<KeyGuardOptions, 'role'>): AdminRouter {
  const guard = createKeyGuard({ ...options, role: 'admin' });
  const admin = new Hono<AdminEnv>();
  admin.use('*', async (c, next) => {
    const site = guard(c);
    if (site instanceof Response) return site;
    c.set('site', site);
    await next();
    c.header('Cache-Control', NO_STORE['Cache-Control']);
    return undefined;
  });

  /** Which site this admin key is for: how the dashboard learns who signed in. */
  admin.get('/site', (c) => {
    const site = c.get('site');
    return c.json({
      id: site.id,
      name: site.name,
      publicKey: site.publicKey,
      allowedOrigins: site.allowedOrigins,
    });
  });
  return admin;
}

/** Mounts the admin router; what it does not route answers 404 behind the same key. */
export function mountAdminRouter(app: Hono, admin: AdminRouter): void {
  admin.all('*', (c) =>
    c.json(errorBody('not_found', `No admin route for ${c.req.method} ${c.req.path}.`), 404),
  );
  app.route('/v1/admin', admin);
}
