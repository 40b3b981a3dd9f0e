import type { CacheEntityRecord } from '@envelop/response-cache';
import { sql, type SQL } from 'drizzle-orm';
import { CORPUS_ENTITY, type ResponseCache } from './cache/response-cache.js';
import { externalIdFromPath } from './corpus/parse.js';
import type { Db } from './db/client.js';
import { col, selectRows } from './db/rows.js';
import { articlePlaces, articles } from './db/schema.js';
import { column, table } from './db/raw-sql.js';
import { encodeGlobalId } from './global-id.js';
import type { Curator, CurationResult } from './ingest/curation.js';
import type { Ingestor } from './ingest/ingest.js';
import { isChange, type IngestStatus } from './ingest/store.js';
import { KINDS, LINKED_KINDS, type Kind } from './kinds.js';
import type { ArticleEvents } from './live/events.js';

/** The cache's tag of one entity of a kind: its type name and global id. */
export function cacheEntityOf(kind: Kind, id: number): CacheEntityRecord {
  const { typename } = LINKED_KINDS[kind];
  return { typename, id: encodeGlobalId(typename, id) };
}

/** The articles and every entity and place they link to, as the cache knows them (by global id). */
async function entitiesOf(db: Db, condition: SQL): Promise<CacheEntityRecord[]> {
  const linked = [
    ...KINDS.map((kind) => ({ typename: LINKED_KINDS[kind].typename, links: LINKED_KINDS[kind].links, linkKey: LINKED_KINDS[kind].linkKey })),
    // A place's answers (its articles, conflicts) change with the articles that name it, as an entity's do.
    { typename: 'Place', links: articlePlaces, linkKey: articlePlaces.placeId },
  ].map(
    ({ typename, links, linkKey }) => sql`union all select ${typename}::text, ${column(linkKey)} from ${table(links)}
      where ${column(links.articleId)} in (select id from a)`,
  );
  const rows = await selectRows(
    db,
    sql`with a as (select ${column(articles.id)} as id from ${table(articles)} where ${condition})
        select 'Article' as typename, id from a
        ${sql.join(linked, sql` `)}`,
    { typename: col.text, id: col.int },
  );
  return rows.map(({ typename, id }) => ({ typename, id: encodeGlobalId(typename, id) }));
}

function byIds(articleIds: readonly number[]): SQL {
  return sql`${column(articles.id)} in (select unnest(${`{${articleIds.join(',')}}`}::int[]))`;
}

export interface AfterCommitOptions {
  db: Db;
  /** Where changed articles are announced to live subscribers; nowhere when absent. */
  events?: Pick<ArticleEvents, 'publish'> | null | undefined;
  /** The shared answer cache whose answers the write may have changed; none when absent. */
  cache?: ResponseCache | null | undefined;
  /**
   * With read replicas, a query right after the write may read the old rows from a lagging replica
   * and cache them again; a second invalidation this much later drops such answers. 0: none.
   */
  replicaLagMs?: number | undefined;
}

/** What runs once a write committed, for every writer: the API's mutations and `npm run ingest`. */
export interface AfterCommit {
  /**
   * Announces the created or changed articles and drops exactly the cached answers they may
   * change: those holding the articles, an entity they link to now or one in `alsoChanged` (an
   * entity they linked to before, a curated actor), and those tagged as depending on the whole
   * corpus (lists, search, facets, timelines; see cache/scope.ts). Resolves when the cache is done.
   */
  articlesChanged(articleIds: readonly number[], alsoChanged?: readonly CacheEntityRecord[]): Promise<void>;
  /** The ingestor with `articlesChanged` after every write that created or changed an article. */
  ingestor(ingestor: Ingestor): Ingestor;
  /** The curator with `articlesChanged` after every curation, for the articles and actors it touched. */
  curator(curator: Curator): Curator;
}

/**
 * The one after-commit path of writes. A writer that knows only the ids it committed (`npm run
 * ingest`) calls `articlesChanged` alone: an actor that an updated article no longer names keeps an
 * answer that does not show the article until it expires (DEFAULT_TTL_MS). The API's ingestor
 * also reads an article's links before it writes, so that such answers go at once.
 */
export function createAfterCommit(options: AfterCommitOptions): AfterCommit {
  const { db, events, cache } = options;
  const replicaLagMs = options.replicaLagMs ?? 0;

  async function articlesChanged(articleIds: readonly number[], alsoChanged: readonly CacheEntityRecord[] = []): Promise<void> {
    if (articleIds.length > 0) events?.publish(articleIds);
    if (!cache) return;
    const entities = [...alsoChanged, ...(articleIds.length > 0 ? await entitiesOf(db, byIds(articleIds)) : []), CORPUS_ENTITY];
    await cache.invalidate(entities);
    if (replicaLagMs > 0) setTimeout(() => void cache.invalidate(entities), replicaLagMs).unref();
  }

  function ingestor(plain: Ingestor): Ingestor {
    async function around<T extends { status: IngestStatus; articleId: number }>(externalId: string, write: () => Promise<T>): Promise<T> {
      // The links before an update: an entity it no longer links to loses an article too.
      const before = cache ? await entitiesOf(db, sql`${column(articles.externalId)} = ${externalId}`) : [];
      const result = await write();
      // An unchanged article or a duplicate changes nothing.
      if (isChange(result.status)) await articlesChanged([result.articleId], before);
      return result;
    }
    return {
      ingestText: (input) => around(input.externalId, () => plain.ingestText(input)),
      ingestFile: (path) => around(externalIdFromPath(path), () => plain.ingestFile(path)),
    };
  }

  function curator(plain: Curator): Curator {
    async function after(result: CurationResult): Promise<CurationResult> {
      // The merged-away actor too, though no article links to it any more.
      await articlesChanged(result.articleIds, result.actorIds.map((id) => cacheEntityOf('actor', id)));
      return result;
    }
    return {
      promote: async (actorId, changes) => after(await plain.promote(actorId, changes)),
      merge: async (actorId, intoId) => after(await plain.merge(actorId, intoId)),
      reject: async (actorId) => after(await plain.reject(actorId)),
    };
  }

  return { articlesChanged, ingestor, curator };
}
