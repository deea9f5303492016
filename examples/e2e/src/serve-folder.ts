/**
 * A built folder (a Vite app, the widget's files) on a loopback server from the testkit, with routes of a
 * single-page app answered by its index.html, as any static host with a fallback does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type StaticServer, startStaticServer } from '@touchpoint/testkit';

/** Every file under `dir`, by URL path (`/assets/index-abc.js`). */
export function filesOf(dir: string, prefix = '/'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[`${prefix}${relative(dir, path).split(sep).join('/')}`] = path;
  }
  return files;
}

export interface ServeFolderOptions {
  /** Client-side routes answered with the folder's index.html. */
  readonly routes?: readonly string[];
  /** Content-Security-Policy of those pages. */
  readonly csp?: string;
}

export function serveFolder(dir: string, options: ServeFolderOptions = {}): Promise<StaticServer> {
  const { '/index.html': _index, ...files } = filesOf(dir);
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const page = options.csp === undefined ? index : { body: index, csp: options.csp };
  return startStaticServer({
    files,
    pages: Object.fromEntries((options.routes ?? ['/']).map((route) => [route, page])),
  });
}
