/**
 * The widget's script-tag files, served so the published stub snippet needs nothing but the server's address:
 * `GET /embed.js` and the chunks it loads from beside itself (`/touchpoint-{name}.js`), read from
 * `@touchpoint/widget`'s build (a dependency of this package, so the files match the installed widget version).
 *
 * Headers (docs/design.md, "The script tag"): `Content-Type: text/javascript; charset=utf-8`,
 * `Cross-Origin-Resource-Policy: cross-origin` (the files are loaded by other sites' pages), and
 * `Access-Control-Allow-Origin: *` so a page may load embed.js with `integrity` + `crossorigin`. embed.js is cached
 * briefly (`max-age=300`), so a server upgrade reaches pages within minutes; a chunk requested with
 * `?v={version}` naming its current content (what embed.js asks for) is cached for a year as immutable, any other
 * request for it briefly. Every answer has an ETag (304 on `If-None-Match`) and is sent brotli- or gzip-compressed
 * when the client accepts it (compressed once per file version, then kept in memory).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { errorBody } from './error-body';

/** Cache-Control of embed.js and of a chunk asked for without its current version. */
export const SCRIPT_SHORT_CACHE = 'public, max-age=300';
/** Cache-Control of a chunk asked for with `?v=` naming its current content. */
export const SCRIPT_IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** The URL paths served: the loader and its chunks (`touchpoint-survey.js`, `touchpoint-triggers.js`, …). */
const SCRIPT_PATH = /^\/(embed|touchpoint-[a-z0-9-]+)\.js$/;

/**
 * The version of a chunk as embed.js names it in `?v=`: the first 12 hex digits of the SHA-256 of its bytes
 * (the widget's build computes the same; a test keeps them in step).
 */
export function scriptVersion(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

/** The folder of the installed widget's build (`@touchpoint/widget/dist`), or null when it cannot be found. */
export function defaultScriptDir(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@touchpoint/widget/package.json')), 'dist');
  } catch {
    return null;
  }
}

interface Prepared {
  readonly key: string;
  readonly version: string;
  readonly identity: Uint8Array<ArrayBuffer>;
  readonly br: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer>;
}

/** The encoding to send: brotli, then gzip, then none, as the client's Accept-Encoding allows (q=0 refuses). */
function pickEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q !== undefined && Number(q.slice(2)) === 0)) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

export interface ScriptFilesOptions {
  /** The folder holding embed.js and its chunks; null turns the routes off (404). */
  readonly dir: string | null;
}

export function registerScriptFiles(app: Hono, { dir }: ScriptFilesOptions): void {
  const prepared = new Map<string, Prepared>();

  /** The file's bytes and compressed forms, made again only when its size or modification time changes. */
  async function prepare(file: string): Promise<Prepared | undefined> {
    let key: string;
    try {
      const info = await stat(file);
      if (!info.isFile()) return undefined;
      key = `${info.size}:${info.mtimeMs}`;
    } catch {
      return undefined;
    }
    const known = prepared.get(file);
    if (known?.key === key) return known;
    const identity = new Uint8Array(await readFile(file));
    const entry: Prepared = {
      key,
      version: scriptVersion(identity),
      identity,
      br: new Uint8Array(brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
      gzip: new Uint8Array(gzipSync(identity, { level: 9 })),
    };
    prepared.set(file, entry);
    return entry;
  }

  async function send(c: Context, name: string): Promise<Response> {
    const entry = dir === null ? undefined : await prepare(join(dir, `${name}.js`));
    if (entry === undefined) {
      return name === 'embed'
        ? c.json(
            errorBody(
              'script_not_built',
              dir === null
                ? 'This server does not serve the script tag.'
                : `The widget's script-tag files are not built in ${dir} (in a clone: npx -y pnpm@10.34.9 build).`,
            ),
            dir === null ? 404 : 503,
          )
        : c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404);
    }
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    const body = encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.identity;
    const etag = `"${entry.version}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const immutable = name !== 'embed' && c.req.query('v') === entry.version;
    const common: Record<string, string> = {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': immutable ? SCRIPT_IMMUTABLE_CACHE : SCRIPT_SHORT_CACHE,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ETag: etag,
    };
    const match = c.req.header('if-none-match');
    if (match !== undefined && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return c.body(null, 304, common);
    }
    return c.body(body, 200, encoding === 'identity' ? common : { ...common, 'Content-Encoding': encoding });
  }

  app.get('/*', async (c, next) => {
    const name = SCRIPT_PATH.exec(c.req.path)?.[1];
    return name === undefined ? next() : send(c, name);
  });
}
