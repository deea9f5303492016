import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@touchpoint/source'] },
  ssr: { resolve: { conditions: ['@touchpoint/source'] } },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real PostgreSQL, real HTTP servers and child processes: generous timeouts, nothing waits on them in a loop.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
