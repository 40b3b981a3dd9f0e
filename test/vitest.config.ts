import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
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
    // Guards against a test that hangs, no measure of speed: a busy 2-core machine (a WASM Postgres
    // per test file, servers in child processes) runs a test five times slower than a quiet one.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // A worker runs file after file in one process, so the modules, the GraphQL schema and the seed
    // knowledge base's linker (test/helpers/linking.ts) are built once per worker, not once per file:
    // seconds each. Files share nothing else through modules: every database is a file's own.
    isolate: false,
    // One worker per core (Vitest's default leaves one core out).
    maxWorkers: availableParallelism(),
  },
});
