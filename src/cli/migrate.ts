import { describeDatabase } from '../db/client.js';
import { EnvError, loadEnv } from '../env.js';
import { DataDirError, DataDirInUseError } from '../db/pglite-dir.js';
import { prepare } from '../setup.js';
import { folderBusyMessage } from './busy.js';

/** Applies migrations and syncs the knowledge base, then exits; for deploy steps. */
try {
  const env = loadEnv();
  const prepared = await prepare({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
  await prepared.database.close();
  console.log(`${describeDatabase(env.DATABASE_URL, env.PGLITE_DIR)} is migrated and its knowledge base is in sync.`);
} catch (error) {
  if (error instanceof DataDirInUseError) console.error(`db:migrate: ${folderBusyMessage('db:migrate', error)}`);
  else console.error(error instanceof EnvError || error instanceof DataDirError ? error.message : error);
  process.exit(1);
}
