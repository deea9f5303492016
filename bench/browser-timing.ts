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
import { type BrowserHandle, launchBrowser } from '@touchpoint/testkit';
import { median, scriptMs, startBenchShop, TRIGGER_TO_FRAME } from './bench-shop';

export interface TimingRow {
  readonly cpu: number;
  readonly runs: number;
  /** Median main-thread ms the loader adds to a page load. */
  readonly loaderMainThreadMs: number;
  /** Median ms from the trigger to the first frame with the card; null when the survey chunk is not built. */
  readonly triggerToVisibleMs: number | null;
  readonly samples: { loader: number[]; triggerToVisible: number[] };
}

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
  const shop = await startBenchShop({
    widgetDir: options.widgetDir,
    dataDir: options.dataDir,
    pages: {
      // requestIdleCallback made a no-op: the survey chunk's idle-time preload and the idle-time look for events
      // an earlier page left (decisions/0004) never run, so the loader's figure is its page-load work alone and
      // trigger → visible fetches a cold chunk, as these rows say; preload-timing.ts measures the page with both.
      '/loader.html': ({ stub, embed }) =>
        `<script>window.requestIdleCallback = () => 0;${stub}</script>${embed}`,
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
        await target.goto(`${shop.url}/loader.html`, { waitUntil: 'networkidle' });
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
    await shop.close();
  }
  return rows;
}
