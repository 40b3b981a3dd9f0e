import { randomBytes } from 'node:crypto';
import { ask, spread, tally, type Answer, type Fetch } from './load.js';
import { sleep } from './processes.js';
import type { StallProxy } from './stall-proxy.js';

const LOOKUP = 'query ($externalId: String!) { article(externalId: $externalId) { id title } }';
const COUNT = '{ articles(first: 1) { totalCount } }';
const UNRELATED = 'query ($slug: String!) { actor(slug: $slug) { id name } }';
const INGEST = 'mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { status article { id } } }';

const ARTICLE = `date 2022-05 Oekraïne meldt nieuwe Russische aanvallen; president Vladimir Poetin spreekt van een succes.

De NAVO roept Moskou op de troepen terug te trekken.

bron: Belga`;

export interface RedisStallOptions {
  /** The server under test, whose response cache reaches Redis through `proxy`. */
  origin: string;
  /** How to reach it: `fetch` for a listener, or the app's own fetch handler. */
  fetch?: Fetch | undefined;
  proxy: StallProxy;
  writeToken: string;
  /** How long Redis hangs. */
  stallMs: number;
  /** How long after Redis answers again the answers are watched. */
  watchMs: number;
}

export interface RedisStallFigures {
  /** Queries answered while Redis hung: how long they took, their codes, and how many passed the cache by. */
  duringStall: { medianMs: number; maxMs: number; answers: number; codes: Record<string, number>; bypassed: number };
  /** The ingest of a new article while Redis hung. */
  ingest: { ms: number; status: string | null };
  /** Answers after Redis came back that still showed the corpus before the ingest (article null, old count). */
  staleAfter: number;
  /** Answers after Redis came back, and whether the last one was fresh. */
  watched: number;
  freshAtEnd: boolean;
  /** From Redis answering again to the first fresh answer served from the cache (a hit); null when none. */
  cachedAgainMs: number | null;
}

/**
 * The response cache's Redis hangs (the proxy stops forwarding, connections stay open) while
 * queries run and an article is ingested; an answer cached before (the article's lookup: null;
 * the article count) must not be served once Redis is back, and no request should wait on the
 * hung Redis for long.
 */
export async function redisStallScenario(options: RedisStallOptions): Promise<RedisStallFigures> {
  const externalId = `chaos_${randomBytes(4).toString('hex')}`;
  const send = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    ask(options.origin, { query, variables, headers }, 30_000, options.fetch);
  const lookup = () => send(LOOKUP, { externalId });
  const count = () => send(COUNT);

  // Cached before the stall: the lookup of an article not there yet, and the count of articles.
  let before = 0;
  for (let i = 0; i < 2; i += 1) {
    const [found, counted] = [await lookup(), await count()];
    if (found.body?.data?.article !== null || typeof counted.body?.data?.articles?.totalCount !== 'number') {
      throw new Error(`unexpected answers before the stall: ${JSON.stringify([found.body, counted.body])}`);
    }
    before = counted.body.data.articles.totalCount;
    if (i === 1 && (found.cache !== 'hit' || counted.cache !== 'hit')) {
      throw new Error(`the response cache does not answer before the stall (x-response-cache ${found.cache}, ${counted.cache})`);
    }
  }

  options.proxy.stall();
  const stalledAt = performance.now();
  const during: Answer[] = [];
  let ingest: RedisStallFigures['ingest'] = { ms: 0, status: null };
  const queries = (async () => {
    while (performance.now() - stalledAt < options.stallMs) during.push(await send(UNRELATED, { slug: 'taliban' }));
  })();
  await sleep(options.stallMs / 3);
  const written = await send(INGEST, { input: { externalId, text: ARTICLE } }, { authorization: `Bearer ${options.writeToken}` });
  ingest = { ms: written.endedAt - written.startedAt, status: written.body?.data?.ingestArticle?.status ?? JSON.stringify(written.body) };
  await queries;
  options.proxy.resume();
  const resumedAt = performance.now();

  let staleAfter = 0;
  let watched = 0;
  let fresh = false;
  let cachedAgainMs: number | null = null;
  while (performance.now() - resumedAt < options.watchMs) {
    const [found, counted] = [await lookup(), await count()];
    watched += 2;
    const foundFresh = found.body?.data?.article != null;
    const countFresh = counted.body?.data?.articles?.totalCount === before + 1;
    staleAfter += (foundFresh ? 0 : 1) + (countFresh ? 0 : 1);
    fresh = foundFresh && countFresh;
    if (cachedAgainMs === null && fresh && found.cache === 'hit') cachedAgainMs = found.endedAt - resumedAt;
    await sleep(50);
  }
  const { median, max } = spread(during.map((answer) => answer.endedAt - answer.startedAt));
  return {
    duringStall: { medianMs: median, maxMs: max, answers: during.length, codes: tally(during), bypassed: during.filter((answer) => answer.cache === 'bypass').length },
    ingest,
    staleAfter,
    watched,
    freshAtEnd: fresh,
    cachedAgainMs,
  };
}
