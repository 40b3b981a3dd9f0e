import { cacheName, prefixOf, readCacheFile, writeCacheFile, type KnowledgeBaseCache } from './kb-cache.js';
import { lexiconFromData, lexiconToData, type Lexicon, type LexiconData } from './lexicon.js';
import { provisionalLexiconFromData, provisionalLexiconToData, type ProvisionalLexicon, type ProvisionalLexiconData } from './provisional-names.js';
import { translatedTablesFromData, translatedTablesToData, type TranslatedTables, type TranslatedTablesData } from './translated-names.js';
import type { KnowledgeBase } from './types.js';

/*
 * The lexicon built from a knowledge base, with the other tables the linker builds from it alone (the people's
 * names for provisional actors, the English names of organisations for names read in Dutch), kept as JSON under a
 * hash of the knowledge base as given (every field, so a knowledge base changed after it loaded is never served an
 * old lexicon) and of the code of linking/ (see kb-cache.ts). Building the lexicon (the spelling variants, the two
 * tries) took most of a second and the other tables a fifth of a second more; reading them back takes a fifth of
 * that. The file is written under a temporary name and renamed, so two processes building at once each leave a
 * whole file and a reader never sees half of one.
 */

/** Raised when the layout of `LexiconData` changes in a way the hashed code does not show. */
const FORMAT = 1;

/** What the linker builds from a knowledge base alone. */
export interface LinkerTables {
  lexicon: Lexicon;
  provisional: ProvisionalLexicon;
  translated: TranslatedTables;
}

interface CachedLexicon {
  format: number;
  lexicon: LexiconData;
  provisional: ProvisionalLexiconData;
  translated: TranslatedTablesData;
}

/** The tables of `kb`: read from the cache in `home` when one was made from the same knowledge base, built otherwise. */
export function cachedLexicon(kb: KnowledgeBase, home: KnowledgeBaseCache | null, build: () => LinkerTables): LinkerTables {
  if (home === null) return build();
  const variant = `lexicon-${home.variant}`;
  const name = cacheName(variant, [{ file: 'knowledge base', content: JSON.stringify(kb) }]);
  if (name === null) return build();
  const cached = readCacheFile(home.dir, name) as CachedLexicon | null;
  if (cached?.format === FORMAT) {
    try {
      return {
        lexicon: lexiconFromData(cached.lexicon),
        provisional: provisionalLexiconFromData(cached.provisional),
        translated: translatedTablesFromData(cached.translated),
      };
    } catch {
      // A damaged cache: build.
    }
  }
  const tables = build();
  const data: CachedLexicon = {
    format: FORMAT,
    lexicon: lexiconToData(tables.lexicon),
    provisional: provisionalLexiconToData(tables.provisional),
    translated: translatedTablesToData(tables.translated),
  };
  writeCacheFile(home.dir, name, prefixOf(variant), data);
  return tables;
}
