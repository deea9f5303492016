/**
 * The built dashboard (`@touchpoint/dashboard`'s `dist/`) at `/`: index.html for `/`, every other file by its
 * path. The page has no inline code, so it runs under `Content-Security-Policy: default-src 'self'`. index.html
 * and the unhashed files are revalidated on every load (`no-cache` + ETag); the content-hashed files under
 * `assets/` are cached for a year as immutable. No cookies, no directory listings, nothing outside the folder.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { errorBody } from './error-body';

/** The policy of every dashboard file: the page loads only its own files and is never framed. */
export const DASHBOARD_CSP = "default-src 'self'; base-uri 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface DashboardFilesOptions {
  /** The folder of the built dashboard; null when the dashboard is off (`--no-dashboard`). */
  readonly dir: string | null;
}

/** The file under `root` that a URL path names, or undefined for anything that could leave the folder. */
function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((part) => part === '..'))
    return undefined;
  const file = resolve(root, `.${path}`);
  return file.startsWith(root + sep) ? file : undefined;
}

export function registerDashboardFiles(app: Hono, { dir }: DashboardFilesOptions): void {
  const root = dir === null ? null : resolve(dir);

  async function send(c: Context, urlPath: string): Promise<Response | undefined> {
    if (root === null) return undefined;
    const file = fileFor(root, urlPath);
    if (file === undefined) return undefined;
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) return undefined;
      body = await readFile(file);
    } catch {
      return undefined;
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': urlPath.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      'Content-Security-Policy': DASHBOARD_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ETag: etag,
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(body), 200, headers);
  }

  app.get('/', async (c) => {
    const sent = await send(c, '/index.html');
    if (sent !== undefined) return sent;
    return root === null
      ? c.json(errorBody('dashboard_off', 'The dashboard is off on this server (--no-dashboard).'), 404)
      : c.json(
          errorBody(
            'dashboard_not_built',
            'The dashboard is not built. Run: npx -y pnpm@10.34.9 --filter @touchpoint/dashboard build',
          ),
          503,
        );
  });

  app.get('/*', async (c, next) => {
    if (c.req.path.startsWith('/v1/')) return next();
    return (await send(c, c.req.path)) ?? next();
  });
}
