import { describeDatabase } from '../db/client.js';
import { EnvError, loadEnv } from '../env.js';
import { countArticles, relinkAll } from '../ingest/relink.js';
import { DataDirError, DataDirInUseError } from '../db/pglite-dir.js';
import { prepare } from '../prepare-database.js';
import { folderBusyMessage } from './busy.js';
import { parseCommandLine } from './args.js';

const HELP = `Usage: npm run relink

Links every stored article again with the current knowledge base and linker (DATABASE_URL, or the
PGlite database in PGLITE_DIR, default .data/pglite, which no server may hold meanwhile).`;

parseCommandLine({ script: 'relink', help: HELP, positionals: false, options: {} });

/** Links every stored article again with the current knowledge base and linker. */
try {
  const env = loadEnv();
  const prepared = await prepare({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR, log: console.log });
  const total = await countArticles(prepared.database.db);
  console.log(`Relinking ${total} articles in ${describeDatabase(env.DATABASE_URL, env.PGLITE_DIR)} …`);
  const started = performance.now();
  const done = await relinkAll(prepared.database.db, prepared.linker, (n) => console.log(`  ${n} / ${total}`));
  await prepared.database.close();
  console.log(`relinked ${done} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  if (error instanceof DataDirInUseError) {
    const why = 'The API cannot relink; a server relinks by itself when it starts after a change of the knowledge base (up to 20,000 articles).';
    console.error(`relink: ${folderBusyMessage('relink', error, why)}`);
  } else console.error(error instanceof EnvError || error instanceof DataDirError ? error.message : error);
  process.exit(1);
}
