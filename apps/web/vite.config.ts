import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const domainEntry = fileURLToPath(new URL('../../packages/domain/src/index.ts', import.meta.url));
const api = 'http://127.0.0.1:3000';

/**
 * echarts-for-react's ESM build imports `tslib` without declaring it; npm keeps echarts' own copy
 * nested under echarts, so point the bare import at whichever copy is installed.
 */
function tslibDir(): string {
  const req = createRequire(import.meta.url);
  try {
    return dirname(req.resolve('tslib'));
  } catch {
    return dirname(createRequire(req.resolve('echarts')).resolve('tslib'));
  }
}

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@xc\/domain$/, replacement: domainEntry },
      { find: /^tslib$/, replacement: tslibDir() },
    ],
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/p': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
