import { parseArgs } from 'node:util';
import { ArticleFormatError } from '../corpus/parse.js';
import { describeDatabase } from '../db/client.js';
import { EnvError, loadEnv } from '../env.js';
import { collectArticleFiles, createIngestor, type IngestResult } from '../ingest/ingest.js';
import { prepare } from '../setup.js';

const HELP = `Usage: npm run ingest -- <file or folder> [more …]

Parses, links and stores articles in the corpus format (one .txt file per article; folders are
read recursively). Each article is written in its own transaction; a file that is not in the
format is reported and skipped, the others still load, and the command then exits with status 1.

Uses DATABASE_URL when set, else the embedded PGlite database in PGLITE_DIR (default .data/pglite;
stop a server using the same PGlite folder first).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help || positionals.length === 0) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const env = loadEnv();
  let files: string[];
  try {
    files = await collectArticleFiles(positionals);
  } catch (error) {
    console.error(`ingest: cannot read ${(error as NodeJS.ErrnoException).path ?? positionals.join(' ')}: ${(error as Error).message}`);
    return 2;
  }
  console.log(`Ingesting ${files.length} files into ${describeDatabase(env.DATABASE_URL, env.PGLITE_DIR)}`);
  const prepared = await prepare({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
  const ingestor = createIngestor(prepared.database.db, prepared.linker);
  const counts: Record<IngestResult['status'] | 'FAILED', number> = { CREATED: 0, UPDATED: 0, UNCHANGED: 0, DUPLICATE: 0, FAILED: 0 };
  const started = performance.now();
  try {
    for (const file of files) {
      try {
        const result = await ingestor.ingestFile(file);
        counts[result.status] += 1;
      } catch (error) {
        counts.FAILED += 1;
        const reason = error instanceof ArticleFormatError ? error.message : `${(error as Error).message}`;
        console.error(`ingest: ${file}: ${reason}`);
      }
    }
  } finally {
    await prepared.database.close();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `read ${files.length}, new ${counts.CREATED}, updated ${counts.UPDATED}, unchanged ${counts.UNCHANGED}, ` +
      `duplicates ${counts.DUPLICATE}, failed ${counts.FAILED} in ${seconds.toFixed(1)} s`,
  );
  return counts.FAILED > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  },
);
