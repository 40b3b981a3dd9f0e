import { availableParallelism } from 'node:os';
import { inArray, sql } from 'drizzle-orm';
import { externalIdFromPath } from '../corpus/parse.js';
import type { Db } from '../db/client.js';
import { col, selectRows } from '../db/rows.js';
import { articles } from '../db/schema.js';
import { totalCounts } from '../queries/counts.js';
import { CORPUS_KEY } from '../queries/scoped-articles.js';
import { countBacklog, RECOUNT_CHUNK } from './backlog.js';
import { EntityIds } from './entity-ids.js';
import type { TextLinker } from './link.js';
import { localLinkPool, workerLinkPool, type LinkPool } from './link-pool.js';
import type { FileResult, FileTask } from './read-file.js';
import { threadCpuSeconds } from './thread-cpu.js';
import { isChange, storeArticles, type IngestStatus, type LinkedArticle } from './store.js';

export interface BulkOptions {
  /** Links on the calling thread when absent or 0 workers are asked for. */
  linker: TextLinker;
  /** Worker threads for reading and linking; default: one per core but one (at least one), none for fewer than 200 files. */
  workers?: number | undefined;
  /** The knowledge-base folder the workers load (the default one when absent). */
  knowledgeBaseDir?: string | undefined;
  /** Articles per transaction. */
  batchSize?: number | undefined;
  /** Called after every batch written (and at the end). */
  onProgress?: ((summary: BulkSummary) => void) | undefined;
  /**
   * Called after each committed batch with the articles it created or changed (not unchanged ones or
   * duplicates). Without it, the batches' counts are deferred (see backlog.ts): brought up to date
   * in chunks as the load goes on and exact when it ends; with it, at each batch's commit, so that
   * what is announced is counted already.
   */
  onChanged?: ((articleIds: number[]) => void) | undefined;
  /** Called once the link workers are ready, before the first file is read, with their number (0: linking on the calling thread). */
  onStart?: ((workers: number) => void) | undefined;
  /** Called for every file that is not stored, with the reason. */
  onFailure?: ((path: string, message: string) => void) | undefined;
}

export interface BulkSummary {
  total: number;
  /** Files read so far, stored or not. */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  failed: number;
  seconds: number;
  /**
   * At the end: CPU seconds the load spent from the moment its link workers were ready, on the
   * calling thread, in the workers, and in the process's other threads (V8's garbage collection
   * helpers, libuv's pool); null where not measured (see thread-cpu.ts).
   */
  cpu?: { mainThread: number | null; workers: number | null; otherThreads: number | null };
}

const CHUNK = 50;
const DEFAULT_BATCH = 500;
const MIN_FILES_FOR_WORKERS = 200;
/** Batches written at the same time, each in its own transaction on its own connection. */
const WRITERS = 2;

/**
 * Loads article files in batches: worker threads read, parse and link chunks of files while the
 * calling thread writes batches, each in one transaction (so an interrupted load leaves whole
 * articles only). Files whose stored text is unchanged are not linked again, so a rerun after an
 * interruption only does the rest. Batches are formed in the order given; two are written at a time.
 */
export async function ingestFiles(db: Db, files: string[], options: BulkOptions): Promise<BulkSummary> {
  const started = performance.now();
  const summary: BulkSummary = { total: files.length, read: 0, created: 0, updated: 0, unchanged: 0, duplicates: 0, failed: 0, seconds: 0 };
  const workers = options.workers ?? (files.length >= MIN_FILES_FOR_WORKERS ? defaultWorkers() : 0);
  const pool: LinkPool = workers > 0 ? await workerLinkPool(workers, options.knowledgeBaseDir) : localLinkPool(options.linker);
  const mainCpuAtStart = threadCpuSeconds();
  const processCpuAtStart = process.cpuUsage();
  options.onStart?.(workers);
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const deferCounts = !options.onChanged;
  const ids = new EntityIds();
  const report = () => {
    summary.seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ ...summary });
  };

  let batch: LinkedArticle[] = [];
  const inBatch = new Set<string>();
  // Postgres spends most of a batch on one core (text vectors, indexes, the aggregate recount at
  // commit): a second batch is written on another connection meanwhile. Each stays one
  // transaction; concurrent batches that meet on an article resolve as concurrent loads do.
  const writing: Promise<void>[] = [];
  // Deferred counts are brought up to date on a connection of their own while the load goes on,
  // a chunk at a time (see backlog.ts), and the rest at the end.
  let counting: Promise<number> | null = null;
  let uncounted = 0;
  const write = async (items: LinkedArticle[]) => {
    const outcomes = await retryOnConflict(() => storeArticles(db, items, ids, { deferCounts }));
    for (const { status } of outcomes) count(summary, status);
    const changed = outcomes.filter((outcome) => isChange(outcome.status)).map((outcome) => outcome.articleId);
    if (changed.length > 0) options.onChanged?.(changed);
    uncounted += changed.length;
    if (deferCounts && !counting && uncounted >= RECOUNT_CHUNK) {
      uncounted = 0;
      counting = retryOnConflict(() => countBacklog(db, 1)).finally(() => (counting = null));
      counting.catch(() => {}); // awaited at the end; this only keeps an early failure from going unhandled
    }
    report();
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const pending = write(batch);
    pending.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
    writing.push(pending);
    batch = [];
    inBatch.clear();
    if (writing.length >= WRITERS) await writing.shift();
  };

  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  // Enough chunks in flight to keep the workers busy while a batch is written.
  const window = Math.max(2 * Math.max(workers, 1), Math.ceil((2 * batchSize) / CHUNK));
  const inFlight = new Map<number, Promise<FileResult[]>>();
  const launch = (seq: number) => {
    if (seq >= chunks.length) return;
    const promise = storedHashes(db, chunks[seq]!).then((tasks) => pool.run(tasks));
    promise.catch(() => {}); // awaited in order below; this only keeps an early failure from going unhandled
    inFlight.set(seq, promise);
  };

  try {
    for (let seq = 0; seq < window; seq++) launch(seq);
    for (let seq = 0; seq < chunks.length; seq++) {
      const results = await inFlight.get(seq)!;
      inFlight.delete(seq);
      launch(seq + window);
      for (const result of results) {
        summary.read += 1;
        if (result.kind === 'failed') {
          summary.failed += 1;
          options.onFailure?.(result.path, result.message);
        } else if (result.kind === 'unchanged') {
          summary.unchanged += 1;
        } else {
          // One external id per batch: a second file of the same name waits for the next one.
          if (inBatch.has(result.article.externalId)) await flush();
          batch.push({ article: result.article, links: result.links });
          inBatch.add(result.article.externalId);
          if (batch.length >= batchSize) await flush();
        }
      }
    }
    await flush();
    while (writing.length > 0) await writing.shift();
    await counting;
    // Also what an earlier, killed load left uncounted.
    await retryOnConflict(() => countBacklog(db));
  } finally {
    await Promise.allSettled(writing);
    if (counting) await Promise.allSettled([counting]);
    summary.cpu = cpuSince(mainCpuAtStart, processCpuAtStart, pool.workerCpuSeconds());
    await pool.close();
  }
  report();
  return summary;
}

/**
 * One worker per core but one, which the calling thread and Postgres share: every worker builds its
 * own linker (knowledge base, gazetteer, some seconds of CPU) and keeps its own heap of them, which
 * its garbage collector walks again and again. On 2 cores a second worker cost more CPU per article
 * than it took off the load's time (see the commit that set this).
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

function cpuSince(mainAtStart: number | null, processAtStart: NodeJS.CpuUsage, workers: number | null): NonNullable<BulkSummary['cpu']> {
  const main = threadCpuSeconds();
  const mainThread = main === null || mainAtStart === null ? null : main - mainAtStart;
  const { user, system } = process.cpuUsage(processAtStart);
  const otherThreads = mainThread === null || workers === null ? null : Math.max(0, (user + system) / 1e6 - mainThread - workers);
  return { mainThread, workers, otherThreads };
}

function count(summary: BulkSummary, status: IngestStatus): void {
  if (status === 'CREATED') summary.created += 1;
  else if (status === 'UPDATED') summary.updated += 1;
  else if (status === 'UNCHANGED') summary.unchanged += 1;
  else summary.duplicates += 1;
}

/** The content hashes stored under the chunk's external ids: one query per chunk. */
async function storedHashes(db: Db, paths: string[]): Promise<FileTask[]> {
  const externalIds = paths.map(externalIdFromPath);
  const rows = await db
    .select({ externalId: articles.externalId, contentHash: articles.contentHash })
    .from(articles)
    .where(inArray(articles.externalId, externalIds));
  const hashes = new Map(rows.map((row) => [row.externalId, row.contentHash]));
  return paths.map((path, i) => ({ path, storedHash: hashes.get(externalIds[i]!) ?? null }));
}

/** The share of the stored articles a load must add or change before it refreshes the planner's statistics. */
export const ANALYZE_SHARE = 0.1;

/**
 * After a load that added or changed a tenth or more of the stored articles, ANALYZE, and the
 * seconds it took (null when the load was smaller). Postgres plans the API's statements on its
 * statistics, which autovacuum renews only when it runs, comes round and is on at all: a database
 * loaded with it off kept the statistics of the empty one, and the plans of its first answers read
 * every actor to name ten. A tenth is autovacuum's own default for analyzing a table.
 */
export async function refreshStatistics(db: Db, summary: BulkSummary): Promise<number | null> {
  const changed = summary.created + summary.updated;
  if (changed === 0) return null;
  // The stored articles from the monthly counters the API's totalCount reads, not a count(*) over them all.
  const [stored] = await selectRows(db, sql`select coalesce(sum(t.article_count), 0)::int as count from (${totalCounts('corpus', [CORPUS_KEY])}) t`, {
    count: col.int,
  });
  if (changed < ANALYZE_SHARE * stored!.count) return null;
  const started = performance.now();
  await db.execute(sql`analyze`);
  return (performance.now() - started) / 1000;
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** Two loads of overlapping files may deadlock on the unique keys; Postgres aborts one, which tries again. */
async function retryOnConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
    }
  }
}

function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
