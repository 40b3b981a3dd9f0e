import { parseArticleFile } from '../corpus/parse.js';
import { createAfterCommit } from '../after-commit.js';
import { createResponseCache } from '../cache/response-cache.js';
import { describeDatabase } from '../db/client.js';
import { EnvError, loadEnv } from '../env.js';
import { ingestFiles, refreshStatistics, type BulkSummary } from '../ingest/bulk.js';
import { collectArticleFiles } from '../ingest/ingest.js';
import { linkArticle } from '../ingest/link.js';
import { loadKnowledgeBase } from '../linking/kb.js';
import { createArticleEvents, corpusKey } from '../live/events.js';
import { createLinker } from '../linking/linker.js';
import { DataDirError, DataDirInUseError } from '../db/pglite-dir.js';
import { prepare, type Prepared } from '../prepare-database.js';
import { parseCommandLine, usageError, wholeNumberOption, exitWhenFlushed } from './args.js';
import { folderBusyMessage } from './busy.js';
import { ingestThroughServer, ServerRefusedError } from './ingest-remote.js';
import { describeLinks } from './describe-links.js';

const HELP = `Usage: npm run ingest -- [options] <file or folder> [more …]

Parses, links and stores articles in the corpus format (one .txt file per article; folders are
read recursively, in name order). Worker threads read and link while batches of articles are
written, each batch in one transaction: an interrupted load leaves only whole articles, and running
the same command again skips what is stored unchanged and loads the rest. A file that is not in the
format is reported and skipped, the others still load, and the command then exits with status 1.

Options:
  --dry-run        show for each file what would be stored (title, date, sources, actors with
                   their mentions, conflicts with scores, unknown names); opens no database
  --workers N      threads that read and link (default: one per core but one, at least one;
                   none below 200 files)
  --batch-size N   articles per transaction (default 500, at most 2000: until its commit, a
                   transaction holds a lock for each of its articles, and Postgres's lock table
                   holds 64 per connection by default)
  -h, --help       this text

Uses DATABASE_URL when set, else the embedded PGlite database in PGLITE_DIR (default .data/pglite).
When a server has that PGlite folder open, the articles are sent to its ingestArticle mutation
with WRITE_TOKEN (the server's token), one at a time; without the token the command stops and
says which server to stop. With REDIS_URL set, the servers of the same database deliver the new
and changed articles to their \`articleIngested\` subscribers.`;

const COMMAND = {
  script: 'ingest',
  help: HELP,
  positionals: true,
  options: {
    workers: { type: 'string' },
    'batch-size': { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
} as const;

/** Articles per transaction: the counters' recount locks each article (migrations/0013) until the commit. */
const MAX_BATCH = 2000;

function wholeNumber(name: string, value: string | undefined, min: number, max?: number): number | undefined {
  return value === undefined ? undefined : wholeNumberOption(COMMAND, name, value, min, max);
}

function describe(s: BulkSummary): string {
  const rate = s.seconds > 0 ? Math.round(s.read / s.seconds) : 0;
  const line =
    `read ${s.read}, new ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, ` +
    `duplicates ${s.duplicates}, failed ${s.failed} in ${s.seconds.toFixed(1)} s (${rate} articles/s)`;
  return s.cpu ? `${line}\n${describeCpu(s.cpu)}` : line;
}

/** The load's CPU time by thread, which says more than its rate on a shared machine (`npm run bench -- --ingest` reads it). */
function describeCpu({ mainThread, workers, otherThreads }: NonNullable<BulkSummary['cpu']>): string {
  const seconds = (value: number | null) => (value === null ? 'not measured' : `${value.toFixed(1)} s`);
  return `CPU: main thread ${seconds(mainThread)}, link workers ${seconds(workers)}, other threads ${seconds(otherThreads)}`;
}

/** One line redrawn in place on a terminal; a line every 10% otherwise (logs stay short). */
function progressPrinter(): (s: BulkSummary) => void {
  let lastDecile = 0;
  return (s) => {
    const share = s.total === 0 ? 1 : s.read / s.total;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      const rate = s.seconds > 0 ? s.read / s.seconds : 0;
      const eta = rate > 0 ? Math.round((s.total - s.read) / rate) : 0;
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      process.stderr.write(`\r${bar} ${s.read}/${s.total} · ${Math.round(rate)}/s · ${eta} s left · ${s.failed} failed   `);
      if (s.read === s.total) process.stderr.write('\n');
    } else {
      const decile = Math.floor(share * 10);
      if (decile > lastDecile && s.read < s.total) console.log(`${s.read}/${s.total} files (${decile * 10}%)`);
      lastDecile = decile;
    }
  };
}

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(COMMAND);
  if (positionals.length === 0) usageError(COMMAND, 'name at least one article file or folder');
  const workers = wholeNumber('workers', values.workers, 0);
  const batchSize = wholeNumber('batch-size', values['batch-size'], 1, MAX_BATCH);
  let files: string[];
  try {
    files = await collectArticleFiles(positionals);
  } catch (error) {
    console.error(`ingest: cannot read ${(error as NodeJS.ErrnoException).path ?? positionals.join(' ')}: ${(error as Error).message}`);
    return 2;
  }
  if (values['dry-run']) return dryRun(files);
  const env = loadEnv();
  console.log(`Ingesting ${files.length} files into ${describeDatabase(env.DATABASE_URL, env.PGLITE_DIR)}`);
  let prepared: Prepared;
  try {
    prepared = await prepare({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    return throughServer(files, error, env.WRITE_TOKEN);
  }
  // Servers of this corpus hear of each committed batch through Redis; without it no server could.
  const events = env.REDIS_URL
    ? createArticleEvents({ redisUrl: env.REDIS_URL, corpus: corpusKey(env.DATABASE_URL, env.PGLITE_DIR), publishOnly: true, warn: console.error })
    : null;
  // …and the answers the servers cached in it that these articles change are dropped.
  const cache = env.REDIS_URL ? createResponseCache({ url: env.REDIS_URL, prefix: env.RESPONSE_CACHE_PREFIX, warn: console.error }) : null;
  if (cache && !(await cache.connect())) console.error('ingest: the response cache in Redis is not reachable; cached answers expire by themselves.');
  // The same after-commit path as the API's ingestArticle mutation.
  const afterCommit = createAfterCommit({ db: prepared.database.db, events, cache });
  const invalidations: Promise<void>[] = [];
  const onChanged = (articleIds: number[]) => {
    const dropping = afterCommit.articlesChanged(articleIds).catch((error: unknown) =>
      console.error(`ingest: invalidating cached answers failed: ${(error as Error).message}`),
    );
    invalidations.push(dropping);
  };
  let summary: BulkSummary;
  try {
    summary = await ingestFiles(prepared.database.db, files, {
      linker: prepared.linker,
      workers,
      batchSize,
      onProgress: progressPrinter(),
      onStart: (count) => console.log(count > 0 ? `Loading: ${count} link worker${count === 1 ? '' : 's'} ready.` : 'Loading: linking on this thread.'),
      onFailure: (path, message) => console.error(`ingest: ${path}: ${message}`),
      onChanged: events || cache ? onChanged : undefined,
    });
    const analyzed = await refreshStatistics(prepared.database.db, summary);
    if (analyzed !== null) console.log(`Refreshed the planner's statistics (ANALYZE) in ${analyzed.toFixed(1)} s: the load added or changed a tenth or more of the articles.`);
  } finally {
    // Closing sends what is still queued first.
    await events?.close();
    await Promise.all(invalidations);
    await cache?.close();
    await prepared.database.close();
  }
  console.log(describe(summary));
  return summary.failed > 0 ? 1 : 0;
}

/** The PGlite folder is open in another process: a server takes the articles through its API. */
async function throughServer(files: string[], busy: DataDirInUseError, token: string | undefined): Promise<number> {
  const { holder } = busy;
  if (!holder?.url) {
    console.error(`ingest: ${folderBusyMessage('ingest -- …', busy)}`);
    return 1;
  }
  if (!token) {
    console.error(
      `ingest: ${busy.message}\nSet WRITE_TOKEN to that server's write token and this command sends the articles to it; ` +
        `or stop the server (kill ${holder.pid}) and run this command again; or use a Postgres (DATABASE_URL), which any number of processes share.`,
    );
    return 1;
  }
  console.log(`The server at ${holder.url} (pid ${holder.pid}) has the folder open: sending the articles to its ingestArticle mutation.`);
  const summary = await ingestThroughServer(files, { ...holder, url: holder.url }, token, {
    onProgress: progressPrinter(),
    onFailure: (path, message) => console.error(`ingest: ${path}: ${message}`),
  });
  console.log(describe(summary));
  return summary.failed > 0 ? 1 : 0;
}

/** Parses and links without a database: what ingest would store, file by file. */
async function dryRun(files: string[]): Promise<number> {
  const kb = loadKnowledgeBase();
  const linker = createLinker(kb);
  let failed = 0;
  for (const file of files) {
    try {
      const article = await parseArticleFile(file);
      console.log(`${describeLinks(article, linkArticle(linker, article), kb)}\n`);
    } catch (error) {
      failed += 1;
      console.error(`ingest: ${file}: ${(error as Error).message}`);
    }
  }
  console.log(`Dry run: ${files.length - failed} of ${files.length} files would be stored; nothing was written.`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    const expected = error instanceof EnvError || error instanceof DataDirError || error instanceof ServerRefusedError;
    console.error(expected ? `ingest: ${error.message}` : error);
    process.exit(1);
  },
);
