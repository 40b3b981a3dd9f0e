import type { Db } from './db/client.js';
import type { Curator } from './ingest/curation.js';
import type { Ingestor } from './ingest/ingest.js';
import type { ArticleFilterSpec } from './queries/article-filter.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Articles as they are ingested, for subscriptions. */
export interface LiveArticles {
  /** The ids of articles created or changed from now on that meet the filter; returning the iterator ends it. */
  matching(filter: ArticleFilterSpec | null, client: string): AsyncIterableIterator<number>;
  /** Subscriptions open on this server now. */
  readonly open: number;
  /** Subscriptions the client holds open on this server now. */
  openBy(client: string): number;
  /** How many subscriptions one client may hold open at once. */
  readonly perClientLimit: number;
}

export interface Context {
  db: Db;
  loaders: Loaders;
  /** The one path for writing articles; the mutation uses the same one as the CLI. */
  ingestor: Ingestor;
  /** Curation of provisional actors (promote, merge, reject), each in one transaction. */
  curator: Curator;
  /** Write access of this request: off (no token configured), denied (no or wrong token) or granted. */
  writeAccess: 'OFF' | 'DENIED' | 'GRANTED';
  live: LiveArticles;
  /** Who sent the request, for limits per client: the peer's address (see live/per-client.ts). */
  client: string;
}

export function createContext(
  db: Db,
  writers: { ingestor: Ingestor; curator: Curator },
  writeAccess: Context['writeAccess'],
  live: LiveArticles,
  client = 'in-process',
): Context {
  return { db, loaders: createLoaders(db), ...writers, writeAccess, live, client };
}

/**
 * A subscription keeps its context for as long as it is open: each event it delivers gets new
 * loaders, so it shows the article as stored now and the loaders' caches do not grow without end.
 */
export function renewLoaders(context: Context): void {
  context.loaders = createLoaders(context.db);
}
