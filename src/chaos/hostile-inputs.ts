import { request as httpRequest } from 'node:http';
import { procStatusMb } from '../bench/server.js';

/** One hostile input and what came of it: null when the server answered as it must. */
export interface HostileCase {
  name: string;
  problem: string | null;
  ms: number;
}

export interface HostileFigures {
  cases: HostileCase[];
  /** The server's resident set size before and after all cases (MiB). */
  rssBeforeMb: number | null;
  rssAfterMb: number | null;
}

interface Reply {
  status: number;
  text: string;
  body: any;
}

async function send(origin: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let parsed: any = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: judged by the case
  }
  return { status: response.status, text, body: parsed };
}

const graphql = (origin: string, query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  send(origin, JSON.stringify({ query, variables, ...(operationName === undefined ? {} : { operationName }) }));

// A stack frame or a file path in what a client sees.
const INTERNALS = /\bat \S+ \(|\/src\/|node_modules|\.ts:\d+/;

/** Null when the reply is a BAD_USER_INPUT naming `argument` (or a place inside it), without internals. */
function refusedNaming(reply: Reply, argument: string): string | null {
  if (reply.status >= 500) return `HTTP ${reply.status}: ${reply.text.slice(0, 200)}`;
  if (INTERNALS.test(reply.text)) return `internals in the answer: ${reply.text.slice(0, 200)}`;
  const error = reply.body?.errors?.[0];
  const named = error?.extensions?.argument;
  if (error?.extensions?.code !== 'BAD_USER_INPUT') return `${String(error?.extensions?.code ?? 'no error')}: ${String(error?.message ?? reply.text).slice(0, 200)}`;
  if (named !== argument && !String(named).startsWith(`${argument}.`)) return `BAD_USER_INPUT names ${String(named)}, not ${argument}`;
  return null;
}

/** Null when the reply is data, or a BAD_USER_INPUT naming one of `arguments`. */
function answeredOrRefused(reply: Reply, ...names: string[]): string | null {
  if (reply.status < 500 && reply.body?.data && !reply.body.errors) return null;
  const problems = names.map((name) => refusedNaming(reply, name));
  return problems.includes(null) ? null : problems[0]!;
}

const cursorOf = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** GET `path` with the Host header given (fetch cannot set it). */
function getWithHost(origin: string, path: string, host: string): Promise<Reply> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, body: null }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a subscription over Server-Sent Events; resolves with the first event's text (or '' once `ms` passed without one) and the means to close it. */
async function subscribe(origin: string, ms: number): Promise<{ first: string; close: () => void }> {
  const aborter = new AbortController();
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: 'subscription { articleIngested { id } }' }),
    signal: aborter.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  // Reads on in the background until an event came; the stream stays open (it is the subscription).
  const firstEvent = (async () => {
    while (!text.includes('event: next') && !text.includes('event: complete')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  })().catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([firstEvent, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  return { first: text, close: () => aborter.abort() };
}

/**
 * The hostile inputs of issue 15, sent to a production server over HTTP: each must get a clear
 * refusal naming the input (or an answer), never an internal error, a stack or a file path, and
 * none may grow the server's memory or its /metrics by much.
 */
export async function hostileInputScenario(options: { origin: string; pid: number; subscriptionsPerClient: number }): Promise<HostileFigures> {
  const { origin } = options;
  const rssBeforeMb = procStatusMb(options.pid, 'VmRSS');
  const cases: HostileCase[] = [];
  const check = async (name: string, fn: () => Promise<string | null>) => {
    const started = performance.now();
    let problem: string | null;
    try {
      problem = await fn();
    } catch (error) {
      problem = `failed: ${(error as Error).message}`;
    }
    cases.push({ name, problem, ms: performance.now() - started });
  };

  await check('100 requests with operation names of 100 KB, then GET /metrics', async () => {
    const long = 'N'.repeat(100_000);
    for (let i = 0; i < 100; i += 1) await send(origin, JSON.stringify({ query: '{ __typename }', operationName: `Op${i}${long}` }));
    const metrics = await fetch(`${origin}/metrics`);
    const text = await metrics.text();
    if (metrics.status !== 200) return `/metrics answered ${metrics.status}`;
    if (text.length > 1_000_000) return `/metrics is ${(text.length / 1e6).toFixed(1)} MB`;
    return text.includes('N'.repeat(1_000)) ? 'a long operation name became a label' : null;
  });

  const ARTICLES = 'query F($f: ArticleFilter) { articles(first: 1, filter: $f) { totalCount } }';
  await check('a filter of 10,000 search terms', async () => {
    const filter = { or: Array.from({ length: 100 }, () => ({ or: Array.from({ length: 100 }, (_, i) => ({ search: `woord${i}` })) })) };
    return refusedNaming(await graphql(origin, ARTICLES, { f: filter }), 'filter');
  });
  await check('a filter of 70,000 actor ids', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => Buffer.from(`Actor:${i + 1}`).toString('base64'));
    const filter = { or: Array.from({ length: 100 }, () => ({ or: Array.from({ length: 7 }, () => ({ actors: { any: ids } })) })) };
    return refusedNaming(await graphql(origin, ARTICLES, { f: filter }), 'filter');
  });
  await check('an ArticleFilter nested 5,000 levels deep in variables', async () => {
    const deep = `${'{"not":'.repeat(5_000)}{"search":"x"}${'}'.repeat(5_000)}`;
    return refusedNaming(await send(origin, `{"query":${JSON.stringify(ARTICLES)},"variables":{"f":${deep}}}`), 'filter');
  });
  const nul: [string, string, string][] = [
    ['actor(slug)', 'query A($v: String) { actor(slug: $v) { id } }', 'slug'],
    ['conflict(slug)', 'query C($v: String) { conflict(slug: $v) { id } }', 'slug'],
    ['article(externalId)', 'query E($v: String) { article(externalId: $v) { id } }', 'externalId'],
  ];
  for (const [where, query, argument] of nul) {
    await check(`NUL in ${where}`, async () => refusedNaming(await graphql(origin, query, { v: 'russia\u0000' }), argument));
  }
  const NEWEST = 'query N($a: String) { articles(first: 1, after: $a) { totalCount } }';
  const forged: [string, unknown[]][] = [
    ['2^53−1', ['2024-01-01', 2 ** 53 - 1]],
    ['2024-02-30', ['2024-02-30', 1]],
    ['0000-01-01', ['0000-01-01', 1]],
    ['1e308', [1e308, 1]],
  ];
  for (const [what, key] of forged) {
    await check(`a forged cursor (${what})`, async () => refusedNaming(await graphql(origin, NEWEST, { a: cursorOf(key) }), 'after'));
  }
  await check('a forged cursor (text with NUL)', async () =>
    refusedNaming(await graphql(origin, 'query A($a: String) { actors(first: 1, after: $a) { totalCount } }', { a: cursorOf(['text\u0000', 1]) }), 'after'),
  );
  const SEARCH = 'query S($q: String!) { articles(first: 3, filter: { search: $q }) { totalCount } }';
  for (const junk of ['-!', '-(']) {
    await check(`a search of "${junk}" 500 times`, async () => answeredOrRefused(await graphql(origin, SEARCH, { q: junk.repeat(500) }), 'filter', 'q'));
  }
  await check('GraphiQL asked for by a browser in production', async () => {
    const page = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    const text = await page.text();
    return text.length > 100_000 || /graphiql/i.test(text) ? `a page of ${text.length} bytes (HTTP ${page.status})` : null;
  });
  await check('GET /metrics for another Host (DNS rebinding)', async () => {
    const reply = await getWithHost(origin, '/metrics', 'attacker.example');
    if (reply.status === 200) return 'answered 200';
    return INTERNALS.test(reply.text) ? `internals in the answer: ${reply.text.slice(0, 200)}` : null;
  });
  await check(`one client opening ${options.subscriptionsPerClient + 1} subscriptions`, async () => {
    const opened: { close: () => void }[] = [];
    try {
      for (let i = 0; i < options.subscriptionsPerClient; i += 1) {
        const subscription = await subscribe(origin, 20);
        opened.push(subscription);
        if (subscription.first.includes('TOO_MANY_SUBSCRIPTIONS')) return `refused the ${i + 1}th subscription already`;
      }
      const over = await subscribe(origin, 5_000);
      opened.push(over);
      return over.first.includes('TOO_MANY_SUBSCRIPTIONS') ? null : `the one over the share got: ${over.first.slice(0, 200) || 'nothing'}`;
    } finally {
      for (const subscription of opened) subscription.close();
    }
  });
  return { cases, rssBeforeMb, rssAfterMb: procStatusMb(options.pid, 'VmRSS') };
}
