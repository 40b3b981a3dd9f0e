import { parseArgs } from 'node:util';

export const QUERY_NAMES = ['ConflictTraversal', 'ArticlesWithEntities', 'SearchArticles', 'ActorProfile'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** Concurrent connections (GraphQL) and statements in flight (SQL floor) of each run. */
export const CONCURRENCY = [1, 16] as const;

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/bench';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface BenchOptions {
  /** The corpus size the database must hold at least. */
  articles: number;
  /** Seconds of each measured run. */
  duration: number;
  /** Seconds of load before each query's measured runs. */
  warmup: number;
  /** Where the synthetic corpus is written (and reused from). */
  corpus: string;
  /** An earlier result file to compare with; the newest in the results folder when null. */
  baseline: string | null;
  queries: QueryName[];
  /** Also measure a server caching answers in Redis (BENCH_REDIS_URL). */
  cache: boolean;
  /** First measure a bulk load of the corpus into an empty scratch database. */
  ingest: boolean;
  help: boolean;
}

export const HELP = `Usage: npm run bench -- [--articles N] [--duration S | --quick] [--queries A,B] [--corpus DIR] [--baseline FILE] [--cache] [--ingest]

Measures the GraphQL server under load against the floor of one hand-written SQL statement per query.

  1. Opens BENCH_DATABASE_URL (default ${DEFAULT_DATABASE_URL}), creating the database if missing.
     When it holds fewer than N articles, writes a synthetic corpus of N articles to DIR
     (npm run corpus:synth, seed "bench"; reused when DIR already holds N files, refused when it holds
     another number) and loads it with npm run ingest (idempotent: rerunning resumes). Then ANALYZE.
  2. Starts the real server (src/main.ts, NODE_ENV=production) on a free port and waits for /ready.
  3. For each contract query (ConflictTraversal 10 × 20, ArticlesWithEntities first 50 over five pages,
     SearchArticles over a few Dutch terms, ActorProfile over the most covered actors): a warm-up, then
     autocannon at 1 and at 16 connections; then the same data by one SQL statement through postgres.js
     at 1 and 16 in flight.
  4. Prints requests/s, p50 and p99 latency, errors, SQL statements per request (counted in process),
     GraphQL/SQL throughput, the server's peak RSS, the issue's targets (PASS/MISS), EXPLAIN (ANALYZE,
     BUFFERS) summaries of the statements each query sends, and the change against the newest earlier
     result for the same --articles; writes everything to .data/bench/<timestamp>.json.

Options:
  --articles N      corpus size (default 100000)
  --duration S      seconds per measured run (default 10)
  --quick           3 s per run and a shorter warm-up (not with --duration)
  --queries A,B     only these queries (${QUERY_NAMES.join(', ')})
  --corpus DIR      folder of the synthetic corpus (default .data/bench-corpus): empty or N articles
  --baseline FILE   compare with this result file instead of the newest in .data/bench/ of the same size
  --cache           then run the same load on a server caching answers in Redis (BENCH_REDIS_URL, default
                    ${DEFAULT_REDIS_URL}, under a key prefix of its own, removed afterwards) and print
                    its requests/s beside the uncached ones and the share of answers served from the cache
  --ingest          first load the corpus of N articles with npm run ingest into an empty scratch database
                    beside BENCH_DATABASE_URL (dropped afterwards) and print the bulk load's articles/s
  -h, --help        this text

The server inherits the environment's NODE_OPTIONS, so a heap limit is measured as
NODE_OPTIONS=--max-old-space-size=192 npm run bench (the results record it).`;

export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new BenchUsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

function queryList(value: string): QueryName[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(QUERY_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new BenchUsageError(`--queries takes names from ${QUERY_NAMES.join(', ')}; unknown: ${unknown.join(', ') || '(none given)'}`);
  }
  return QUERY_NAMES.filter((name) => names.includes(name));
}

/** Reads the command line; throws BenchUsageError with a message for the user on anything wrong. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        articles: { type: 'string' },
        duration: { type: 'string' },
        quick: { type: 'boolean', default: false },
        queries: { type: 'string' },
        corpus: { type: 'string' },
        baseline: { type: 'string' },
        cache: { type: 'boolean', default: false },
        ingest: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  if (values.quick && values.duration !== undefined) throw new BenchUsageError('pass either --quick or --duration, not both');
  const duration = values.quick ? 3 : values.duration !== undefined ? wholeNumber('duration', values.duration, 1, 3600) : 10;
  if (values.corpus === '') throw new BenchUsageError('--corpus needs a folder');
  if (values.baseline === '') throw new BenchUsageError('--baseline needs a file');
  return {
    articles: values.articles !== undefined ? wholeNumber('articles', values.articles, 1, 10_000_000) : 100_000,
    duration,
    warmup: values.quick ? 1 : Math.min(3, duration),
    corpus: values.corpus ?? '.data/bench-corpus',
    baseline: values.baseline ?? null,
    queries: values.queries !== undefined ? queryList(values.queries) : [...QUERY_NAMES],
    cache: values.cache ?? false,
    ingest: values.ingest ?? false,
    help: values.help ?? false,
  };
}
