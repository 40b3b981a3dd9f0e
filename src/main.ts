import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { describeDatabase } from './db/client.js';
import { EnvError, loadEnv } from './env.js';
import { prepare, seedIfEmpty } from './setup.js';

async function main(): Promise<void> {
  const env = loadEnv();
  const where = describeDatabase(env.DATABASE_URL, env.PGLITE_DIR);
  console.log(`Opening ${where} …`);
  const prepared = await prepare({
    url: env.DATABASE_URL,
    dataDir: env.PGLITE_DIR,
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
    log: console.log,
  });
  if (env.SEED_ON_START === 'true') {
    const seeded = await seedIfEmpty(prepared);
    if (seeded.length > 0) console.log(`Loaded ${seeded.length} seed articles into the empty corpus.`);
  }

  const app = createApp({
    db: prepared.database.db,
    linker: prepared.linker,
    writeToken: env.WRITE_TOKEN,
    production: env.NODE_ENV === 'production',
  });
  const server = createServer(app);
  server.listen(env.PORT, env.HOST, () => {
    const { port } = server.address() as AddressInfo;
    const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
    console.log(`GraphQL API and GraphiQL on http://${host}:${port}/graphql`);
    if (!env.WRITE_TOKEN) console.log('Writes are off: set WRITE_TOKEN to allow the ingestArticle mutation.');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    server.close(async () => {
      await prepared.database.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
