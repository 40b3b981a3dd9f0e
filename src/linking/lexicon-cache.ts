import { cacheName, prefixOf, readCacheFile, writeCacheFile, type KnowledgeBaseCache } from './kb-cache.js';
import { lexiconFromData, lexiconToData, type Lexicon, type LexiconData } from './lexicon.js';
import type { KnowledgeBase } from './types.js';

/*
 * The lexicon built from a knowledge base, kept as JSON under a hash of the knowledge base as given (every field,
 * so a knowledge base changed after it loaded is never served an old lexicon) and of the code of linking/ (see
 * kb-cache.ts). Building it (the spelling variants, the two tries) took most of a second; reading it back takes
 * a fifth of that. The file is written under a temporary name and renamed, so two processes building at once each
 * leave a whole file and a reader never sees half of one.
 */

/** Raised when the layout of `LexiconData` changes in a way the hashed code does not show. */
const FORMAT = 1;

interface CachedLexicon {
  format: number;
  lexicon: LexiconData;
}

/** The lexicon of `kb`: read from the cache in `home` when one was made from the same knowledge base, built otherwise. */
export function cachedLexicon(kb: KnowledgeBase, home: KnowledgeBaseCache | null, build: () => Lexicon): Lexicon {
  if (home === null) return build();
  const variant = `lexicon-${home.variant}`;
  const name = cacheName(variant, [{ file: 'knowledge base', content: JSON.stringify(kb) }]);
  if (name === null) return build();
  const cached = readCacheFile(home.dir, name) as CachedLexicon | null;
  if (cached?.format === FORMAT) {
    try {
      return lexiconFromData(cached.lexicon);
    } catch {
      // A damaged cache: build.
    }
  }
  const lexicon = build();
  writeCacheFile(home.dir, name, prefixOf(variant), { format: FORMAT, lexicon: lexiconToData(lexicon) } satisfies CachedLexicon);
  return lexicon;
}
