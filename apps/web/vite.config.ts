import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const domainEntry = fileURLToPath(new URL('../../packages/domain/src/index.ts', import.meta.url));
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [{ find: /^@xc\/domain$/, replacement: domainEntry }],
    // echarts-for-react imports tslib without declaring it; resolve it from this app, which declares it.
    dedupe: ['tslib'],
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      // Not '/p': that would also catch /p.html, the public entry vite serves itself in dev.
      '^/p/': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // 码上巡 is its own entry: the public pages never download the staff app.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        public: fileURLToPath(new URL('./p.html', import.meta.url)),
      },
    },
  },
});
