import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@touchpoint/source'] },
  ssr: { resolve: { conditions: ['@touchpoint/source'] } },
  test: {
    name: 'core',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts'],
      tsconfig: './tsconfig.test.json',
    },
  },
});
