import { defineConfig } from 'vitest/config';

// End-to-end: headless Debian chromium against a real server jar started by e2e/server.ts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
