import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The web tests import the domain's source, as the web build does (apps/web/vite.config.ts). */
const domainEntry = fileURLToPath(new URL('./packages/domain/src/index.ts', import.meta.url));
const chartsStandIn = fileURLToPath(new URL('./apps/web/src/test/echarts-for-react.tsx', import.meta.url));

/** Server test files that open no database: run once, on the PGlite pass. */
const DATABASE_FREE = [
  'apps/server/src/modules/auditlink/engine/**',
  'apps/server/src/seed/data/*.test.ts',
  'apps/server/src/platform/{blind-index,config,data-dir}.test.ts',
];

/**
 * One Vitest run with projects. `server` runs against PGlite, and a second time against PostgreSQL
 * when TEST_DATABASE_URL is set (see scripts/test.mjs). e2e starts a real server and Chromium.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on CI's 2 cores. The server
    // tests wait on PGlite, PostgreSQL and child processes often enough that two share 2 cores well
    // (PGlite run 6m01s → 4m38s measured). e2e runs two spec files at once as well (below).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'domain',
          include: ['packages/domain/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // Files share a worker's module graph: each builds its own app and database, and importing
          // the server once per worker instead of once per file saves about a minute (import 97 s →
          // 20 s measured on 2 cores).
          isolate: false,
          // The PostgreSQL pass skips what never touches a database (DuckDB engine, demo generators,
          // folder permissions, pure helpers): the PGlite pass has run them.
          exclude: process.env.TEST_DB === 'postgres' ? DATABASE_FREE : [],
        },
      },
      {
        resolve: {
          alias: [
            { find: /^@xc\/domain$/, replacement: domainEntry },
            // jsdom has no canvas: a chart lists what its option would draw (the file says how).
            { find: /^echarts-for-react\/esm\/core$/, replacement: chartsStandIn },
          ],
        },
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['apps/web/src/test/setup.ts'],
          // Files share a worker's module graph and document, as the server tests do: React, antd and
          // the pages are imported once per worker instead of once per file (the web project 84 s →
          // 31–33 s on 2 cores). So a test cannot vi.mock a module another file may have loaded: it
          // drives the real client through fakeServer / fakeUploads (pages/account/testing.ts).
          isolate: false,
          // antd in jsdom renders slowly on a busy machine; a click-through test takes seconds.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two spec files at once, each with its own server and Chromium: one at a time left the
          // machine idle 29% of the time (a journey waits on its pages), 273–278 s against
          // 221–269 s for two at a time on 2 cores. The longest journey (rectification) starts first:
          // Vitest orders files by their last duration, and on a fresh machine by size.
          fileParallelism: true,
          // expect.poll gives up after 1 s by default: on a loaded CI machine a list's first read can
          // take longer (the 以巡促治 journey's 候选 tab failed so in CI). Wait as long as a page action.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
