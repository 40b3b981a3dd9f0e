import postgres from 'postgres';
import { countArticles, ensureCorpus, note, quotedName, runScript, withMaintenance } from './database.js';

/** A bulk load of the synthetic corpus into an empty database, as `npm run ingest` does it. */
export interface IngestFigure {
  articles: number;
  /** The ingest command's own time for reading, linking and storing (after its start-up). */
  seconds: number;
  articlesPerSecond: number;
  /** From starting the command to its exit: start-up, migrations and the knowledge base included. */
  wallSeconds: number;
}

// The ingest command's closing line: `read N, new N, … in 42.7 s (70 articles/s)`.
const SUMMARY = /^read (\d+), new (\d+),.* in ([\d.]+) s \(\d+ articles\/s\)$/m;

/**
 * Loads the corpus of `articles` files (written first if `corpusDir` is empty) into a scratch
 * database created beside `url` for this run and dropped afterwards, so that the figure is always
 * that of a first load into an empty database, whatever `url` already holds.
 */
export async function measureIngest(url: string, corpusDir: string, articles: number): Promise<IngestFigure> {
  await ensureCorpus(corpusDir, articles);
  const scratch = new URL(url);
  const name = `${decodeURIComponent(scratch.pathname.slice(1))}_ingest_${process.pid}`;
  scratch.pathname = `/${name}`;
  return withMaintenance(url, async (admin) => {
    await admin.unsafe(`create database ${quotedName(name)}`);
    try {
      note(`Bulk load of ${articles} articles into the scratch database ${name} …`);
      const started = performance.now();
      const output = await runScript('ingest', [corpusDir], { ...process.env, DATABASE_URL: scratch.toString() });
      const wallSeconds = (performance.now() - started) / 1000;
      const summary = SUMMARY.exec(output);
      if (!summary) throw new Error(`npm run ingest printed no summary line; its output ended with: ${output.slice(-300)}`);
      const stored = postgres(scratch.toString(), { max: 1, onnotice: () => {} });
      const count = await countArticles(stored).finally(() => stored.end({ timeout: 5 }));
      const seconds = Number(summary[3]);
      return { articles: count, seconds, articlesPerSecond: Math.round(count / seconds), wallSeconds: Number(wallSeconds.toFixed(1)) };
    } finally {
      await admin.unsafe(`drop database if exists ${quotedName(name)} with (force)`).catch((error: Error) => note(`Could not drop ${name}: ${error.message}`));
    }
  });
}
