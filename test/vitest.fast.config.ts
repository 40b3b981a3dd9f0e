import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import full from './vitest.config.js';

/**
 * `npm run test:fast`: the quick answer while working. PGlite only, and without the files that
 * are mostly about other processes (servers and commands started as `npm start` and `npm run …`
 * would start them, Chromium, two servers over Redis). `npm test` runs everything, on Postgres too.
 */
export default mergeConfig(
  full,
  defineConfig({
    test: {
      exclude: [
        ...configDefaults.exclude,
        'test/pglite-lock.test.ts',
        'test/concurrent-ingest.test.ts',
        'test/bulk-ingest.test.ts',
        'test/deploy.test.ts',
        'test/faults.test.ts',
        'test/log-secrets.test.ts',
        'test/server.test.ts',
        'test/heap-growth.test.ts',
        'test/**/*.e2e.test.ts',
      ],
      env: { TEST_DATABASE_URL: '', DATABASE_URL: '', TEST_TIER: 'fast' },
    },
  }),
);
