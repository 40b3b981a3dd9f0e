import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../bench/chromium.js';
import { startServer, type RunningServer } from '../bench/server.js';
import { parseCommandLine, usageError } from './args.js';

const HELP = `Usage: npm run bench:explore -- [--url URL | --database-url URL] [--runs N]

Opens each view of the explorer (/explore) in headless Chromium, N times on a fresh page load, and
reports the browser's own timing: from the start of the navigation to the view drawn (the page's
performance mark explore:ready), the one GraphQL request's duration (Resource Timing), and the
GraphQL answer's size. The first load of all, with nothing cached, is reported on its own line.

The views: the conflicts, the most covered conflict, its most named actor, its most named place, the
newest article, the search of all articles, and that search narrowed to the conflict.

Options:
  --url URL            measure a running server (npm start in another shell; the seed corpus)
  --database-url URL   start the server on this Postgres database instead (default: BENCH_DATABASE_URL,
                       else postgres://postgres@127.0.0.1:5432/bench, the 100,000 articles of npm run bench)
  --runs N             loads per view (default 5)
  -h, --help           this text

Chromium: CHROMIUM_PATH, else /usr/bin/chromium.`;


interface Sample {
  readyMs: number;
  graphqlMs: number;
  graphqlBytes: number;
  graphqlRequests: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const max = (values: number[]) => Math.max(...values);

async function views(origin: string): Promise<[string, string][]> {
  const post = async (query: string) => {
    const response = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (!body.data) throw new Error(`the server refused the benchmark's set-up query: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const data = await post(`{ conflicts(first: 1, orderBy: ARTICLE_COUNT) { edges { node { slug network(first: 1) { nodes { actor { slug } } } linkedPlaces(first: 1) { place { key } } } } }
    articles(first: 1) { edges { node { externalId } } } }`);
  const conflict = data.conflicts.edges[0]?.node;
  const article = data.articles.edges[0]?.node;
  if (!conflict || !article) throw new Error('the corpus has no articles: ingest some first (see the README)');
  const actor = conflict.network.nodes[0]?.actor.slug ?? 'united-states';
  return [
    ['conflicts', ''],
    ['conflict', `#/conflict/${conflict.slug}`],
    ['actor', `#/actor/${actor}`],
    ...(conflict.linkedPlaces[0] ? [['place', `#/place/${encodeURIComponent(conflict.linkedPlaces[0].place.key)}`] as [string, string]] : []),
    ['article', `#/article/${encodeURIComponent(article.externalId)}`],
    ['search', '#/search'],
    ['search+facet', `#/search?conflict=${conflict.slug}`],
  ];
}

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    script: 'bench:explore',
    help: HELP,
    positionals: false,
    options: { url: { type: 'string' }, 'database-url': { type: 'string' }, runs: { type: 'string' } },
  });
  const runs = Number(values.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1) usageError({ script: 'bench:explore', help: HELP }, `--runs must be a whole number ≥ 1, got "${values.runs}"`);
  let server: RunningServer | null = null;
  let origin = values.url?.replace(/\/$/, '');
  if (!origin) {
    const databaseUrl = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bench';
    console.log(`starting the server on ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')} …`);
    server = await startServer(databaseUrl);
    origin = server.origin;
  }
  const profile = mkdtempSync(join(tmpdir(), 'bench-explore-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const load = async (hash: string): Promise<Sample> => {
      await page.goto('about:blank');
      await page.goto(`${origin}/explore${hash}`);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
      if (await page.locator('.error').count()) throw new Error(`${hash || 'the landing page'} shows an error: ${await page.locator('.error').innerText()}`);
      return page.evaluate(() => {
        const ready = performance.getEntriesByName('explore:ready', 'mark')[0];
        const graphql = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/graphql')) as PerformanceResourceTiming[];
        return {
          readyMs: ready?.startTime ?? NaN,
          graphqlMs: graphql.reduce((sum, entry) => sum + entry.duration, 0),
          graphqlBytes: graphql.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
          graphqlRequests: graphql.length,
        };
      });
    };
    const list = await views(origin);
    const cold = await load(list[0]![1]);
    console.log(`\n${origin}/explore, ${runs} loads per view (ms from the navigation's start; the browser's own timing)\n`);
    console.log(`first load, nothing cached: ready ${cold.readyMs.toFixed(0)} ms (GraphQL ${cold.graphqlMs.toFixed(0)} ms)\n`);
    console.log('view           ready p50   ready max   GraphQL p50   answer bytes   requests');
    for (const [name, hash] of list) {
      const samples: Sample[] = [];
      for (let i = 0; i < runs; i += 1) samples.push(await load(hash));
      const ready = samples.map((sample) => sample.readyMs);
      console.log(
        `${name.padEnd(14)} ${median(ready).toFixed(0).padStart(9)}   ${max(ready).toFixed(0).padStart(9)}   ${median(samples.map((s) => s.graphqlMs)).toFixed(0).padStart(11)}   ${String(samples[0]!.graphqlBytes).padStart(12)}   ${String(max(samples.map((s) => s.graphqlRequests))).padStart(8)}`,
      );
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    await server?.stop();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench:explore: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
