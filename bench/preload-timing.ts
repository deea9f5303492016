/**
 * The survey chunk's preload (decisions/0004) in real Chromium, against the reference server on 127.0.0.1 with the
 * shop's config, each run in a fresh context (cold cache), median of several runs:
 *
 * - trigger → visible on emulated slow 4G (CDP `Network.emulateNetworkConditions`: 150 ms RTT, 1.6 Mbps down,
 *   750 kbps up), with the preload (the loader fetches `touchpoint-survey.js` and `touchpoint-collector.js`, in
 *   parallel, during idle time because a survey's trigger applies to the page) and without it (the same page with `requestIdleCallback` made a no-op
 *   before embed.js runs, so the idle-time fetch never happens and the chunk comes on the trigger, as before the
 *   preload). The trigger is fired once the network is idle, as a visitor's click comes after the page settled.
 * - main-thread time at 1× CPU, unthrottled network, on the page with the preload: Chromium's `ScriptDuration` +
 *   `V8CompileDuration` at network idle, the loader plus both chunks evaluated during idle time (the loader
 *   alone is the Chromium table's row, browser-timing.ts, whose page has the preload off).
 */
import { SHOP_CONFIG_FILE, SHOP_PUBLIC_KEY, SHOP_SITE_ID } from '@touchpoint/example-script-tag';
import { loadConfigFile, openSqliteStore, type Site, startServer, surveyKindsOf } from '@touchpoint/server';
import { type BrowserHandle, launchBrowser, startStaticServer } from '@touchpoint/testkit';
import { STUB_SNIPPET } from '@touchpoint/widget';
import { median } from './browser-timing';

export interface PreloadRow {
  readonly runs: number;
  /** Median ms from the trigger to the first frame with the card on slow 4G. */
  readonly slow4gWithPreloadMs: number;
  readonly slow4gWithoutPreloadMs: number;
  /** Median main-thread ms at network idle, 1× CPU, with the idle-time preload (loader + survey chunk). */
  readonly withPreloadMainThreadMs: number;
  readonly samples: Record<string, number[]>;
}

/** Slow 4G as Chrome DevTools' preset names it (bytes per second). */
export const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};

type CDPSession = Awaited<ReturnType<Awaited<ReturnType<BrowserHandle['newContext']>>['newCDPSession']>>;

const page = (head: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${head}</head>` +
  '<body><main><h1>Order confirmed</h1><p>Thank you for your order.</p></main></body></html>';

async function scriptMs(session: CDPSession): Promise<number> {
  const { metrics } = await session.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return (value('ScriptDuration') + value('V8CompileDuration')) * 1000;
}

const TRIGGER_TO_FRAME = `new Promise((resolve) => {
  const started = performance.now();
  const frame = () => {
    const host = document.querySelector('[data-touchpoint]');
    if (host && host.shadowRoot && host.shadowRoot.querySelector('[role=dialog]')) resolve(performance.now() - started);
    else requestAnimationFrame(frame);
  };
  touchpoint('track', 'checkout.completed');
  requestAnimationFrame(frame);
})`;

export async function measurePreload(options: {
  readonly widgetDir: string;
  readonly runs: number;
  readonly dataDir: string;
}): Promise<PreloadRow> {
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
  const init = `touchpoint('init', { siteKey: '${SHOP_PUBLIC_KEY}', endpoint: '${server.url}' });`;
  const tag = `<script>${STUB_SNIPPET}${init}</script><script async src="/touchpoint/embed.js"></script>`;
  const pages = await startStaticServer({
    files: Object.fromEntries(
      [
        'embed.js',
        'touchpoint-survey.js',
        'touchpoint-collector.js',
        'touchpoint-triggers.js',
        'touchpoint-debug.js',
      ].map((f) => [`/touchpoint/${f}`, `${options.widgetDir}/${f}`]),
    ),
    pages: {
      '/preload.html': page(tag),
      '/no-preload.html': page(`<script>window.requestIdleCallback = () => 0;</script>${tag}`),
    },
  });
  const samples: Record<string, number[]> = {
    slow4gWithPreload: [],
    slow4gWithoutPreload: [],
    withPreload: [],
  };
  let browser: BrowserHandle | undefined;
  try {
    browser = await launchBrowser();
    const run = async (path: string, network: boolean) => {
      const context = await browser!.newContext();
      const target = await context.newPage();
      const session = await context.newCDPSession(target);
      await session.send('Network.enable');
      if (network) await session.send('Network.emulateNetworkConditions', SLOW_4G);
      await session.send('Performance.enable');
      await target.goto(`${pages.url}${path}`, { waitUntil: 'networkidle', timeout: 60_000 });
      const main = await scriptMs(session);
      const visible = network ? await target.evaluate<number>(TRIGGER_TO_FRAME) : 0;
      await context.close();
      return { main, visible };
    };
    for (let i = 0; i < options.runs; i++) {
      samples.slow4gWithPreload!.push((await run('/preload.html', true)).visible);
      samples.slow4gWithoutPreload!.push((await run('/no-preload.html', true)).visible);
      samples.withPreload!.push((await run('/preload.html', false)).main);
    }
  } finally {
    await browser?.close();
    await pages.close();
    await server.stop();
  }
  return {
    runs: options.runs,
    slow4gWithPreloadMs: median(samples.slow4gWithPreload!),
    slow4gWithoutPreloadMs: median(samples.slow4gWithoutPreload!),
    withPreloadMainThreadMs: median(samples.withPreload!),
    samples,
  };
}
