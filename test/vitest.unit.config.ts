import { defineConfig } from 'vitest/config';
import full from './vitest.config.js';

/**
 * `npm run test:unit`: the parser, the linker, the knowledge base, pure functions and the schema, in
 * under a minute. No database (so no templates to build first) and no child processes; `npm test`
 * runs these files too, with everything else.
 */
const UNIT_FILES = [
  'test/bench.test.ts',
  'test/boundaries.test.ts',
  'test/corpus.test.ts',
  'test/env.test.ts',
  'test/error-codes.test.ts',
  'test/evaluation-names.test.ts',
  'test/kinds.test.ts',
  'test/linking*.test.ts',
  'test/minhash.test.ts',
  'test/story-rule.test.ts',
  'test/properties.test.ts',
  'test/raw-sql.test.ts',
  'test/provisional-linking.test.ts',
  'test/provisional-people.test.ts',
  'test/schema.test.ts',
  'test/synth.test.ts',
];

export default defineConfig({
  ...full,
  test: {
    ...full.test,
    include: UNIT_FILES,
    globalSetup: [],
    env: { TEST_DATABASE_URL: '', DATABASE_URL: '', TEST_TIER: 'unit' },
  },
});
