/**
 * The app's server: its page, its script (src/page.ts bundled by esbuild at start) and its own feedback
 * endpoint, all on one origin. This is where a team's existing backend would be.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FEEDBACK_PATH } from './feedback-body';
import { createFeedbackStore, type FeedbackStore, handleFeedback } from './feedback-endpoint';

const PUBLIC = fileURLToPath(new URL('../public/', import.meta.url));
const PAGE_ENTRY = fileURLToPath(new URL('./page.ts', import.meta.url));

export interface SupportAppOptions {
  /** @default 8789 (0 picks a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /**
   * A JSON-lines file the endpoint appends every stored row to.
   * @default none (rows are kept in memory only)
   */
  readonly dataFile?: string;
}

export interface SupportApp {
  readonly server: Server;
  /** `http://HOST:PORT` */
  readonly url: string;
  /** What the feedback endpoint has stored. */
  readonly store: FeedbackStore;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** Bundles the page script (and the widget's lazy chunks) in memory: path → source. */
async function bundlePage(): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: { app: PAGE_ENTRY },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    target: 'es2020',
    outdir: '/',
    write: false,
    conditions: ['@touchpoint/source'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  return new Map(result.outputFiles.map((file) => [`/${basename(file.path)}`, file.text]));
}

export async function startSupportApp(options: SupportAppOptions = {}): Promise<SupportApp> {
  const scripts = await bundlePage();
  const store = createFeedbackStore(options.dataFile);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://app.invalid').pathname;
    void (async () => {
      if (path === FEEDBACK_PATH) return handleFeedback(req, res, store);
      const script = scripts.get(path);
      if (script !== undefined) {
        res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-cache' }).end(script);
        return;
      }
      const file = path === '/' ? 'index.html' : path.slice(1);
      if (!/^[\w-]+\.(html|css)$/.test(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const content = await readFile(`${PUBLIC}${file}`).catch(() => undefined);
      if (content === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      else
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)]!, 'cache-control': 'no-cache' })
          .end(content);
    })().catch((error: unknown) => {
      console.error('[touchpoint] support app:', error);
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
    server.listen(options.port ?? 8789, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
