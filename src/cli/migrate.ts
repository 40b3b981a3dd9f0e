import { describeDatabase } from '../db/client.js';
import { EnvError, loadEnv } from '../env.js';
import { DataDirError, DataDirInUseError } from '../db/pglite-dir.js';
import { prepare } from '../prepare-database.js';
import { folderBusyMessage } from './busy.js';
import { parseCommandLine } from './args.js';

const HELP = `Usage: npm run db:migrate

Applies the migrations and syncs the knowledge base of DATABASE_URL, or of the PGlite database in
PGLITE_DIR (default .data/pglite), then exits; for deploy steps.`;

parseCommandLine({ script: 'db:migrate', help: HELP, positionals: false, options: {} });

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
