import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { surviveDroppedDriverRejections } from './db/dropped-rejections.js';
import { EnvError, loadEnv, type Env } from './env.js';
import { startingHandler } from './http/starting.js';
import { createLogger, stdoutLine } from './log.js';
import type { Prepared } from './setup.js';

/** How long SIGTERM during start-up waits for a database attempt in progress to settle. */
const STARTUP_SETTLE_MS = 5_000;

function baseUrl(server: Server, env: Env): string {
  const { port } = server.address() as AddressInfo;
  return `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
}

function passwordOf(url: string | undefined): string[] {
  try {
    return url ? [decodeURIComponent(new URL(url).password)].filter(Boolean) : [];
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const env = loadEnv();
  const secrets = passwordOf(env.DATABASE_URL);
  // One log for the whole process: start-up, each request, each unexpected error; JSON unless on a terminal.
  const pretty = process.stdout.isTTY === true;
  const logger = createLogger({ level: env.LOG_LEVEL, pretty, write: stdoutLine, secrets: [env.WRITE_TOKEN, env.METRICS_TOKEN, ...secrets] });
  const log = (line: string) => logger.info(line);
  const warn = (line: string) => logger.warn(line);
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

  const aborter = new AbortController();
  let startup: Promise<Prepared | null> = Promise.resolve(null);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    aborter.abort();
    log(`${signal}: finishing requests in flight, then stopping.`);
    server.close(async () => {
      const prepared = await Promise.race([startup.catch(() => null), sleep(STARTUP_SETTLE_MS, null, { ref: false })]);
      await prepared?.database.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // The schema, linker and drivers take seconds to load; imported only now, they don't delay the listener.
  const [{ createApp }, { describeDatabase }, { prepareWhenReady }] = await Promise.all([
    import('./app.js'),
    import('./db/client.js'),
    import('./startup.js'),
  ]);
  if (stopping) return;
  log(`Opening ${describeDatabase(env.DATABASE_URL, env.PGLITE_DIR)} …`);
  startup = prepareWhenReady({ env, signal: aborter.signal, log, warn });

  const prepared: Prepared | null = await startup;
  if (!prepared) return;
  handler = createApp({
    db: prepared.database.db,
    linker: prepared.linker,
    writeToken: env.WRITE_TOKEN,
    production: env.NODE_ENV === 'production',
    corsOrigins: env.CORS_ORIGINS,
    secrets,
    log: stdoutLine,
    logLevel: env.LOG_LEVEL,
    prettyLog: pretty,
    pool: prepared.database.pool,
    metricsToken: env.METRICS_TOKEN,
    persistedOperations: env.PERSISTED_OPERATIONS?.operations,
  });
  log(`GraphQL API and GraphiQL on ${url}/graphql`);
  if (env.PERSISTED_OPERATIONS) {
    log(`Persisted operations only: the ${env.PERSISTED_OPERATIONS.operations.size} of ${env.PERSISTED_OPERATIONS.source}; GraphiQL is off.`);
  }
  if (!env.WRITE_TOKEN) log('Writes are off: set WRITE_TOKEN to allow the ingestArticle mutation.');
}

main().catch((error: unknown) => {
  const expected = error instanceof EnvError || (error instanceof Error && error.name === 'StartupError');
  console.error(expected ? (error as Error).message : error);
  process.exit(1);
});
