import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExplainSummary } from './explain.js';
import type { IngestFigure } from './ingest.js';
import type { Figures } from './stats.js';

export const RESULTS_DIR = '.data/bench';

/** One query at one concurrency: through the API and by the floor statement. */
export interface ResultRow {
  query: string;
  connections: number;
  graphql: Figures & { errorDetail?: Record<string, number> };
  sql: Figures | null;
  /** GraphQL requests/s over SQL floor requests/s. */
  ratio: number | null;
}

export interface QueryInfo {
  query: string;
  workload: string;
  /** SQL statements of one request, for each variable set, counted in process. */
  statementsPerRequest: number[];
  /** The `x-sql-statements` header of the same requests, when the server sends one. */
  headerStatements: (number | null)[];
}

export interface TargetResult {
  target: string;
  actual: string;
  status: 'PASS' | 'MISS' | 'n/a';
}

export interface BenchResult {
  version: 1;
  startedAt: string;
  finishedAt: string;
  options: { articles: number; duration: number; warmup: number; queries: string[] };
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryMb: number;
    loadAverage: number[];
    node: string;
    platform: string;
    postgres: string;
    database: string;
    articles: number;
  };
  /** Connections of the server's Postgres pool; the floor uses as many. */
  poolSize: number;
  queries: QueryInfo[];
  rows: ResultRow[];
  /** Memory of the server process (MiB): the peak of VmHWM and sampled VmRSS, and its VmRSS when it became ready. */
  server: {
    peakRssMb: number;
    vmHwmMb: number | null;
    sampledRssMb: number;
    readyRssMb: number | null;
    /** NODE_OPTIONS the server ran with (the benchmark's own, passed on), such as a heap limit. */
    nodeOptions?: string | null;
  };
  targets: TargetResult[];
  explain: ExplainSummary[];
  /** With --cache: the same load on a server caching answers in Redis. */
  cache?: CacheRow[];
  /** With --ingest: a bulk load of the corpus into an empty database. */
  ingest?: IngestFigure;
}

/** One query at one concurrency on the caching server, beside the uncached figures of the same run. */
export interface CacheRow {
  query: string;
  connections: number;
  uncachedRps: number;
  cachedRps: number;
  p99Ms: number | null;
  errors: number;
  /** Share of answers served from the cache during the measured run (from their x-response-cache header). */
  hitRatio: number | null;
}

/** A file name from the start time that sorts in time order and has no colons. */
export function resultFileName(startedAt: Date): string {
  return `${startedAt.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}.json`;
}

/** The newest result file in the folder that `accept` takes (any, by default); unreadable files are passed over. */
export function newestResultFile(dir = RESULTS_DIR, accept: (result: BenchResult) => boolean = () => true): string | null {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => /^\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/.test(file));
  } catch {
    return null;
  }
  for (const file of files.sort().reverse()) {
    const path = join(dir, file);
    try {
      if (accept(readResult(path))) return path;
    } catch {
      // not a result of this benchmark (or of an older format)
    }
  }
  return null;
}

export function readResult(file: string): BenchResult {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
  if (parsed?.version !== 1 || !Array.isArray(parsed.rows)) throw new Error(`${file} is not a benchmark result`);
  return parsed;
}

export function writeResult(result: BenchResult, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, resultFileName(new Date(result.startedAt)));
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
