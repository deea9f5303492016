/**
 * Touchpoint's script tag in real Chromium, against the reference server on 127.0.0.1, at 1× and 4× CPU
 * slow-down (CDP `Emulation.setCPUThrottlingRate`), median of several runs, each in a fresh context (cold cache):
 *
 * - main-thread time of the loader: Chromium's `ScriptDuration` + `V8CompileDuration` (CDP
 *   `Performance.getMetrics`) of a page whose only scripts are the stub and embed.js, once the network is idle
 *   (embed.js loaded and run, the config fetched and checked, the page view evaluated);
 * - trigger → visible: from `touchpoint('track', …)` to the first animation frame with the survey card in the
 *   page (the survey chunk is fetched on that first trigger, as on a real first visit; the card's 0.2 s fade-in
 *   starts in that frame).
 */
import { SHOP_CONFIG_FILE, SHOP_PUBLIC_KEY, SHOP_SITE_ID } from '@touchpoint/example-script-tag';
import { loadConfigFile, openSqliteStore, type Site, startServer, surveyKindsOf } from '@touchpoint/server';
import { type BrowserHandle, launchBrowser, startStaticServer } from '@touchpoint/testkit';
import { STUB_SNIPPET } from '@touchpoint/widget';

export interface TimingRow {
  readonly cpu: number;
  readonly runs: number;
  /** Median main-thread ms the loader adds to a page load. */
  readonly loaderMainThreadMs: number;
  /** Median ms from the trigger to the first frame with the card; null when the survey chunk is not built. */
  readonly triggerToVisibleMs: number | null;
  readonly samples: { loader: number[]; triggerToVisible: number[] };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

type CDPSession = Awaited<ReturnType<Awaited<ReturnType<BrowserHandle['newContext']>>['newCDPSession']>>;

const page = (head: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${head}</head>` +
  '<body><main><h1>Order confirmed</h1><p>Thank you for your order.</p></main></body></html>';

/** Main-thread JavaScript time of the page so far (execution and compilation), in ms. */
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

export interface TimingOptions {
  /** Folder with embed.js and its chunks. */
  readonly widgetDir: string;
  /** Whether touchpoint-survey.js exists (trigger → visible needs it). */
  readonly surveyChunk: boolean;
  /** @default 7 */
  readonly runs?: number;
  /** @default [1, 4] */
  readonly cpuRates?: readonly number[];
  readonly dataDir: string;
}

export async function measureBrowserTimings(options: TimingOptions): Promise<TimingRow[]> {
  const runs = options.runs ?? 7;
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
      // requestIdleCallback made a no-op: the survey chunk's idle-time preload and the idle-time look for events
      // an earlier page left (decisions/0004) never run, so the loader's figure is its page-load work alone and
      // trigger → visible fetches a cold chunk, as these rows say; preload-timing.ts measures the page with both.
      '/loader.html': page(
        `<script>window.requestIdleCallback = () => 0;${STUB_SNIPPET}${init}</script><script async src="/touchpoint/embed.js"></script>`,
      ),
    },
  });
  let browser: BrowserHandle | undefined;
  const rows: TimingRow[] = [];
  try {
    browser = await launchBrowser();
    for (const cpu of options.cpuRates ?? [1, 4]) {
      const samples = { loader: [] as number[], triggerToVisible: [] as number[] };
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext();
        const target = await context.newPage();
        const session = await context.newCDPSession(target);
        await session.send('Emulation.setCPUThrottlingRate', { rate: cpu });
        await session.send('Performance.enable');
        await target.goto(`${pages.url}/loader.html`, { waitUntil: 'networkidle' });
        samples.loader.push(await scriptMs(session));
        if (options.surveyChunk)
          samples.triggerToVisible.push(await target.evaluate<number>(TRIGGER_TO_FRAME));
        await context.close();
      }
      rows.push({
        cpu,
        runs,
        loaderMainThreadMs: median(samples.loader),
        triggerToVisibleMs: options.surveyChunk ? median(samples.triggerToVisible) : null,
        samples,
      });
    }
  } finally {
    await browser?.close();
    await pages.close();
    await server.stop();
  }
  return rows;
}
