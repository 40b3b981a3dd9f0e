import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import postgres from 'postgres';

const UNDEFINED_TABLE = '42P01';
const SYNTH_FILE = /^synth_\d+\.txt$/;

/** Status lines go to stderr, so that stdout holds the results alone. */
export const note = (message: string) => console.error(message);

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`BENCH_DATABASE_URL names no database: ${url}`);
  return name;
}

/** Runs `work` on a connection to the `postgres` database of `url`'s server, where databases are created and dropped. */
export async function withMaintenance<T>(url: string, work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** A database name as an SQL identifier. */
export const quotedName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates the database of `url` when the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withMaintenance(url, async (admin) => {
    const [row] = await admin`select 1 as found from pg_database where datname = ${name}`;
    if (!row) {
      await admin.unsafe(`create database ${quotedName(name)}`);
      note(`Created database ${name}.`);
    }
  });
}

/** Articles in the database; 0 before the first migration. */
export async function countArticles(sql: postgres.Sql): Promise<number> {
  try {
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from articles`;
    return row?.count ?? 0;
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return 0;
    throw error;
  }
}

/**
 * Runs an npm script of this project, its output on our stderr; resolves to its standard output, rejects when it fails.
 * `onOutput` sees the output as it comes, all of it so far.
 */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env, onOutput?: (output: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { stdio: ['ignore', 'pipe', 2], env });
    let output = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      process.stderr.write(chunk);
      onOutput?.(output);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`npm run ${script} -- ${args.join(' ')} failed (${signal ?? `exit status ${code}`})`));
    });
  });
}

/**
 * Writes the synthetic corpus of `articles` files to `dir`, unless it already holds exactly that
 * many. A folder holding anything else is left alone (it may be a colleague's corpus of another size).
 */
export async function ensureCorpus(dir: string, articles: number): Promise<void> {
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const synthetic = files.filter((file) => SYNTH_FILE.test(file)).length;
  if (synthetic === articles && files.length === articles) {
    note(`Reusing the synthetic corpus of ${articles} articles in ${dir}.`);
    return;
  }
  if (files.length > 0) {
    const others = files.filter((file) => !SYNTH_FILE.test(file));
    const holds = others.length === 0 ? `${synthetic} synthetic articles, not ${articles}` : `other files too (${others.slice(0, 3).join(', ')})`;
    throw new Error(`${dir} holds ${holds}: pass --corpus with a new or empty folder, or remove ${dir}`);
  }
  await runScript('corpus:synth', ['--articles', String(articles), '--out', dir, '--seed', 'bench']);
}

/** Makes sure the database holds at least `articles` articles, generating and ingesting the synthetic corpus if not. */
export async function ensureArticles(url: string, articles: number, corpusDir: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const before = await countArticles(sql);
    if (before >= articles) {
      note(`The database holds ${before} articles (at least ${articles}): reusing it.`);
      return before;
    }
    note(`The database holds ${before} articles, fewer than ${articles}: loading the synthetic corpus.`);
    await ensureCorpus(corpusDir, articles);
    const started = performance.now();
    await runScript('ingest', [corpusDir], { ...process.env, DATABASE_URL: url });
    const after = await countArticles(sql);
    const seconds = (performance.now() - started) / 1000;
    note(`Ingest took ${seconds.toFixed(0)} s; the database now holds ${after} articles.`);
    if (after < articles) note(`Note: fewer articles than asked for (duplicate texts are stored once).`);
    return after;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * The state autovacuum keeps a running database in: fresh planner statistics, and a visibility map
 * that lets index-only scans skip the table (a bulk load leaves it empty).
 */
export async function analyze(sql: postgres.Sql): Promise<void> {
  const started = performance.now();
  await sql`vacuum (analyze)`;
  note(`VACUUM (ANALYZE) took ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

export async function postgresVersion(sql: postgres.Sql): Promise<string> {
  const [row] = await sql<{ version: string }[]>`select version()`;
  return row?.version ?? 'unknown';
}
