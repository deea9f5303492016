import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@touchpoint/source'] },
  ssr: { resolve: { conditions: ['@touchpoint/source'] } },
  test: {
    name: 'e2e',
    include: ['test/**/*.test.ts'],
    // Every suite runs in Node and drives real Chromium against real servers on 127.0.0.1.
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
