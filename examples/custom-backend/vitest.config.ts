import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@touchpoint/source'] },
  ssr: { resolve: { conditions: ['@touchpoint/source'] } },
  test: {
    name: 'example-custom-backend',
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
