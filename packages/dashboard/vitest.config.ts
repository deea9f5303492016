import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@touchpoint/source'] },
  ssr: { resolve: { conditions: ['@touchpoint/source'] } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    name: 'dashboard',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // Component tests run in happy-dom; the *.node.test.ts and *.browser.test.ts files say `node` at their top.
    environment: 'happy-dom',
    // Builds the dashboard once into a temporary folder for the tests that check or serve the built files.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
  },
});
