import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@touchpoint/source'] },
  ssr: { resolve: { conditions: ['@touchpoint/source'] } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    name: 'widget',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // Component and runtime tests run in happy-dom; *.browser.test.ts files run in node and drive real Chromium.
    environment: 'happy-dom',
    testTimeout: 30_000,
  },
});
