import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships both CommonJS and ESM builds; Node (and so Yoga and Pothos) load the CommonJS
  // one, so our own imports must get the same instance or `instanceof GraphQLError` fails.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // Gives every run a folder and an id for the database templates the test files share.
    globalSetup: ['test/global-setup.ts'],
    // PGlite boots a WASM Postgres per test file; give it room on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: one on a 2-core machine. Many files wait
    // on child processes, servers and Postgres rather than compute, so two overlap them.
    maxWorkers: 2,
  },
});
