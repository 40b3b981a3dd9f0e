import type { LinkResult } from '../../src/linking/types.js';
import { buildLinking, type Linking } from '../../src/prepare-database.js';

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

/** Links a short text as an article body with the seeds' linker; the title is empty unless given. */
export function link(body: string, publishedOn = '2020-01-01', title = ''): LinkResult {
  return seedLinking().linker.link({ title, body, publishedOn });
}

/** The slugs of the actors a result links, in its order. */
export function slugs(result: LinkResult): string[] {
  return result.actors.map((a) => a.slug);
}

/** The texts of the mentions of one actor in a result, none when it is not linked. */
export function mentionTexts(result: LinkResult, slug: string): string[] {
  return result.actors.find((a) => a.slug === slug)?.mentions.map((m) => m.text) ?? [];
}
