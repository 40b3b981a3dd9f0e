import { describeDatabase } from '../db/client.js';
import { EnvError, loadEnv } from '../env.js';
import { prepare } from '../setup.js';

/** Applies migrations and syncs the knowledge base, then exits; for deploy steps. */
try {
  const env = loadEnv();
  const prepared = await prepare({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
  await prepared.database.close();
  console.log(`${describeDatabase(env.DATABASE_URL, env.PGLITE_DIR)} is migrated and its knowledge base is in sync.`);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
