import type { CacheEntityRecord } from '@envelop/response-cache';
import { sql, type SQL } from 'drizzle-orm';
import { externalIdFromPath } from '../corpus/parse.js';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { encodeGlobalId } from '../graphql/ids.js';
import type { Curator, CurationResult } from '../ingest/curation.js';
import type { Ingestor } from '../ingest/ingest.js';
import { CORPUS_ENTITY, type ResponseCache } from './response-cache.js';

/** The article and every actor and conflict it links to, as the cache knows them (by global id). */
async function entitiesOf(db: Db, article: SQL): Promise<CacheEntityRecord[]> {
  const rows = await selectRows<{ typename: string; id: number }>(
    db,
    sql`with a as (select id from articles where ${article})
        select 'Article' as typename, id from a
        union all select 'Actor', actor_id from article_actors where article_id in (select id from a)
        union all select 'Conflict', conflict_id from article_conflicts where article_id in (select id from a)`,
  );
  return rows.map(({ typename, id }) => ({ typename, id: encodeGlobalId(typename, id) }));
}

export interface InvalidationOptions {
  /**
   * With read replicas, a query right after the write may read the old rows from a lagging replica
   * and cache them again; a second invalidation this much later drops such answers. 0: none.
   */
  replicaLagMs: number;
}

/**
 * The ingestor of the API, dropping after each write exactly the cached answers it may change:
 * those holding the article, an actor or a conflict it linked to before or links to now (their
 * counts, lists and aggregates move), and those tagged as depending on the whole corpus (lists,
 * search, facets, timelines; see scope.ts). An unchanged article or a duplicate drops nothing.
 */
export function invalidatingIngestor(ingestor: Ingestor, db: Db, cache: ResponseCache, options: InvalidationOptions): Ingestor {
  async function around<T extends { status: string; articleId: number }>(externalId: string, write: () => Promise<T>): Promise<T> {
    // The links before an update: an actor it no longer names loses an article too.
    const before = await entitiesOf(db, sql`external_id = ${externalId}`);
    const result = await write();
    if (result.status !== 'CREATED' && result.status !== 'UPDATED') return result;
    const after = await entitiesOf(db, sql`id = ${result.articleId}`);
    const entities = [...before, ...after, CORPUS_ENTITY];
    await cache.invalidate(entities);
    if (options.replicaLagMs > 0) setTimeout(() => void cache.invalidate(entities), options.replicaLagMs).unref();
    return result;
  }
  return {
    ingestText: (input) => around(input.externalId, () => ingestor.ingestText(input)),
    ingestFile: (path) => around(externalIdFromPath(path), () => ingestor.ingestFile(path)),
  };
}

/**
 * Drops the cached answers that stored articles may have changed, for writers that know only the
 * ids they committed (`npm run ingest`): those holding the articles, the actors and conflicts they
 * link to now, and the whole-corpus ones. An actor that an updated article no longer names keeps
 * an answer that does not show the article until it expires (DEFAULT_TTL_MS).
 */
export async function invalidateArticles(db: Db, cache: ResponseCache, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  const ids = sql`id in (select unnest(${`{${articleIds.join(',')}}`}::int[]))`;
  await cache.invalidate([...(await entitiesOf(db, ids)), CORPUS_ENTITY]);
}


/**
 * The curator of the API, dropping after each curation the cached answers it may change: those
 * holding the actors it changed (the merged-away one too), the articles whose links moved with
 * their actors and conflicts, and the whole-corpus ones.
 */
export function invalidatingCurator(curator: Curator, db: Db, cache: ResponseCache, options: InvalidationOptions): Curator {
  async function after(result: CurationResult): Promise<CurationResult> {
    const articles = `{${result.articleIds.join(',')}}`;
    const entities = [
      ...result.actorIds.map((id) => ({ typename: 'Actor', id: encodeGlobalId('Actor', id) })),
      ...(result.articleIds.length > 0 ? await entitiesOf(db, sql`id in (select unnest(${articles}::int[]))`) : []),
      CORPUS_ENTITY,
    ];
    await cache.invalidate(entities);
    if (options.replicaLagMs > 0) setTimeout(() => void cache.invalidate(entities), options.replicaLagMs).unref();
    return result;
  }
  return {
    promote: async (actorId, changes) => after(await curator.promote(actorId, changes)),
    merge: async (actorId, intoId) => after(await curator.merge(actorId, intoId)),
    reject: async (actorId) => after(await curator.reject(actorId)),
  };
}
