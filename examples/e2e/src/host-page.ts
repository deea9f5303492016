/**
 * Host pages for the hostile-host suites (docs/faults.md §5D, §5E and §7): one loopback server serves the
 * widget's files and pages built per test, each with the CSP, the host CSS and the host script the case needs, with
 * Touchpoint put on the page either by the script tag (the stub and embed.js) or by an app bundle (`init()` from the
 * npm packages with a collector).
 */
import { fileURLToPath } from 'node:url';
import { type StaticServer, startStaticServer } from '@touchpoint/testkit';
import { STUB_SNIPPET } from '@touchpoint/widget';
import { build } from 'esbuild';
import { filesOf } from './serve-folder';

/** How Touchpoint is put on the page. */
export type Inclusion = 'script-tag' | 'npm';

/** A host's aggressive global CSS (cases 39, 40, 47): resets, a 10 px root font and ad-blocker-style hiding. */
export const HOSTILE_CSS = `* { all: unset }
html { font-size: 10px }
[class*=nps], [id*=survey], [class*=feedback] { display: none !important }
button { padding: 45px }
div { display: flex }
body { font-family: "Comic Sans MS", cursive; color: red; line-height: 3 }`;

/** The host's own, ordinary CSS. */
export const HOST_CSS = `body { margin: 0; padding: 24px; font: 16px/1.5 Georgia, serif; background: #f4f1ea; color: #222 }
main { max-width: 640px } h1 { font-size: 28px } .note { color: #444 }`;

export interface HostPage {
  readonly inclusion: Inclusion;
  /** Content-Security-Policy header of the page. */
  readonly csp?: string;
  /** A nonce for the page's inline stub and for embed.js's tag (it must also be in the CSP). */
  readonly nonce?: string;
  /** Extra host CSS, served as a stylesheet (so `style-src 'self'` allows it). */
  readonly css?: string;
  /** Host JavaScript that runs before Touchpoint (patched builtins…), served as a script file. */
  readonly hostScript?: string;
  /** A custom event to track at once (the page is an order confirmation: `checkout.completed`). */
  readonly track?: string;
  /** Include embed.js twice (GTM and a hard-coded tag). */
  readonly twice?: boolean;
}

export interface HostSite {
  readonly server: StaticServer;
  /** Serves a page built from `page` at a fresh path and returns its address. */
  page(page: HostPage): string;
  close(): Promise<void>;
}

const APP_ENTRY = fileURLToPath(new URL('./host-app.ts', import.meta.url));

/** Bundles the npm host app (and the widget's lazy chunks) in memory: file name → source. */
async function bundleHostApp(): Promise<Record<string, string>> {
  const result = await build({
    entryPoints: { app: APP_ENTRY },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    target: 'es2020',
    outdir: '/app',
    write: false,
    conditions: ['@touchpoint/source'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  return Object.fromEntries(result.outputFiles.map((file) => [file.path, file.text]));
}

/**
 * Starts the host site for one reference server: the widget's built files under `/touchpoint/`, the npm app
 * under `/app/`, and pages made by `page()`.
 */
export async function startHostSite(options: {
  readonly widgetDir: string;
  readonly endpoint: string;
  readonly siteKey: string;
}): Promise<HostSite> {
  const app = await bundleHostApp();
  const server = await startStaticServer({
    files: filesOf(options.widgetDir, '/touchpoint/'),
    pages: {
      '/host.css': { body: HOST_CSS, type: 'text/css' },
      ...Object.fromEntries(
        Object.entries(app).map(([path, body]) => [path, { body, type: 'text/javascript; charset=utf-8' }]),
      ),
    },
  });
  let pages = 0;
  const js = (body: string) => ({ body, type: 'text/javascript; charset=utf-8' });
  return {
    server,
    page(page) {
      const n = ++pages;
      const nonce = page.nonce === undefined ? '' : ` nonce="${page.nonce}"`;
      const shared: string[] = ['<link rel="stylesheet" href="/host.css">'];
      if (page.css !== undefined) {
        server.setPage(`/host-${n}.css`, { body: page.css, type: 'text/css' });
        shared.push(`<link rel="stylesheet" href="/host-${n}.css">`);
      }
      if (page.hostScript !== undefined) {
        server.setPage(`/host-${n}.js`, js(page.hostScript));
        shared.push(`<script src="/host-${n}.js"${nonce}></script>`);
      }
      /** The page at `path`; `track` is tracked on it once Touchpoint is there. */
      const render = (path: string, track: string | undefined) => {
        const head = [...shared];
        if (page.inclusion === 'script-tag') {
          const stub = [
            STUB_SNIPPET,
            `touchpoint('init', { siteKey: '${options.siteKey}', endpoint: '${options.endpoint}' });`,
            track === undefined ? '' : `touchpoint('track', '${track}');`,
            // The host's own code: its "Place order" button tells Touchpoint.
            "document.addEventListener('click', (e) => { if (e.target && e.target.id === 'place-order') touchpoint('track', 'checkout.completed'); });",
          ].join('\n');
          // Inline as published, unless a CSP without a nonce forbids inline scripts: then the stub is a file.
          if (page.csp === undefined || page.nonce !== undefined)
            head.push(`<script${nonce}>${stub}</script>`);
          else {
            server.setPage(`${path}.stub.js`, js(stub));
            head.push(`<script src="${path}.stub.js"></script>`);
          }
          const tag = `<script async src="/touchpoint/embed.js"${nonce}></script>`;
          head.push(tag, ...(page.twice ? [tag] : []));
        } else {
          head.push(
            `<meta name="touchpoint-endpoint" content="${options.endpoint}">`,
            `<meta name="touchpoint-site-key" content="${options.siteKey}">`,
            `<meta name="touchpoint-track" content="${track ?? ''}">`,
            `<script type="module" src="/app/app.js"${nonce}></script>`,
          );
        }
        const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Order confirmed</title>
${head.join('\n')}
</head>
<body>
<main>
<h1>Order confirmed</h1>
<p class="note">Thanks for shopping with us. Your parcel leaves the warehouse tomorrow.</p>
<p><label for="host-input">Discount code for next time</label> <input id="host-input"> <button id="host-button" type="button">Apply</button></p>
<p><button id="place-order" type="button">Place order</button> <a id="next" href="/next-${n}.html">Continue shopping</a></p>
</main>
</body>
</html>`;
        server.setPage(path, page.csp === undefined ? body : { body, csp: page.csp });
      };
      render(`/page-${n}.html`, page.track);
      // The page a visitor goes on to, with Touchpoint too: it sends what the last page left behind.
      render(`/next-${n}.html`, undefined);
      return `${server.url}/page-${n}.html`;
    },
    close: () => server.close(),
  };
}
