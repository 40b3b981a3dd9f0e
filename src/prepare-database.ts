import { describeDatabase, openDatabase, type Database, type DatabaseOptions } from './db/client.js';
import { isMigrated, migrate } from './db/migrate.js';
import { collectArticleFiles, createIngestor, seedArticlesDir, type IngestResult } from './ingest/ingest.js';
import { syncKnowledgeBase } from './ingest/knowledge-base.js';
import { isCorpusEmpty } from './ingest/store.js';
import { gazetteerVersion, loadGazetteer } from './linking/gazetteer.js';
import { createPlaceLinker, withPlaces } from './linking/places.js';
import { countArticles, knowledgeBaseFingerprint, relinkAll, saveFingerprint, storedFingerprint } from './ingest/relink.js';
import { loadKnowledgeBase, type LinkingKnowledgeBase } from './linking/kb.js';
import { createLinker, LINKER_VERSION, type Linker } from './linking/linker.js';
import type { TextLinker } from './ingest/ingest.js';

/** Above this many articles a changed knowledge base is not relinked at start; `npm run relink` does it. */
const AUTO_RELINK_LIMIT = 20_000;

async function relinkIfKnowledgeChanged(
  database: Database,
  linker: TextLinker,
  fingerprint: string,
  log: (message: string) => void,
): Promise<void> {
  const stored = await storedFingerprint(database.db);
  if (stored === fingerprint) return;
  const total = await countArticles(database.db);
  if (stored !== null && total > AUTO_RELINK_LIMIT) {
    log(`The knowledge base or the linker changed since the ${total} articles were linked: run \`npm run relink\` to update their links.`);
    return;
  }
  if (total > 0) {
    await relinkAll(database.db, linker);
    log(`The knowledge base or the linker changed: relinked ${total} articles.`);
  }
  await saveFingerprint(database.db, fingerprint);
}

/** The knowledge base, the linker built from it, and the fingerprint of both. */
export interface Linking {
  kb: LinkingKnowledgeBase;
  linker: Linker;
  /** Changes with the knowledge base and with the linker's rules (LINKER_VERSION). */
  fingerprint: string;
}

/**
 * Reads the knowledge base (`seeds/kb` when no folder is given) and the linker built from it when
 * first used: seconds of work for its thousands of names. The linker keeps no state between calls, so one can serve any
 * number of databases.
 */
export function buildLinking(knowledgeBaseDir?: string): Linking {
  const kb = loadKnowledgeBase(knowledgeBaseDir);
  // Built when the first article is linked, the gazetteer with it: a server that only answers
  // queries never holds the linker's tables (some 35 MB of heap, 60 MB of RSS).
  const linker = lazyLinker(() => withPlaces(createLinker(kb), () => createPlaceLinker(loadGazetteer(), kb)));
  // The places are read too: a change of the gazetteer (its packages or seeds/places.yaml) relinks as well.
  return { kb, linker, fingerprint: `${knowledgeBaseFingerprint(kb, LINKER_VERSION)}:${gazetteerVersion().slice(0, 16)}` };
}

/** A linker made by `make` when it is first used. */
function lazyLinker(make: () => Linker): Linker {
  let made: Linker | null = null;
  const linker = () => (made ??= make());
  return {
    link: (input) => linker().link(input),
    unlinkedCandidates: (body) => linker().unlinkedCandidates(body),
    linkWithUnknown: (input) => linker().linkWithUnknown(input),
    explain: (input) => linker().explain(input),
  };
}

export interface PrepareOptions extends DatabaseOptions {
  /** The knowledge-base folder; `seeds/kb` when absent. */
  knowledgeBaseDir?: string | undefined;
  /** A linking already built (`buildLinking`) from the knowledge-base folder, to use instead of building one. */
  linking?: Linking | undefined;
  /** Read replicas of `url`: opened after the primary is migrated and synced; nothing is written to them. */
  readUrls?: readonly string[] | undefined;
  /** Where start-up notes go (relinking after a knowledge-base change). */
  log?: ((message: string) => void) | undefined;
}

export interface Prepared {
  /** The primary: migrations, the knowledge-base sync, writes, and reads that must see their own writes. */
  database: Database;
  /** Read replicas for queries; empty without DATABASE_READ_URL. */
  replicas: Database[];
  linker: TextLinker;
  /** The knowledge base and linker the stored links were made with. */
  fingerprint: string;
}

/** Closes the primary and every replica. */
export async function closePrepared(prepared: Prepared): Promise<void> {
  await Promise.all([prepared.database.close(), ...prepared.replicas.map((replica) => replica.close())]);
}

/** Opens the database, applies migrations and makes the actors and conflicts match the knowledge base. */
export async function prepare(options: PrepareOptions): Promise<Prepared> {
  const database = await openDatabase(options);
  try {
    await migrate(database);
    const { kb, linker, fingerprint } = options.linking ?? buildLinking(options.knowledgeBaseDir);
    await syncKnowledgeBase(database.db, kb);
    await relinkIfKnowledgeChanged(database, linker, fingerprint, options.log ?? (() => {}));
    // Migrations and the sync reach the replicas through replication; the server only reads from them.
    const replicas = await Promise.all(
      (options.readUrls ?? []).map((url) =>
        openDatabase({ url, maxConnections: options.maxConnections, statementTimeoutMs: options.statementTimeoutMs, onQuery: options.onQuery }),
      ),
    );
    return { database, replicas, linker, fingerprint };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export class NotMigratedError extends Error {
  override name = 'NotMigratedError';
}

/**
 * Opens an existing database to read it only: no migration, no knowledge-base sync, and a PGlite
 * folder is never created. Throws NotMigratedError when its migrations are behind the code's.
 */
export async function openForReading(options: DatabaseOptions): Promise<Database> {
  const database = await openDatabase({ ...options, existingOnly: true });
  if (await isMigrated(database.db).catch(() => false)) return database;
  await database.close();
  throw new NotMigratedError(
    `${describeDatabase(options.url, options.dataDir)} is not migrated to this version of the code: ` +
      'run `npm run db:migrate` (or start the server once) first.',
  );
}

/** Loads the seed articles when the corpus is empty; returns what was ingested. */
export async function seedIfEmpty({ database, linker }: Prepared): Promise<IngestResult[]> {
  if (!(await isCorpusEmpty(database.db))) return [];
  const ingestor = createIngestor(database.db, linker);
  const results: IngestResult[] = [];
  for (const file of await collectArticleFiles([seedArticlesDir])) results.push(await ingestor.ingestFile(file));
  return results;
}
