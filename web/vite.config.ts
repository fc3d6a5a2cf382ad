import { defineConfig } from 'vitest/config';

// `npm run dev` proxies the API to a running server (make run, or PERFSHOP_URL).
const target = process.env.PERFSHOP_URL ?? 'http://localhost:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  server: {
    proxy: {
      '/api': { target, changeOrigin: false },
      '/actuator': { target },
      '/v3': { target },
      '/swagger-ui': { target },
    },
  },
  build: {
    outDir: process.env.PERFSHOP_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
