import { defineConfig } from 'vitest/config';

// One project per package (preactjs/signals, TanStack Query): each package owns its vitest.config.ts.
// The JSON report is what .ci/run reads to print its closing "N passed, N failed" line.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/collector/vitest.script-tag.config.ts',
      'examples/*/vitest.config.ts',
    ],
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
  },
});
