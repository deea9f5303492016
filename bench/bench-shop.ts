/**
 * What the widget's Chromium benchmarks share: the shop's config served by the reference server on 127.0.0.1 (a
 * fresh SQLite file), the widget's built files under `/touchpoint/` of a static server, a page whose head is the
 * benchmark's script tag, and the measurements read from the page: the main thread's JavaScript time (CDP) and
 * trigger → first frame with the card. Used by `browser-timing.ts` and `preload-timing.ts`.
 */
import { SHOP_CONFIG_FILE, SHOP_PUBLIC_KEY, SHOP_SITE_ID } from '@touchpoint/example-script-tag';
import { loadConfigFile, openSqliteStore, type Site, startServer, surveyKindsOf } from '@touchpoint/server';
import { type BrowserHandle, startStaticServer } from '@touchpoint/testkit';
import { STUB_SNIPPET } from '@touchpoint/widget';

export type CDPSession = Awaited<
  ReturnType<Awaited<ReturnType<BrowserHandle['newContext']>>['newCDPSession']>
>;

/** The widget's files a page may load, served under `/touchpoint/`. */
const WIDGET_FILES = [
  'embed.js',
  'touchpoint-survey.js',
  'touchpoint-collector.js',
  'touchpoint-triggers.js',
  'touchpoint-debug.js',
] as const;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const page = (head: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${head}</head>` +
  '<body><main><h1>Order confirmed</h1><p>Thank you for your order.</p></main></body></html>';

/** Main-thread JavaScript time of the page so far (execution and compilation), in ms. */
export async function scriptMs(session: CDPSession): Promise<number> {
  const { metrics } = await session.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return (value('ScriptDuration') + value('V8CompileDuration')) * 1000;
}

/** Evaluated in the page: fires the shop's trigger and resolves with the ms to the first frame with the card. */
export const TRIGGER_TO_FRAME = `new Promise((resolve) => {
  const started = performance.now();
  const frame = () => {
    const host = document.querySelector('[data-touchpoint]');
    if (host && host.shadowRoot && host.shadowRoot.querySelector('[role=dialog]')) resolve(performance.now() - started);
    else requestAnimationFrame(frame);
  };
  touchpoint('track', 'checkout.completed');
  requestAnimationFrame(frame);
})`;

export interface BenchShop {
  /** The static server's origin: `${url}/page.html`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the reference server with the shop's site and a static server with the widget's files and `pages`: each
 * path's head is what `head(tag)` makes of the script tag (the stub snippet with `init`, then embed.js, async).
 */
export async function startBenchShop(options: {
  readonly widgetDir: string;
  readonly dataDir: string;
  readonly pages: Readonly<
    Record<string, (tag: { readonly stub: string; readonly embed: string }) => string>
  >;
}): Promise<BenchShop> {
  const { json, config } = loadConfigFile(SHOP_CONFIG_FILE);
  const site: Site = {
    id: SHOP_SITE_ID,
    name: 'bench',
    publicKey: SHOP_PUBLIC_KEY,
    secretKey: 'sk_bench_0123456789abcdef',
    allowedOrigins: ['http://127.0.0.1:*'],
    configPath: SHOP_CONFIG_FILE,
    configJson: json,
    config,
  };
  const store = await openSqliteStore({ path: `${options.dataDir}/touchpoint.sqlite` });
  await store.registerSurveys(site.id, surveyKindsOf(config));
  const server = await startServer({ store, sites: [site], port: 0 });
  const tag = {
    stub: `${STUB_SNIPPET}touchpoint('init', { siteKey: '${SHOP_PUBLIC_KEY}', endpoint: '${server.url}' });`,
    embed: '<script async src="/touchpoint/embed.js"></script>',
  };
  const pages = await startStaticServer({
    files: Object.fromEntries(WIDGET_FILES.map((f) => [`/touchpoint/${f}`, `${options.widgetDir}/${f}`])),
    pages: Object.fromEntries(Object.entries(options.pages).map(([path, head]) => [path, page(head(tag))])),
  });
  return {
    url: pages.url,
    async close() {
      await pages.close();
      await server.stop();
    },
  };
}
