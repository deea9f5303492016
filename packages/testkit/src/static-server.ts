/**
 * A loopback server for browser tests: serves fixture pages and files with a chosen Content-Security-Policy,
 * and records every other request (method, path, headers, body, arrival order) so delivery can be asserted even
 * for requests that outlive the page (docs/faults.md §7: more faithful than `page.route`).
 */
import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { extname } from 'node:path';
import { type HttpHandle, listen } from './http';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

export interface StaticServerOptions {
  /** Path → HTML (or any text) served as is; `csp` adds a Content-Security-Policy header to that page. */
  readonly pages?: Record<string, string | { body: string; csp?: string; type?: string }>;
  /** Path → file on disk (e.g. `/embed.js` → the built bundle). */
  readonly files?: Record<string, string>;
  /** Answers requests that are neither a page nor a file; recorded first. Default: 404. */
  readonly onRequest?: (
    request: RecordedRequest,
  ) => { status: number; headers?: Record<string, string>; body?: string } | undefined;
}

export interface StaticServer extends HttpHandle {
  /** Every request that was neither a page nor a file, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Replace or add pages while running. */
  setPage(path: string, page: string | { body: string; csp?: string; type?: string }): void;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const pages = new Map(Object.entries(options.pages ?? {}));
  const files = options.files ?? {};
  const requests: RecordedRequest[] = [];
  const handle = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
        // Browser noise, not something a test sent.
        if (path === '/favicon.ico' && !pages.has(path)) {
          res.writeHead(204).end();
          return;
        }
        const page = pages.get(path);
        if (page !== undefined && req.method === 'GET') {
          const { body, csp, type } =
            typeof page === 'string' ? { body: page, csp: undefined, type: undefined } : page;
          const headers: Record<string, string> = {
            'content-type': type ?? 'text/html; charset=utf-8',
            'cache-control': 'no-store',
          };
          if (csp !== undefined) headers['content-security-policy'] = csp;
          res.writeHead(200, headers).end(body);
          return;
        }
        const file = files[path];
        if (file !== undefined && req.method === 'GET') {
          try {
            const content = await readFile(file);
            res
              .writeHead(200, {
                'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
                'cache-control': 'no-store',
              })
              .end(content);
          } catch {
            res.writeHead(404).end();
          }
          return;
        }
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        requests.push(recorded);
        const answer = options.onRequest?.(recorded);
        if (answer === undefined) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        } else {
          res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
        }
      })();
    });
  });
  return { ...handle, requests, setPage: (path, page) => pages.set(path, page) };
}
