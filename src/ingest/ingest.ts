import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeArticle, externalIdFromPath, parseArticle } from '../corpus/parse.js';
import type { Db } from '../db/client.js';
import { EntityIds } from './entity-ids.js';
import { linkArticle, type TextLinker } from './link.js';
import { storeArticle, type StoreOutcome } from './store.js';

export { linkArticle, type TextLinker } from './link.js';

export interface IngestResult extends StoreOutcome {
  externalId: string;
}

/** The one path from article text to stored rows, shared by the CLI, start-up seeding and the mutation. */
export interface Ingestor {
  /** Parses, links and stores one article; throws ArticleFormatError for text not in the corpus format. */
  ingestText(input: { externalId: string; text: string }): Promise<IngestResult>;
  /** Reads a file (size and UTF-8 checked) and ingests it under its file name. */
  ingestFile(path: string): Promise<IngestResult>;
}

/** Announcing and invalidating after the write is the caller's (see createAfterCommit). */
export function createIngestor(db: Db, linker: TextLinker): Ingestor {
  const ids = new EntityIds();
  const ingestText: Ingestor['ingestText'] = async (input) => {
    const article = parseArticle(input);
    const links = linkArticle(linker, article);
    const outcome = await storeArticle(db, article, links, ids);
    return { ...outcome, externalId: article.externalId };
  };
  return {
    ingestText,
    async ingestFile(path) {
      const externalId = externalIdFromPath(path);
      const text = decodeArticle(externalId, await readFile(path));
      return ingestText({ externalId, text });
    },
  };
}

/** The seed corpus shipped in `seeds/articles/`. */
export const seedArticlesDir = fileURLToPath(new URL('../../seeds/articles/', import.meta.url));

/** Expands directories (recursively, `.txt` files) and keeps files as given, in a stable order. */
export async function collectArticleFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true });
    const nested = entries
      .filter((e) => e.isDirectory() || e.name.endsWith('.txt'))
      .map((e) => join(path, e.name))
      .sort();
    files.push(...(await collectArticleFiles(nested)));
  }
  return files;
}
