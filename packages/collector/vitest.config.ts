import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@touchpoint/source'] },
  ssr: { resolve: { conditions: ['@touchpoint/source'] } },
  test: {
    name: 'collector',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Everything the collector touches (fetch, storage, clock, lifecycle, online state) is passed in, so the unit
    // suites run in plain Node against msw; *.browser.test.ts drives real Chromium.
    environment: 'node',
    testTimeout: 30_000,
  },
});
