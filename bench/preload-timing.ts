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
import { type BrowserHandle, launchBrowser } from '@touchpoint/testkit';
import { median, scriptMs, startBenchShop, TRIGGER_TO_FRAME } from './bench-shop';

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

export async function measurePreload(options: {
  readonly widgetDir: string;
  readonly runs: number;
  readonly dataDir: string;
}): Promise<PreloadRow> {
  const shop = await startBenchShop({
    widgetDir: options.widgetDir,
    dataDir: options.dataDir,
    pages: {
      '/preload.html': ({ stub, embed }) => `<script>${stub}</script>${embed}`,
      '/no-preload.html': ({ stub, embed }) =>
        `<script>window.requestIdleCallback = () => 0;</script><script>${stub}</script>${embed}`,
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
      await target.goto(`${shop.url}${path}`, { waitUntil: 'networkidle', timeout: 60_000 });
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
    await shop.close();
  }
  return {
    runs: options.runs,
    slow4gWithPreloadMs: median(samples.slow4gWithPreload!),
    slow4gWithoutPreloadMs: median(samples.slow4gWithoutPreload!),
    withPreloadMainThreadMs: median(samples.withPreload!),
    samples,
  };
}
