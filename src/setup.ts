import { mkdirSync } from 'node:fs';
import { openDatabase, type Database, type DatabaseOptions } from './db/client.js';
import { migrate } from './db/migrate.js';
import { collectArticleFiles, createIngestor, seedArticlesDir, type IngestResult } from './ingest/ingest.js';
import { syncKnowledgeBase } from './ingest/knowledge-base.js';
import { isCorpusEmpty } from './ingest/store.js';
import { loadKnowledgeBase } from './linking/kb.js';
import { createLinker } from './linking/linker.js';
import type { TextLinker } from './ingest/ingest.js';

export interface Prepared {
  database: Database;
  linker: TextLinker;
}

/** Opens the database, applies migrations and makes the actors and conflicts match the knowledge base. */
export async function prepare(options: DatabaseOptions): Promise<Prepared> {
  if (!options.url && options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const database = openDatabase(options);
  try {
    await migrate(database);
    const kb = loadKnowledgeBase();
    await syncKnowledgeBase(database.db, kb);
    return { database, linker: createLinker(kb) };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Loads the seed articles when the corpus is empty; returns what was ingested. */
export async function seedIfEmpty({ database, linker }: Prepared): Promise<IngestResult[]> {
  if (!(await isCorpusEmpty(database.db))) return [];
  const ingestor = createIngestor(database.db, linker);
  const results: IngestResult[] = [];
  for (const file of await collectArticleFiles([seedArticlesDir])) results.push(await ingestor.ingestFile(file));
  return results;
}
