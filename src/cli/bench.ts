import { cpus, loadavg, platform, totalmem } from 'node:os';
import postgres from 'postgres';
import { analyze, ensureArticles, ensureDatabase, note, postgresVersion } from '../bench/database.js';
import { driveHttp, driveSql, warmHttp } from '../bench/drive.js';
import { explainStatements, type ExplainSummary } from '../bench/explain.js';
import { openInProcessApp, type InProcessApp } from '../bench/in-process.js';
import { cacheReport, measureCached } from '../bench/cache.js';
import { measureIngest, type IngestCpu } from '../bench/ingest.js';
import { usageError, exitWhenFlushed } from './args.js';
import { BenchUsageError, CONCURRENCY, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, HELP, parseBenchArgs, type BenchOptions } from '../bench/options.js';
import { comparisonReport, evaluateTargets, explainReport, resultsTable, targetsReport } from '../bench/report.js';
import { newestResultFile, readResult, writeResult, type BenchResult, type QueryInfo, type ResultRow } from '../bench/results.js';
import { buildScenarios, type Scenario } from '../bench/scenarios.js';
import { startServer, type RunningServer } from '../bench/server.js';

// The server's Postgres pool (openDatabase's default); the floor gets as many connections.
const POOL_SIZE = 10;

async function countStatements(scenario: Scenario, app: InProcessApp, sql: postgres.Sql) {
  const info: QueryInfo = { query: scenario.name, workload: scenario.workload, statementsPerRequest: [], headerStatements: [] };
  let explain: ExplainSummary[] = [];
  for (const [i, variables] of scenario.variableSets.entries()) {
    const run = await app.run(scenario.operation, variables);
    if (!scenario.check(run.data)) throw new Error(`${scenario.name} returned no data for ${JSON.stringify(variables)}`);
    info.statementsPerRequest.push(run.statements.length);
    info.headerStatements.push(run.headerStatements);
    // The statements of the first variable set are run again under EXPLAIN (ANALYZE, BUFFERS).
    if (i === 0) explain = await explainStatements(sql, scenario.name, run.statements);
  }
  for (const floor of scenario.floor.slice(0, 1)) {
    const [row] = await sql.unsafe(floor.text, floor.params);
    if (row?.result == null) throw new Error(`the floor statement of ${scenario.name} returned nothing`);
  }
  return { info, explain };
}

async function measure(scenario: Scenario, server: RunningServer, sql: postgres.Sql, options: BenchOptions): Promise<ResultRow[]> {
  const bodies = scenario.variableSets.map((variables) => JSON.stringify({ query: scenario.operation, variables }));
  note(`${scenario.name} (${scenario.workload}): warming up ${options.warmup} s …`);
  await warmHttp({ origin: server.origin, bodies, seconds: options.warmup });
  await server.settle();
  const graphql = [];
  for (const connections of CONCURRENCY) {
    const figures = await driveHttp({ origin: server.origin, bodies, connections, seconds: options.duration, check: scenario.check });
    await server.settle();
    note(`  GraphQL ${connections} conn: ${figures.rps} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, errors ${figures.errors}`);
    graphql.push(figures);
  }
  await driveSql(sql, scenario.floor, CONCURRENCY.at(-1)!, options.warmup);
  const rows: ResultRow[] = [];
  for (const [i, connections] of CONCURRENCY.entries()) {
    const floor = await driveSql(sql, scenario.floor, connections, options.duration);
    note(`  SQL floor ${connections} in flight: ${floor.rps} req/s, p50 ${floor.p50Ms} ms, p99 ${floor.p99Ms} ms, errors ${floor.errors}`);
    const figures = graphql[i]!;
    rows.push({
      query: scenario.name,
      connections,
      graphql: figures,
      sql: floor,
      ratio: floor.rps > 0 ? Number((figures.rps / floor.rps).toFixed(3)) : null,
    });
  }
  return rows;
}

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    usageError({ script: 'bench', help: HELP }, error.message);
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const url = process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    console.error(`bench: BENCH_DATABASE_URL must be a postgres:// URL, got ${JSON.stringify(url)}`);
    return 2;
  }
  // Without --baseline, the newest earlier run on a corpus of the same size.
  const baselineFile = options.baseline ?? newestResultFile(undefined, (r) => r.options.articles === options.articles);
  let baseline: BenchResult | null = null;
  try {
    baseline = baselineFile ? readResult(baselineFile) : null;
  } catch (error) {
    console.error(`bench: cannot use ${baselineFile} as the baseline: ${(error as Error).message}`);
    return 2;
  }

  const startedAt = new Date();
  const load = loadavg();
  await ensureDatabase(url);
  // Before the server and the load generator run, so that the load has the machine to itself.
  const ingest = options.ingest ? await measureIngest(url, options.corpus, options.articles) : undefined;
  const articles = await ensureArticles(url, options.articles, options.corpus);

  // The floor's connections are set as the server's (src/db/client.ts): no JIT compilation.
  const sql = postgres(url, { max: POOL_SIZE, onnotice: () => {}, connection: { jit: 'off' } });
  // The server's statements, replayed under EXPLAIN, carry JSON parameters as the server sent them:
  // text that Drizzle's driver passes through as is. Encoded again here, Postgres got a JSON string.
  for (const oid of [114, 3802]) sql.options.serializers[oid] = (value: unknown) => value as string;
  const app = await openInProcessApp(url);
  let server: RunningServer | null = null;
  try {
    note('Starting the server …');
    server = await startServer(url);
    await analyze(sql);
    const version = await postgresVersion(sql);

    const scenarios = await buildScenarios(sql, app, options.queries);
    const queries: QueryInfo[] = [];
    const explain: ExplainSummary[] = [];
    for (const scenario of scenarios) {
      const counted = await countStatements(scenario, app, sql);
      queries.push(counted.info);
      explain.push(...counted.explain);
    }

    const rows: ResultRow[] = [];
    for (const scenario of scenarios) rows.push(...(await measure(scenario, server, sql, options)));

    const rss = server.peakRssMb();
    const readyRssMb = server.readyRssMb;
    await server.stop();
    server = null;
    const peakRssMb = Math.max(rss.vmHwmMb ?? 0, rss.sampledMb);
    const cache = options.cache ? await measureCached(url, process.env.BENCH_REDIS_URL || DEFAULT_REDIS_URL, scenarios, rows, options) : undefined;

    const result: BenchResult = {
      version: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      options: { articles: options.articles, duration: options.duration, warmup: options.warmup, queries: options.queries },
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        totalMemoryMb: Math.round(totalmem() / 2 ** 20),
        loadAverage: load.map((n) => Number(n.toFixed(2))),
        node: process.version,
        platform: `${platform()} ${process.arch}`,
        postgres: version,
        database: new URL(url).pathname.slice(1),
        articles,
      },
      poolSize: POOL_SIZE,
      queries,
      rows,
      server: {
        peakRssMb: mb(peakRssMb)!,
        vmHwmMb: mb(rss.vmHwmMb),
        sampledRssMb: mb(rss.sampledMb)!,
        readyRssMb: mb(readyRssMb),
        nodeOptions: process.env.NODE_OPTIONS || null,
      },
      targets: evaluateTargets(rows, peakRssMb > 0 ? peakRssMb : null),
      explain,
      ...(cache ? { cache } : {}),
      ...(ingest ? { ingest } : {}),
    };
    const file = writeResult(result);

    const m = result.machine;
    console.log(
      `\n${m.articles} articles · ${m.cpus} × ${m.cpuModel} · Node ${m.node} · ${m.postgres.split(' on ')[0]} · ` +
        `${options.duration} s per run · load average at start ${m.loadAverage.join(' ')}` +
        `${result.server.nodeOptions ? ` · server NODE_OPTIONS=${result.server.nodeOptions}` : ''}\n`,
    );
    for (const q of queries) console.log(`${q.query}: ${q.workload}`);
    console.log(`\n${resultsTable(rows, queries)}\n`);
    console.log(
      `Server peak RSS: ${result.server.peakRssMb.toFixed(0)} MiB (VmHWM ${fixedMb(rss.vmHwmMb)}, sampled VmRSS ${fixedMb(rss.sampledMb)}; ` +
        `${fixedMb(readyRssMb)} when it became ready)`,
    );
    const mismatched = queries.filter((q) => q.headerStatements.some((h, i) => h !== null && h !== q.statementsPerRequest[i]));
    for (const q of mismatched) console.log(`Note: ${q.query}'s x-sql-statements header (${q.headerStatements.join(', ')}) differs from the count in process.`);
    console.log(`\n${targetsReport(result.targets)}\n`);
    if (cache) console.log(`${cacheReport(cache)}\n`);
    if (ingest) {
      console.log(
        `Bulk load: ${ingest.articles} articles in ${ingest.seconds.toFixed(1)} s, ${ingest.articlesPerSecond} articles/s ` +
          `(npm run ingest into an empty database; ${ingest.wallSeconds.toFixed(1)} s with its start-up)` +
          (ingest.cpuPer1000 ? `\n  CPU s per 1,000 articles: ${ingestCpuReport(ingest.cpuPer1000)}` : '') +
          '\n',
      );
    }
    if (baseline && baselineFile) console.log(`${comparisonReport(result, baseline, baselineFile)}\n`);
    if (explain.length > 0) console.log(`${explainReport(explain)}\n`);
    console.log(`Results written to ${file}`);
    return 0;
  } finally {
    await server?.stop();
    await app.close();
    await sql.end({ timeout: 5 });
  }
}

const mb = (value: number | null) => (value == null ? null : Number(value.toFixed(1)));

function fixedMb(value: number | null): string {
  return value == null ? 'unreadable' : `${value.toFixed(0)} MiB`;
}

/** The bulk load's CPU by where it was spent, the figure that a busy machine leaves comparable. */
function ingestCpuReport(cpu: IngestCpu): string {
  const part = (value: number | null) => (value === null ? 'not measured' : value.toFixed(2));
  return `main thread ${part(cpu.mainThread)}, link workers ${part(cpu.linkWorkers)}, other threads ${part(cpu.otherThreads)}, Postgres ${part(cpu.postgres)}`;
}

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

