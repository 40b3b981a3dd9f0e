import { buildLinking, type Linking } from '../../src/setup.js';

let seeds: Linking | undefined;

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}

/**
 * The knowledge base of seeds/kb with its linker, built once per worker process: reading the
 * thousands of names and building the linker takes seconds, and the test files a worker runs
 * share its modules. The knowledge base is frozen, so a test that changes it fails at once
 * instead of changing what the next test file sees; the linker keeps no state between calls.
 */
export function seedLinking(): Linking {
  if (!seeds) {
    seeds = buildLinking();
    deepFreeze(seeds.kb);
  }
  return seeds;
}
