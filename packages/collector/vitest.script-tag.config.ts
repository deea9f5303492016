import { defineProject } from 'vitest/config';

// The delivery suites again, against `createScriptTagCollector` (the collector of the widget's survey chunk,
// decisions/0004): the same promises (once, offline, server errors, unload, tabs, consent) with its lighter check.
export default defineProject({
  resolve: { conditions: ['@touchpoint/source'] },
  ssr: { resolve: { conditions: ['@touchpoint/source'] } },
  test: {
    name: 'collector-script-tag',
    include: [
      'test/delivery.test.ts',
      'test/offline-queue.test.ts',
      'test/retry.test.ts',
      'test/unload.test.ts',
    ],
    environment: 'node',
    env: { TOUCHPOINT_COLLECTOR: 'script-tag' },
    testTimeout: 30_000,
  },
});
