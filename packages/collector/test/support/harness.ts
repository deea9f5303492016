/**
 * A collector wired to test doubles: a manual clock, memory storage, a fake page and online source, and lists of
 * what it reported. Only the network is real (msw intercepts the real `fetch`).
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type CollectorError,
  type CollectorOptions,
  createCollector,
  createScriptTagCollector,
} from '../../src/index';
import { fakePage } from './fake-page';
import { manualClock } from './manual-clock';
import { MemoryStorage } from './memory-storage';
import { ENDPOINT, SITE_KEY } from './mock-collector';

/**
 * Whether this run tests `createScriptTagCollector` (the widget's survey chunk) instead of `createCollector`: the
 * `collector-script-tag` project (vitest.script-tag.config.ts) runs the delivery suites again with it, so every
 * delivery promise is proven for both.
 */
export const SCRIPT_TAG = process.env.TOUCHPOINT_COLLECTOR === 'script-tag';

/** One msw server per test file; an unhandled request fails the test. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** Collector options; `undefined` removes the harness's own value (e.g. `endpoint: undefined` for destinations). */
export type HarnessOptions = { readonly [K in keyof CollectorOptions]?: CollectorOptions[K] | undefined } & {
  readonly page?: ReturnType<typeof fakePage>;
};

export function harness(options: HarnessOptions = {}) {
  const clock = options.clock ?? manualClock();
  const page = options.page ?? fakePage();
  const storage = options.storage === undefined ? new MemoryStorage() : options.storage;
  const errors: CollectorError[] = [];
  const lines: string[] = [];
  const collector = (SCRIPT_TAG ? createScriptTagCollector : createCollector)({
    endpoint: ENDPOINT,
    siteKey: SITE_KEY,
    clock,
    storage,
    lifecycle: page.lifecycle,
    online: page.online,
    random: () => 0.5,
    sendBeacon: null,
    onError: (error) => errors.push(error),
    logger: { warn: (line) => lines.push(line), error: (line) => lines.push(line) },
    ...(options as CollectorOptions),
  });
  return { collector, clock: clock as ReturnType<typeof manualClock>, page, storage, errors, lines };
}
