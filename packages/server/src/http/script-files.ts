/**
 * The widget's script-tag files, served so the published stub snippet needs nothing but the server's address:
 * `GET /embed.js` and the chunks it loads from beside itself (`/touchpoint-{name}.js`), read from
 * `@touchpoint/widget`'s build (a dependency of this package, so the files match the installed widget version).
 *
 * Headers (docs/design.md, "The script tag and where its files come from"): `Content-Type: text/javascript;
 * charset=utf-8`, `Cross-Origin-Resource-Policy: cross-origin` (other sites' pages load them), and
 * `Access-Control-Allow-Origin: *` so a page may load embed.js with `integrity` + `crossorigin`. At `/` the files are
 * cached for five minutes, so a server upgrade reaches every page soon. The same files are also served under
 * `/v/{build}/`, where `{build}` is a hash of all of them (printed at start, `scriptBuild()`): embed.js loads its
 * chunks from the folder it came from, so a page that loads `/v/{build}/embed.js` gets content-addressed files
 * throughout, cached for a year as immutable, and can pin embed.js with subresource integrity; another build's
 * folder answers 404. Every answer has an ETag (304 on `If-None-Match`) and is sent brotli- or gzip-compressed
 * when the client accepts it (compressed once per file version, then kept in memory).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { errorBody } from './error-body';

/** Cache-Control of the files at `/`. */
export const SCRIPT_SHORT_CACHE = 'public, max-age=300';
/** Cache-Control of the files under `/v/{build}/`. */
export const SCRIPT_IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

// Compressed on libuv's thread pool: brotli at quality 11 takes about 100 ms for the survey chunk, which on the
// event loop would stall every request (ingest and /healthz) at start and on a file's first request after a build.
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The file names served: the loader and its chunks (`touchpoint-survey.js`, `touchpoint-triggers.js`, …). */
const SCRIPT_FILE = /^(embed|touchpoint-[a-z0-9-]+)\.js$/;
/** `/embed.js`, `/touchpoint-survey.js`, `/v/0123456789ab/embed.js`, … */
const SCRIPT_PATH = /^\/(?:v\/([0-9a-f]{12})\/)?((?:embed|touchpoint-[a-z0-9-]+)\.js)$/;

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
  /** The first 12 hex digits of the SHA-256 of the file. */
  readonly hash: string;
  /** `sha384-…` of the file, for a page's `integrity` attribute. */
  readonly integrity: string;
  readonly identity: Uint8Array<ArrayBuffer>;
  readonly br: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer>;
}

/** The script-tag files as they are on disk now, and the build id they make together. */
interface Build {
  readonly id: string;
  readonly files: ReadonlyMap<string, Prepared>;
}

/** What `touchpoint serve` prints about the script tag. */
export interface ScriptBuild {
  /** Hash of every script-tag file together: the `{build}` of `/v/{build}/embed.js`. */
  readonly id: string;
  /** `sha384-…` of embed.js. */
  readonly integrity: string;
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

/** Reads the script-tag files of `dir`, compressing only those whose size or modification time changed. */
async function readBuild(dir: string, known: Map<string, Prepared>): Promise<Build | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => SCRIPT_FILE.test(name)).sort();
  } catch {
    return undefined;
  }
  if (!names.includes('embed.js')) return undefined;
  const files = new Map<string, Prepared>();
  for (const name of names) {
    const file = join(dir, name);
    let key: string;
    try {
      const info = await stat(file);
      if (!info.isFile()) continue;
      key = `${info.size}:${info.mtimeMs}`;
    } catch {
      continue; // removed meanwhile
    }
    const cached = known.get(file);
    if (cached?.key === key) {
      files.set(name, cached);
      continue;
    }
    const identity = new Uint8Array(await readFile(file));
    const prepared: Prepared = {
      key,
      hash: createHash('sha256').update(identity).digest('hex').slice(0, 12),
      integrity: `sha384-${createHash('sha384').update(identity).digest('base64')}`,
      identity,
      br: new Uint8Array(await brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
      gzip: new Uint8Array(await gzipAsync(identity, { level: 9 })),
    };
    known.set(file, prepared);
    files.set(name, prepared);
  }
  const id = createHash('sha256')
    .update([...files].map(([name, file]) => `${name}:${file.hash}`).join('\n'))
    .digest('hex')
    .slice(0, 12);
  return { id, files };
}

/** The build id and embed.js's integrity of the script-tag files in `dir`, or undefined when there are none. */
export async function scriptBuild(dir: string | null): Promise<ScriptBuild | undefined> {
  if (dir === null) return undefined;
  const build = await readBuild(dir, new Map());
  const embed = build?.files.get('embed.js');
  return build && embed ? { id: build.id, integrity: embed.integrity } : undefined;
}

export interface ScriptFilesOptions {
  /** The folder holding embed.js and its chunks; null turns the routes off (404). */
  readonly dir: string | null;
}

export function registerScriptFiles(app: Hono, { dir }: ScriptFilesOptions): void {
  const known = new Map<string, Prepared>();

  async function send(c: Context, version: string | undefined, name: string): Promise<Response> {
    const build = dir === null ? undefined : await readBuild(dir, known);
    if (build === undefined) {
      return c.json(
        errorBody(
          'script_not_built',
          dir === null
            ? 'This server does not serve the script tag.'
            : `The widget's script-tag files are not built in ${dir} (in a clone: npx -y pnpm@10.34.9 build).`,
        ),
        dir === null ? 404 : 503,
      );
    }
    const entry = build.files.get(name);
    if (version !== undefined && version !== build.id) {
      return c.json(
        errorBody(
          'script_build_gone',
          `This server serves script-tag build ${build.id}, not ${version}: load /embed.js or /v/${build.id}/embed.js.`,
        ),
        404,
      );
    }
    if (entry === undefined) {
      return c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404);
    }
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    const body = encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.identity;
    const etag = `"${entry.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const common: Record<string, string> = {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': version === undefined ? SCRIPT_SHORT_CACHE : SCRIPT_IMMUTABLE_CACHE,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ETag: etag,
    };
    const match = c.req.header('if-none-match');
    if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return c.body(null, 304, common);
    }
    return c.body(body, 200, encoding === 'identity' ? common : { ...common, 'Content-Encoding': encoding });
  }

  app.get('/*', async (c, next) => {
    const match = SCRIPT_PATH.exec(c.req.path);
    return match === null ? next() : send(c, match[1], match[2]!);
  });
}
