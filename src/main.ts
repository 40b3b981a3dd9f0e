import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { surviveDroppedDriverRejections } from './db/dropped-rejections.js';
import { EnvError, explorerEnabled, graphiqlEnabled, loadEnv, type Env } from './env.js';
import { limitHeapGrowth } from './heap-growth.js';
import { startingHandler } from './http/starting.js';
import type { App } from './app.js';
import type { ArticleEvents } from './live/events.js';
import { createLogger, stdoutLine, type Logger } from './log.js';
import type { Prepared } from './prepare-database.js';

/** How long SIGTERM during start-up waits for a database attempt in progress to settle. */
const STARTUP_SETTLE_MS = 5_000;

function baseUrl(server: Server, env: Env): string {
  const { port } = server.address() as AddressInfo;
  return `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
}

/** The URL a command on this machine reaches the server at: a wildcard address stands for loopback. */
function reachableUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}

function passwordOf(url: string | undefined): string[] {
  try {
    return url ? [decodeURIComponent(new URL(url).password)].filter(Boolean) : [];
  } catch {
    return [];
  }
}

// One log for the whole process: start-up, each request, each unexpected error, the last line;
// JSON unless on a terminal. Until the environment is read (it may be what is wrong), at `info`.
const pretty = process.stdout.isTTY === true;
let logger: Logger = createLogger({ pretty, write: stdoutLine });

async function main(): Promise<void> {
  const started = performance.now();
  const env = loadEnv();
  const heapGrowth = limitHeapGrowth(env.HEAP_GROWING_PERCENT);
  const secrets = [env.DATABASE_URL, ...env.DATABASE_READ_URL, env.REDIS_URL].flatMap(passwordOf);
  logger = createLogger({ level: env.LOG_LEVEL, pretty, write: stdoutLine, secrets: [env.WRITE_TOKEN, env.METRICS_TOKEN, ...secrets] });
  const log = (line: string) => logger.info(line);
  const warn = (line: string) => logger.warn(line);
  const fatal = (line: string) => logger.fatal(line);
  surviveDroppedDriverRejections(warn);
  // The listener comes first, so /health answers (and /ready says 503) while the database is awaited.
  let handler: RequestListener = startingHandler;
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, resolve);
  });
  const url = baseUrl(server, env);
  log(`Listening on ${url} (GET /health, /ready, /metrics)`);
  log(heapGrowth > 0 ? `The heap is collected when it grows ${heapGrowth} % past its live data (HEAP_GROWING_PERCENT)` : "The heap grows as V8 sizes it (HEAP_GROWING_PERCENT=0)");

  let app: App | null = null;
  let closeSockets = async () => {};
  let events: ArticleEvents | null = null;

  const aborter = new AbortController();
  let startup: Promise<Prepared | null> = Promise.resolve(null);
  let stopping = false;
  const closing: (() => Promise<void>)[] = [];
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    aborter.abort();
    log(`${signal}: finishing requests in flight, then stopping.`);
    server.close(async () => {
      const prepared = await Promise.race([startup.catch(() => null), sleep(STARTUP_SETTLE_MS, null, { ref: false })]);
      await Promise.all(closing.map((close) => close()));
      await events?.close();
      if (prepared) await Promise.all([prepared.database, ...prepared.replicas].map((database) => database.close()));
      logger.info({ signal, uptimeSeconds: Math.round((performance.now() - started) / 1000) }, 'Stopped: every request answered, the database closed.');
      process.exit(0);
    });
    // Subscriptions would hold their connections open forever: they end now, as their sockets do.
    void closeSockets();
    void events?.close().then(() => setImmediate(() => server.closeIdleConnections()));
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // The schema, linker and drivers take seconds to load; imported only now, they don't delay the listener.
  const [
    { createApp, LIMITS },
    { describeDatabase },
    { prepareWhenReady },
    { createArticleEvents, corpusKey, describeRedis },
    { attachWebSockets },
    { createResponseCache },
  ] = await Promise.all([
    import('./app.js'),
    import('./db/client.js'),
    import('./server-startup.js'),
    import('./live/events.js'),
    import('./http/websocket.js'),
    import('./cache/response-cache.js'),
  ]);
  if (stopping) return;
  // GraphQL over WebSocket on the same port and path; upgrades are answered 503 until the app is ready.
  closeSockets = attachWebSockets(server, { app: () => app, corsOrigins: env.CORS_ORIGINS, maxPayload: LIMITS.bodyBytes });
  events = createArticleEvents({ redisUrl: env.REDIS_URL, corpus: corpusKey(env.DATABASE_URL, env.PGLITE_DIR), warn });
  log(env.REDIS_URL ? `Live updates across servers through Redis ${describeRedis(env.REDIS_URL)}` : 'Live updates within this process (set REDIS_URL to share them across servers)');
  log(`Opening ${describeDatabase(env.DATABASE_URL, env.PGLITE_DIR)} …`);
  startup = prepareWhenReady({ env, serverUrl: reachableUrl(url), signal: aborter.signal, log, warn, fatal });

  const prepared: Prepared | null = await startup;
  if (!prepared) return;
  const responseCache = env.REDIS_URL ? createResponseCache({ url: env.REDIS_URL, prefix: env.RESPONSE_CACHE_PREFIX, warn }) : undefined;
  if (responseCache) {
    closing.push(() => responseCache.close());
    const where = describeRedis(env.REDIS_URL!);
    log((await responseCache.connect()) ? `Caching query answers in ${where}` : `Redis at ${where} is not reachable: answering uncached until it is`);
  }
  app = createApp({
    db: prepared.database.db,
    // The database is part of it: two corpora sharing one Redis (and prefix) never see each other's answers.
    dataVersion: `${prepared.fingerprint} ${corpusKey(env.DATABASE_URL, env.PGLITE_DIR)}`,
    responseCache,
    replicas: prepared.replicas.map((replica) => replica.db),
    linker: prepared.linker,
    writeToken: env.WRITE_TOKEN,
    production: env.NODE_ENV === 'production',
    corsOrigins: env.CORS_ORIGINS,
    secrets,
    events,
    log: stdoutLine,
    logLevel: env.LOG_LEVEL,
    prettyLog: pretty,
    pool: prepared.database.pool,
    metricsToken: env.METRICS_TOKEN,
    persistedOperations: env.PERSISTED_OPERATIONS?.operations,
    maxSubscriptionsPerClient: env.MAX_SUBSCRIPTIONS_PER_CLIENT,
    graphiql: graphiqlEnabled(env),
    explore: explorerEnabled(env),
    admission: {
      budget: env.ADMISSION_BUDGET,
      clientShare: env.ADMISSION_CLIENT_SHARE,
      freeCost: env.ADMISSION_FREE_COST,
      queueLength: env.ADMISSION_QUEUE_LENGTH,
      queueWaitMs: env.ADMISSION_QUEUE_MS,
      maxAnswerBytes: env.MAX_ANSWER_BYTES,
    },
  });
  handler = app;
  log(graphiqlEnabled(env) && !env.PERSISTED_OPERATIONS ? `GraphQL API and GraphiQL on ${url}/graphql` : `GraphQL API on ${url}/graphql (GraphiQL is off${env.PERSISTED_OPERATIONS ? '' : '; GRAPHIQL=on turns it on'})`);
  log(explorerEnabled(env) ? `Explorer on ${url}/explore` : 'The explorer is off (EXPLORER=off): /explore answers 404.');
  if (env.PERSISTED_OPERATIONS) {
    log(`Persisted operations only: the ${env.PERSISTED_OPERATIONS.operations.size} of ${env.PERSISTED_OPERATIONS.source}; GraphiQL is off.`);
  }
  if (!env.WRITE_TOKEN) log('Writes are off: set WRITE_TOKEN to allow the ingestArticle mutation.');
}

main().catch((error: unknown) => {
  const expected = error instanceof EnvError || (error instanceof Error && ['StartupError', 'DataDirError'].includes(error.name));
  // The last line, in the same log as the others: the reason alone when it is one we expect.
  if (expected) logger.fatal((error as Error).message);
  else logger.fatal({ err: error }, 'The server stopped on an unexpected error.');
  process.exit(1);
});
