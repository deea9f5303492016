/**
 * The shop's own web server: the plain HTML pages of `shop/` and the widget's built files under `/touchpoint/`,
 * on their own origin, as a real shop would host them beside (not on) the Touchpoint server.
 *
 * The pages are plain HTML with the stub snippet pointing at `http://127.0.0.1:8787` (the reference server's
 * default address). When the server runs elsewhere, this server writes that address into the pages as it sends
 * them, so the same files work on any port.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the shop's pages. */
export const SHOP_DIR = fileURLToPath(new URL('../shop/', import.meta.url));

/** The Touchpoint server address written in the pages' stub snippet. */
export const PAGE_ENDPOINT = 'http://127.0.0.1:8787';

/** Where the pages load embed.js and its chunks from. */
export const WIDGET_PATH = '/touchpoint/';

export interface ShopServerOptions {
  /** Folder of the widget's built files (`embed.js`, `touchpoint-triggers.js`, `touchpoint-survey.js`, …). */
  readonly widgetDir: string;
  /**
   * Base URL of the Touchpoint server, written into the pages in place of `PAGE_ENDPOINT`; a function is asked
   * on every page (for a server that starts after the shop).
   * @default PAGE_ENDPOINT
   */
  readonly endpoint?: string | (() => string);
  /**
   * Port to listen on; 0 picks a free one.
   * @default 8788
   */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /**
   * Folder of the pages.
   * @default SHOP_DIR
   */
  readonly shopDir?: string;
}

export interface ShopServer {
  readonly server: Server;
  /** `http://HOST:PORT` */
  readonly url: string;
  readonly port: number;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** The file under `root` that `urlPath` names, or undefined when it would leave `root`. */
function fileIn(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(root, decoded));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}

export async function startShop(options: ShopServerOptions): Promise<ShopServer> {
  const shopDir = normalize(options.shopDir ?? SHOP_DIR);
  const widgetDir = normalize(options.widgetDir);
  const endpoint = () => {
    const value = options.endpoint ?? PAGE_ENDPOINT;
    return (typeof value === 'function' ? value() : value).replace(/\/+$/, '');
  };

  const resolveFile = async (path: string): Promise<string | undefined> => {
    const widgetFile = path.startsWith(WIDGET_PATH) ? path.slice(WIDGET_PATH.length) : undefined;
    let file = widgetFile === undefined ? fileIn(shopDir, path) : fileIn(widgetDir, widgetFile);
    if (file === undefined) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      return (await stat(file).catch(() => undefined))?.isFile() ? file : undefined;
    }
    return info?.isFile() ? file : undefined;
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
        return;
      }
      const path = new URL(req.url ?? '/', 'http://shop.invalid').pathname;
      const file = await resolveFile(path);
      if (file === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no page at ${path}`);
        return;
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      let body: Buffer | string = await readFile(file);
      if (type.startsWith('text/html')) body = body.toString('utf8').replaceAll(PAGE_ENDPOINT, endpoint());
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      console.error('[touchpoint] shop server:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8788, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
