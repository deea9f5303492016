/**
 * Real Chromium for tests: Debian's /usr/bin/chromium driven by playwright-core (never `playwright install`).
 *
 * Without Chromium on a laptop the browser suites are skipped with one clear line; under CI (CI=true) a missing
 * Chromium is a failure, because CI always runs them.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TOUCHPOINT_CHROMIUM ?? '/usr/bin/chromium';

export const BROWSER_SKIP_MESSAGE = `[touchpoint] Chromium not found at ${CHROMIUM_PATH}: browser tests skipped (apt-get install chromium, or set TOUCHPOINT_CHROMIUM).`;

let warned = false;

/**
 * Whether browser tests can run here. Prints the skip line once when they cannot; throws under CI.
 * Use as `describe.skipIf(!browserAvailable())(...)`.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`Chromium is required in CI but was not found at ${CHROMIUM_PATH}`);
  if (!warned) {
    console.warn(BROWSER_SKIP_MESSAGE);
    warned = true;
  }
  return false;
}

/** Flags that keep Chromium quiet on a machine without internet access. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserHandle {
  readonly browser: Browser;
  /** A fresh, isolated context (own storage, own cookies). */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Keep Chromium's back/forward cache on. playwright-core turns it off by default (`--disable-back-forward-cache`);
   * tests of pages restored from the cache need it.
   */
  readonly backForwardCache?: boolean;
}

/** Launches Chromium (playwright-core gives it a fresh temporary profile, removed on close). */
export async function launchBrowser(
  extraArgs: readonly string[] = [],
  options: LaunchOptions = {},
): Promise<BrowserHandle> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...FLAGS, ...extraArgs],
    ...(options.backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
  });
  return {
    browser,
    newContext: (options) => browser.newContext(options),
    close: () => browser.close().catch(() => {}),
  };
}
