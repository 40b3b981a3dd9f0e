import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { countArticles, ensureCorpus, note } from './database.js';

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
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  const quoted = `"${name.replaceAll('"', '""')}"`;
  try {
    await admin.unsafe(`create database ${quoted}`);
    note(`Bulk load of ${articles} articles into the scratch database ${name} …`);
    const started = performance.now();
    const output = await runIngest(corpusDir, scratch.toString());
    const wallSeconds = (performance.now() - started) / 1000;
    const summary = SUMMARY.exec(output);
    if (!summary) throw new Error(`npm run ingest printed no summary line; its output ended with: ${output.slice(-300)}`);
    const stored = postgres(scratch.toString(), { max: 1, onnotice: () => {} });
    const count = await countArticles(stored).finally(() => stored.end({ timeout: 5 }));
    const seconds = Number(summary[3]);
    return { articles: count, seconds, articlesPerSecond: Math.round(count / seconds), wallSeconds: Number(wallSeconds.toFixed(1)) };
  } finally {
    await admin.unsafe(`drop database if exists ${quoted} with (force)`).catch((error: Error) => note(`Could not drop ${name}: ${error.message}`));
    await admin.end({ timeout: 5 });
  }
}

/** Runs `npm run ingest` on the folder; resolves to its standard output, which is also passed on to stderr. */
function runIngest(dir: string, databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'ingest', '--', dir], {
      stdio: ['ignore', 'pipe', 2],
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let output = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`npm run ingest -- ${dir} failed (${signal ?? `exit status ${code}`})`));
    });
  });
}
