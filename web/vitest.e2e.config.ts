import { defineConfig } from 'vitest/config';

// End-to-end: headless Debian chromium against the real server jar, started once by
// e2e/global-setup.ts (free port, temp data folder, random admin token).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
