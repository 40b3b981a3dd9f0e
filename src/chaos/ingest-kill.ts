import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { AGGREGATE_DRIFT_SQL } from '../db/aggregate-drift.js';
import { run, sleep } from './processes.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface IngestKillOptions {
  databaseUrl: string;
  articles: number;
  /** Articles per transaction of the ingest. */
  batchSize: number;
}

export interface IngestKillFigures {
  articles: number;
  /** Articles stored when the first ingest was killed (whole batches only when all is well). */
  storedAtKill: number;
  /** What the second run said it did, from its summary line. */
  rerun: { exitCode: number | null; summary: string };
  /** Articles of the corpus stored once the second run ended, and how many more than once. */
  storedAtEnd: number;
  duplicates: number;
  /** Counter rows that differ from a count from scratch, per table, after the kill and at the end. */
  driftAfterKill: Record<string, number>;
  driftAtEnd: Record<string, number>;
}

function ingest(databaseUrl: string, folder: string, batchSize: number) {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', '--batch-size', String(batchSize), '--workers', '1', folder], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * `npm run ingest` of a synthetic corpus SIGKILLed once some batches have committed, then run again
 * to its end: every article must be stored exactly once, and every counter must equal a count from
 * scratch, both right after the kill and at the end.
 */
export async function ingestKillScenario(options: IngestKillOptions): Promise<IngestKillFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'chaos-ingest-'));
  const sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await run(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/corpus-synth.ts'), '--articles', String(options.articles), '--out', folder, '--seed', '7']);
    // The synthetic articles are named after their files; the seed articles are not.
    const stored = async () => {
      const [row] = await sql<{ n: number; duplicates: number }[]>`
        select count(distinct external_id)::int as n, (count(*) - count(distinct external_id))::int as duplicates
        from articles where external_id like 'synth%'`;
      return row!;
    };
    const drift = async () => {
      const rows = await sql.unsafe<{ table: string; n: number }[]>(AGGREGATE_DRIFT_SQL);
      return Object.fromEntries(rows.map((row) => [row.table, row.n]));
    };
    const first = ingest(options.databaseUrl, folder, options.batchSize);
    const exited = new Promise((resolve) => first.on('exit', resolve));
    first.stdout!.resume();
    first.stderr!.resume();
    // Killed once two batches have committed, well before the last.
    let storedAtKill = 0;
    for (let i = 0; i < 1_200 && storedAtKill < 2 * options.batchSize; i += 1) {
      await sleep(100);
      storedAtKill = (await stored()).n;
    }
    first.kill('SIGKILL');
    await exited;
    // A COMMIT the killed process had sent still completes; Postgres ends its other sessions once
    // it notices the closed sockets. The stored state is final when none is busy any more.
    for (let i = 0; i < 100; i += 1) {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and application_name <> 'conflict-news-graphql'
          and state is distinct from 'idle'`;
      if (row!.n === 0) break;
      await sleep(100);
    }
    storedAtKill = (await stored()).n;
    const driftAfterKill = await drift();
    const second = ingest(options.databaseUrl, folder, options.batchSize);
    let output = '';
    second.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    second.stderr!.resume();
    const exitCode = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    const end = await stored();
    return {
      articles: options.articles,
      storedAtKill,
      rerun: { exitCode, summary: /read \d+.*$/m.exec(output)?.[0] ?? output.slice(-300) },
      storedAtEnd: end.n,
      duplicates: end.duplicates,
      driftAfterKill,
      driftAtEnd: await drift(),
    };
  } finally {
    await sql.end();
    rmSync(folder, { recursive: true, force: true });
  }
}
