import postgres from 'postgres';
import { statCpuSeconds } from '../ingest/thread-cpu.js';
import { countArticles, ensureCorpus, note, quotedName, runScript, withMaintenance } from './database.js';

/** CPU seconds per 1,000 articles stored, where they were spent; null where not measured. */
export interface IngestCpu {
  /** The ingest command's main thread: reading results, encoding and sending the batches. */
  mainThread: number | null;
  /** The link workers: reading, parsing, cleaning, linking. */
  linkWorkers: number | null;
  /** The command's other threads: V8's garbage collection helpers (most of it for the workers' large heaps), libuv's pool. */
  otherThreads: number | null;
  /** The Postgres backends of the load's database (only when Postgres runs on this machine and its processes can be read). */
  postgres: number | null;
}

/** A bulk load of the synthetic corpus into an empty database, as `npm run ingest` does it. */
export interface IngestFigure {
  articles: number;
  /** The ingest command's own time for reading, linking and storing (after its start-up). */
  seconds: number;
  articlesPerSecond: number;
  /** From starting the command to its exit: start-up, migrations and the knowledge base included. */
  wallSeconds: number;
  /** From the moment the link workers were ready to the end of the load (start-up left out). */
  cpuPer1000?: IngestCpu;
}

// The ingest command's closing lines: `read N, new N, … in 42.7 s (70 articles/s)`, then its CPU by thread.
const SUMMARY = /^read (\d+), new (\d+),.* in ([\d.]+) s \(\d+ articles\/s\)$/m;
const CPU = /^CPU: main thread (?:([\d.]+) s|not measured), link workers (?:([\d.]+) s|not measured), other threads (?:([\d.]+) s|not measured)$/m;
const STARTED = /^Loading: /m;

/**
 * The CPU time of the Postgres backends serving one database, sampled twice a second (a backend's
 * last half second before it exits is missed); null when none could be read: a Postgres elsewhere.
 */
function postgresCpu(admin: postgres.Sql, database: string) {
  const seen = new Map<number, number>();
  const sample = async () => {
    const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database}`;
    for (const { pid } of rows) {
      const cpu = statCpuSeconds(`/proc/${pid}/stat`);
      if (cpu !== null) seen.set(pid, Math.max(seen.get(pid) ?? 0, cpu));
    }
  };
  let sampling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(sample).catch(() => {});
  }, 500);
  const total = () => (seen.size === 0 ? null : [...seen.values()].reduce((a, b) => a + b, 0));
  return {
    /** Samples now and returns the total so far. */
    async now(): Promise<number | null> {
      await (sampling = sampling.then(sample).catch(() => {}));
      return total();
    },
    async stop(): Promise<number | null> {
      clearInterval(timer);
      return this.now();
    },
  };
}

const per1000 = (seconds: number | null, articles: number) => (seconds === null || articles === 0 ? null : Number(((1000 * seconds) / articles).toFixed(2)));

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
      const backends = postgresCpu(admin, name);
      // Postgres's CPU from the moment the load starts, as the command's own figures: migrations and the knowledge base left out.
      let atStart: Promise<number | null> | null = null;
      let output: string;
      let endCpu: number | null;
      try {
        output = await runScript('ingest', [corpusDir], { ...process.env, DATABASE_URL: scratch.toString() }, (sofar) => {
          if (!atStart && STARTED.test(sofar)) atStart = backends.now();
        });
      } finally {
        endCpu = await backends.stop();
      }
      const wallSeconds = (performance.now() - started) / 1000;
      const startCpu = atStart ? await atStart : null;
      const summary = SUMMARY.exec(output);
      if (!summary) throw new Error(`npm run ingest printed no summary line; its output ended with: ${output.slice(-300)}`);
      const stored = postgres(scratch.toString(), { max: 1, onnotice: () => {} });
      const count = await countArticles(stored).finally(() => stored.end({ timeout: 5 }));
      const seconds = Number(summary[3]);
      const cpu = CPU.exec(output);
      const number = (text: string | undefined) => (text === undefined ? null : Number(text));
      return {
        articles: count,
        seconds,
        articlesPerSecond: Math.round(count / seconds),
        wallSeconds: Number(wallSeconds.toFixed(1)),
        ...(cpu
          ? {
              cpuPer1000: {
                mainThread: per1000(number(cpu[1]), count),
                linkWorkers: per1000(number(cpu[2]), count),
                otherThreads: per1000(number(cpu[3]), count),
                postgres: per1000(startCpu === null || endCpu === null ? null : endCpu - startCpu, count),
              },
            }
          : {}),
      };
    } finally {
      await admin.unsafe(`drop database if exists ${quotedName(name)} with (force)`).catch((error: Error) => note(`Could not drop ${name}: ${error.message}`));
    }
  });
}
