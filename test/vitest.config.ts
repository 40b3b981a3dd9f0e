import { createRequire } from 'node:module';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * The files that take longest (mostly servers and commands started as processes) go first, so the
 * two workers end together instead of one finishing a long file alone at the end of the run. Vitest
 * orders by the durations it remembers, but a clean clone (CI) has none; its order is kept for the rest.
 */
const SLOW_FIRST = [
  'pglite-lock', 'bulk-ingest', 'deploy', 'ingest', 'hostile-input', 'faults', 'plans', 'concurrent-ingest',
  'provisional', 'recovery', 'live-redis.e2e', 'cli-usage', 'export', 'graphiql.e2e',
].map((name) => `/test/${name}.test.ts`);

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = SLOW_FIRST.findIndex((suffix) => file.moduleId.endsWith(suffix));
      return at === -1 ? SLOW_FIRST.length : at;
    };
    return sorted.map((file, index) => ({ file, index })).sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index).map(({ file }) => file);
  }
}

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
    sequence: { sequencer: SlowFirstSequencer },
    // Vitest's default is one fork fewer than the cores: one on a 2-core machine. Many files wait
    // on child processes, servers and Postgres rather than compute, so two overlap them.
    maxWorkers: 2,
  },
});
