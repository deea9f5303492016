import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'install',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Building, packing and an npm install (better-sqlite3 compiles from source) take minutes, once.
    testTimeout: 120_000,
    hookTimeout: 900_000,
  },
});
