import { copyFingerprint, type CopyFingerprint } from '../corpus/minhash.js';
import { hashedKeys, storyKeys, type StoryKeys } from '../corpus/stories.js';
import type { LinkResult } from '../linking/types.js';

/** An article's text and links as its story keys are read from them. */
export interface KeyedText {
  title: string;
  body: string;
  publishedOn: string;
  links: Pick<LinkResult, 'actors' | 'conflicts' | 'provisional'>;
}

/**
 * What storing an article computes from its text and links alone: the fingerprint its copies are
 * found by and its story keys. A bulk load computes them in the link workers, beside the linking,
 * so that the thread writing the batches spends its time on writing (they were a fifth of its CPU).
 */
export interface TextDerived {
  fingerprint: CopyFingerprint;
  storyKeys: StoryKeys<number>;
}

/** The rule's keys of an article, hashed as stored: names in its text, its actors (provisional ones by key), its conflicts. */
export function storedKeys(text: KeyedText): StoryKeys<number> {
  const { links } = text;
  return hashedKeys(
    storyKeys(text, {
      conflicts: links.conflicts.map((c) => c.slug),
      actors: [...links.actors.map((a) => a.slug), ...links.provisional.map((p) => p.key)],
    }),
  );
}

export function deriveFromText(text: KeyedText): TextDerived {
  return { fingerprint: copyFingerprint(text.body), storyKeys: storedKeys(text) };
}
