import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { rssMb, startSoakServer, type SoakServer } from '../bench/soak-server.js';
import { SoakTally } from '../bench/soak-tally.js';
import { createWorkload, fetchSamples } from '../bench/soak-workload.js';
import { parseCommandLine, usageError, wholeNumberOption, exitWhenFlushed } from './args.js';

const HELP = `Usage: npm run soak -- [--duration 60] [--connections 32] [--ingest-every 50] [--url http://host:port [--pid N]]

Drives the contract queries (schema/operations/*.graphql) with varying variables and, every 50th
request, an ingestArticle of a new synthetic article (src/synth) over 32 connections for the given
seconds. Without --url it starts the server (src/main.ts, production mode, a fresh write token) on
DATABASE_URL, which must name a Postgres the soak may write to. With --url it drives a running
server; writes are sent only when WRITE_TOKEN is set, and --pid gives the process to read RSS of.

Prints requests served, errors (non-2xx answers, transport errors, timeouts, GraphQL errors; there
must be none), latency percentiles, SQL statements per operation (x-sql-statements) and the
server's resident memory at start and end. Exits 1 when any request failed or the server did not
stop cleanly.`;

const COMMAND = {
  script: 'soak',
  help: HELP,
  positionals: false,
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    'ingest-every': { type: 'string', default: '50' },
    url: { type: 'string' },
    pid: { type: 'string' },
  },
} as const;

const whole = (name: string, value: string, min: number, max: number) => wholeNumberOption(COMMAND, name, value, min, max);

function parseOptions() {
  const { values } = parseCommandLine(COMMAND);
  let url: string | null = null;
  if (values.url !== undefined) {
    try {
      const given = new URL(values.url);
      if (given.protocol !== 'http:' && given.protocol !== 'https:') throw new Error();
      url = given.origin;
    } catch {
      usageError(COMMAND, `--url must be an http:// or https:// URL of a running server, got ${JSON.stringify(values.url)}`);
    }
  }
  if (values.pid !== undefined && url === null) usageError(COMMAND, '--pid goes with --url; without it the soak starts the server and knows its pid');
  return {
    duration: whole('duration', values.duration, 1, 86_400),
    connections: whole('connections', values.connections, 1, 1_000),
    ingestEvery: whole('ingest-every', values['ingest-every'], 0, 1_000_000),
    url,
    pid: values.pid === undefined ? null : whole('pid', values.pid, 1, 2 ** 22),
  };
}

const mb = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} MiB`);

async function soak(options: ReturnType<typeof parseOptions>, target: { origin: string; token: string | null; pid: number | null }) {
  const post = async (body: string) => {
    const response = await fetch(`${target.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  };
  const samples = await fetchSamples(post);
  const ingestEvery = target.token ? options.ingestEvery : 0;
  if (!target.token && options.ingestEvery > 0) console.error('No WRITE_TOKEN for the server at --url: sending queries only.');
  const runId = randomBytes(4).toString('hex');
  const next = createWorkload({ samples, ingestEvery, runId, seed: Number.parseInt(runId, 16) });
  const tally = new SoakTally();

  const rssStart = target.pid ? rssMb(target.pid) : null;
  console.error(`Soaking ${target.origin} with ${options.connections} connections for ${options.duration} s (run ${runId}) …`);
  const progress = setInterval(() => console.error(`  ${tally.progress()}`), 10_000);
  let result: autocannon.Result;
  try {
    result = await autocannon({
      url: target.origin,
      connections: options.connections,
      duration: options.duration,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          setupRequest: (request, context) => {
            const { name, body, write } = next();
            (context as { name?: string }).name = name;
            const headers = { ...request.headers, 'content-type': 'application/json', accept: 'application/graphql-response+json' };
            return { ...request, body, headers: write ? { ...headers, authorization: `Bearer ${target.token}` } : headers };
          },
          onResponse: (status, body, context, headers) => tally.record((context as { name?: string }).name ?? '?', status, body, headers ?? {}),
        },
      ],
    });
  } finally {
    clearInterval(progress);
  }
  const rssEnd = target.pid ? rssMb(target.pid) : null;

  const errors = result.errors + result.non2xx + tally.graphqlErrors;
  console.log(`requests served   ${result.requests.total} in ${result.duration.toFixed(1)} s (${Math.round(result.requests.average)}/s)`);
  console.log(`errors            ${errors} (non-2xx ${result.non2xx}, transport ${result.errors}, of which timeouts ${result.timeouts}, GraphQL errors ${tally.graphqlErrors})`);
  console.log(`latency           p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(`server RSS        start ${mb(rssStart)}, end ${mb(rssEnd)}`);
  console.log(tally.table());
  for (const sample of tally.samples) console.log(`error sample      ${sample}`);
  return errors;
}

async function main(): Promise<number> {
  const options = parseOptions();
  let server: SoakServer | null = null;
  let target: { origin: string; token: string | null; pid: number | null };
  if (options.url) {
    target = { origin: options.url, token: process.env.WRITE_TOKEN || null, pid: options.pid };
  } else {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      usageError(COMMAND, 'set DATABASE_URL to a Postgres the soak may write articles to, or pass --url of a running server');
    }
    console.error('Starting the server …');
    server = await startSoakServer(databaseUrl);
    target = { origin: server.origin, token: server.writeToken, pid: server.pid };
  }
  let failed = true;
  try {
    failed = (await soak(options, target)) > 0;
  } finally {
    if (server) {
      const code = await server.stop();
      console.log(`server exit       ${code}`);
      if (code !== 0) {
        failed = true;
        console.error(`The server did not stop cleanly; its last lines:\n${server.tail().join('\n')}`);
      } else if (failed) {
        console.error(`The server's last lines:\n${server.tail().join('\n')}`);
      }
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
