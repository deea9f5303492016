import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'install',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // After every other project (they run in group 0): this one rebuilds each package's dist/, which other suites
    // read or rebuild themselves (the widget's size test), so it must never run beside them.
    sequence: { groupOrder: 1 },
    // Building, packing and an npm install (better-sqlite3 compiles from source) take minutes, once.
    testTimeout: 120_000,
    hookTimeout: 900_000,
  },
});
