import { defaultBuildResponseCacheKey, useResponseCache, type Cache, type CacheEntityRecord } from '@envelop/response-cache';
import { createRedisCache, defaultBuildRedisEntityId, defaultBuildRedisOperationResultCacheKey } from '@envelop/response-cache-redis';
import type { Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { currentRequestScope } from '../request-scope.js';
import { dependsOnCorpus } from './scope.js';

/**
 * The tag of every cached answer that a new article can change without naming any of its
 * entities (see scope.ts); each ingest that changes the corpus invalidates it. It carries an id,
 * so invalidating it is one set lookup, not the Redis-wide KEYS scan of a bare typename.
 */
export const CORPUS_ENTITY: CacheEntityRecord = { typename: 'Corpus', id: 'articles' };

/** Longest time an answer stays cached: bounds what writes around the server (CLI ingest, relink) leave stale. */
export const DEFAULT_TTL_MS = 5 * 60_000;

export interface ResponseCacheOptions {
  /** `redis://` or `rediss://` URL. */
  url: string;
  /** Put before every key, so several deployments (or test files) share one Redis. */
  prefix?: string | undefined;
  ttlMs?: number | undefined;
  /** Where Redis trouble is reported (once per change of state). */
  warn?: ((line: string) => void) | undefined;
  /** How long one Redis command may take before the cache counts as hung (ms). */
  commandTimeoutMs?: number | undefined;
  /** How often a hung or unreachable Redis is asked whether it answers again (ms). */
  probeEveryMs?: number | undefined;
}

/** Invalidations kept for a Redis that is away; past this many entities, the cache waits out the TTL instead. */
const MAX_PENDING_ENTITIES = 10_000;

export interface ResponseCache {
  /**
   * The Yoga plugin serving cached answers to queries and caching answers without errors. The
   * version is part of every key: a new schema or knowledge base starts from an empty cache.
   */
  plugin(version: string): Plugin;
  /**
   * Drops every cached answer holding one of these entities; never throws. False when Redis could
   * not do it now: the entities are kept and dropped once Redis answers again, and until then the
   * cache is not read.
   */
  invalidate(entities: Iterable<CacheEntityRecord>): Promise<boolean>;
  /** Whether answers are read from and written to Redis now (false while it is hung, away, or owes invalidations). */
  readonly serving: boolean;
  /** Connects; resolves false (and the server goes on uncached) when Redis is not reachable. */
  connect(): Promise<boolean>;
  close(): Promise<void>;
  readonly redis: Redis;
}

/** An answer cache in Redis, shared by every instance of the server, so an ingest on one invalidates for all. */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const warn = options.warn ?? ((line: string) => console.error(line));
  const redis = new Redis(options.url, {
    keyPrefix: options.prefix ?? 'conflict-news:cache:',
    lazyConnect: true,
    // Without Redis the API answers uncached rather than waiting: no queue, one try per command.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: options.commandTimeoutMs ?? 500,
  });
  const probeEveryMs = options.probeEveryMs ?? 250;

  const store = createRedisCache({
    redis,
    buildRedisEntityId: defaultBuildRedisEntityId,
    buildRedisOperationResultCacheKey: defaultBuildRedisOperationResultCacheKey,
  }) as unknown as Cache;

  // A circuit breaker: after one failed command the cache is bypassed (no request waits on a hung
  // Redis) and a probe asks every probeEveryMs whether Redis answers again. Invalidations that
  // failed meanwhile are kept, not dropped: a command that timed out may still run once Redis
  // wakes (a stale answer stored after all), so they are sent again before the cache serves.
  let healthy = true;
  let probe: NodeJS.Timeout | null = null;
  let closed = false;
  const pending = new Map<string, CacheEntityRecord>();
  // When invalidations overflowed: nothing cached before may be trusted until it expired.
  let distrustUntil = 0;
  const serving = () => healthy && pending.size === 0 && Date.now() >= distrustUntil;

  const trouble = (what: string, error: unknown) => {
    if (healthy) {
      healthy = false;
      warn(`warn response cache: ${what} failed, answering without the cache until Redis is back: ${(error as Error).message ?? String(error)}`);
    }
    scheduleProbe();
  };
  redis.on('error', (error) => trouble('Redis', error));

  function scheduleProbe(): void {
    if (probe || closed) return;
    probe = setTimeout(() => {
      void recover().then((ok) => {
        probe = null;
        if (!ok) scheduleProbe();
      });
    }, probeEveryMs);
    probe.unref();
  }

  async function recover(): Promise<boolean> {
    try {
      await redis.ping();
      if (!(await flushPending())) return false;
      if (!healthy) warn('warn response cache: Redis answers again; the invalidations it missed are done');
      healthy = true;
      return true;
    } catch {
      return false;
    }
  }

  function keep(entities: Iterable<CacheEntityRecord>): void {
    for (const entity of entities) pending.set(`${entity.typename}:${entity.id ?? ''}`, entity);
    if (pending.size > MAX_PENDING_ENTITIES) {
      pending.clear();
      distrustUntil = Date.now() + ttlMs;
      warn(`warn response cache: more than ${MAX_PENDING_ENTITIES} invalidations missed; the cache is not read for ${ttlMs / 1000} s, until all it holds expired`);
    }
  }

  async function flushPending(): Promise<boolean> {
    if (pending.size === 0) return true;
    const entities = [...pending.values()];
    await store.invalidate(entities);
    for (const entity of entities) pending.delete(`${entity.typename}:${entity.id ?? ''}`);
    return true;
  }

  const corpusWide = new WeakMap<object, boolean>();

  // The library leaves its index sets (entity → answers) without expiry; each gets the longest
  // TTL again whenever an answer joins it, so it outlives every answer it lists and then goes.
  async function expireIndexes(responseId: string, entities: CacheEntityRecord[]): Promise<void> {
    const pipeline = redis.pipeline();
    pipeline.pexpire(defaultBuildRedisOperationResultCacheKey(responseId), ttlMs);
    for (const { typename, id } of entities) {
      pipeline.pexpire(typename, ttlMs);
      if (id != null) pipeline.pexpire(defaultBuildRedisEntityId(typename, id), ttlMs);
    }
    await pipeline.exec();
  }

  function cacheFor(context: object): Cache {
    return {
      async get(responseId) {
        const scope = currentRequestScope();
        if (!serving()) {
          if (scope) scope.responseCache = 'BYPASS';
          return undefined;
        }
        try {
          const hit = await store.get(responseId);
          if (scope) scope.responseCache = hit ? 'HIT' : 'MISS';
          return hit;
        } catch (error) {
          trouble('reading', error);
          if (scope) scope.responseCache = 'MISS';
          return undefined;
        }
      },
      async set(responseId, result, collected, ttl) {
        const entities = [...collected];
        // A null or empty list where entities could be (an article looked up before it exists)
        // is recorded by type name only: a new article may fill it, so it depends on the corpus too.
        if (corpusWide.get(context) || entities.some((entity) => entity.id == null)) entities.push(CORPUS_ENTITY);
        if (!serving()) return;
        try {
          await store.set(responseId, result, entities, Math.min(ttl, ttlMs));
          await expireIndexes(responseId, entities);
        } catch (error) {
          trouble('storing', error);
        }
      },
      // Called by the plugin with the entities of a mutation's result. Those known by type name
      // only (an empty list in the payload) are left out: the library would scan all of Redis
      // (KEYS) for them. Writers invalidate what they changed by themselves (after-commit.ts).
      async invalidate(entities) {
        await invalidate([...entities].filter((entity) => entity.id != null));
      },
    };
  }

  async function invalidate(entities: Iterable<CacheEntityRecord>): Promise<boolean> {
    const list = [...entities];
    if (!healthy) {
      keep(list);
      scheduleProbe();
      return false;
    }
    try {
      await store.invalidate(list);
      return true;
    } catch (error) {
      keep(list);
      trouble('invalidating', error);
      return false;
    }
  }

  return {
    redis,
    invalidate,
    get serving() {
      return serving();
    },
    plugin(version) {
      return {
        onExecute({ args }) {
          corpusWide.set(args.contextValue, dependsOnCorpus(args.schema, args.document));
        },
        onPluginInit({ addPlugin }) {
          addPlugin(
            useResponseCache({
              cache: (context) => cacheFor(context),
              // No answer depends on who asks: the only per-request state is write access, and
              // mutations are never cached (the plugin invalidates with their results instead).
              session: () => null,
              ttl: ttlMs,
              includeExtensionMetadata: false,
              // As the library's default (no answer with errors is cached), without its warning per answer.
              shouldCacheResult: ({ result }) => !result.errors?.length,
              buildResponseCacheKey: async (params) => `${version}:${await defaultBuildResponseCacheKey(params)}`,
            }),
          );
        },
      };
    },
    async connect() {
      try {
        await redis.connect();
        return true;
      } catch (error) {
        trouble('connecting', error);
        return false;
      }
    },
    async close() {
      closed = true;
      if (probe) clearTimeout(probe);
      // A last try for the invalidations Redis missed (a CLI ingest ends here).
      if (pending.size > 0 && !(await recover())) {
        warn(`warn response cache: ${pending.size} invalidations could not be sent; the answers they concern expire within ${ttlMs / 1000} s`);
      }
      redis.disconnect();
    },
  };
}
