import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdmissionGate, RefusalPace } from '../src/http/admission.js';
import { postgresUrl } from './helpers/db.js';
import { createScratchDatabase, type ScratchDatabase } from './helpers/scratch-db.js';
import { postGraphQL, servingAt, spawnServer, type Posted, type ServerProcess } from './helpers/server.js';

/** 20 actors × 50 articles: cost about 1,000, over half the test server's budget of 1,500. */
const HEAVY = '{ actors(first: 20) { edges { node { name articles(first: 50) { edges { node { title } } } } } } }';
/** One actor by slug: cheap, outside the budget, and on a table the heavy requests do not wait for. */
const SMALL = '{ actor(slug: "russia") { name } }';
/** The attack: 70 actors × 100 articles with their bodies, well within the cost limit. */
const HUGE = '{ actors(first: 70) { edges { node { name articles(first: 100) { edges { node { title body } } } } } } }';

/** Fails (instead of hanging the test) when no answer comes within `ms`. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('unit: the admission gate', () => {
  it('lets a client alone use the whole budget, and hold no more than its share while another client waits', async () => {
    const gate = new AdmissionGate({ budget: 100, clientShare: 0.5, freeCost: 0, queueLength: 8, queueWaitMs: 10_000, maxAnswerBytes: 1 });
    const first = await gate.acquire('a', 40);
    // Alone, a client goes past its share of 50.
    const second = await gate.acquire('a', 40);
    expect(second).toBeTypeOf('function');
    expect(gate.inFlight).toBe(80);
    // Another client's request does not fit beside the 80: it waits …
    const other = gate.acquire('b', 40);
    // … and while it waits, the first client gets nothing beyond its share, though 20 units are free
    // (it gives up waiting after 50 ms).
    expect(await gate.acquire('a', 10, AbortSignal.timeout(50))).toBeNull();
    // Room given back goes to the waiting client.
    first!();
    expect(await other).toBeTypeOf('function');
    expect(gate.inFlight).toBe(80);
  });
});

describe('unit: pacing a client that repeats refused requests', () => {
  it('answers a client’s first refusals in a second at once and holds back the rest, never an in-process caller', () => {
    const pace = new RefusalPace(3, 1_000);
    expect([1, 2, 3, 4, 5].map(() => pace.pauseFor('10.0.0.1'))).toEqual([0, 0, 0, 1_000, 1_000]);
    // Another client has its own count.
    expect(pace.pauseFor('10.0.0.2')).toBe(0);
    expect([1, 2, 3, 4, 5].map(() => pace.pauseFor(null))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe.skipIf(!postgresUrl)('admission and cancellation on a real server (Postgres)', () => {
  let database: ScratchDatabase;
  let server: ServerProcess;
  let base: string;

  beforeAll(async () => {
    database = await createScratchDatabase('admission', { prepared: true });
    server = spawnServer({
      DATABASE_URL: database.url,
      // Long enough that only a cancellation, not the timeout, ends a statement within the test.
      STATEMENT_TIMEOUT_MS: '60000',
      ADMISSION_BUDGET: '1500',
      ADMISSION_CLIENT_SHARE: '1',
      ADMISSION_FREE_COST: '50',
      ADMISSION_QUEUE_MS: '500',
    });
    base = await servingAt(server);
  }, 120_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.drop();
  });

  /**
   * Holds an exclusive lock on an index of articles until the returned function is called: a
   * statement reading articles waits when it is planned, that is while it runs (a lock on the
   * table itself would stop it while Postgres parses it, before it runs).
   */
  async function lockArticles(): Promise<() => Promise<void>> {
    let unlock!: () => void;
    const released = new Promise<void>((resolve) => (unlock = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const transaction = database.sql.begin(async (tx) => {
      await tx`reindex index articles_pkey`;
      locked();
      await released;
    });
    await isLocked;
    return async () => {
      unlock();
      await transaction;
    };
  }

  /** The server's statements on this database that wait for or hold a lock on articles, as pg_stat_activity shows them. */
  async function serverStatementsOnArticles(): Promise<string[]> {
    const rows = await database.sql<{ query: string }[]>`
      select query from pg_stat_activity
      where datname = ${database.name} and application_name = 'conflict-news-graphql'
        and state = 'active' and query ilike '%articles%'`;
    return rows.map((row) => row.query);
  }

  async function waitUntil(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms; the server's statements on articles: ${JSON.stringify(await serverStatementsOnArticles())}`);
      await sleep(100);
    }
  }

  it('refuses an answer the cost model predicts too large, before running it', async () => {
    const answer = await postGraphQL(base, HUGE);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(answer.body.errors[0].extensions.predictedBytes).toBeGreaterThan(answer.body.errors[0].extensions.maxBytes);
    expect(answer.body.errors[0].message).toMatch(/answer would be too large/);
  });

  it('refuses heavy requests beyond the budget with SERVER_BUSY, and answers small ones meanwhile', async () => {
    const unlock = await lockArticles();
    const answered: Posted[] = [];
    let heavy: Promise<Posted>[] = [];
    try {
      heavy = Array.from({ length: 12 }, () => postGraphQL(base, HEAVY).then((answer) => (answered.push(answer), answer)));
      // One heavy request runs (and waits for the lock); the others find no room in the budget.
      await waitUntil('11 of 12 heavy requests answered while one runs', async () => answered.length >= 11, 20_000);
      expect(answered).toHaveLength(11);
      for (const answer of answered) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(answer.body.errors[0].extensions.code).toBe('SERVER_BUSY');
      }
      const small = await within(20_000, 'a small request while a heavy one runs', postGraphQL(base, SMALL));
      expect(small.status).toBe(200);
      expect(small.body.data.actor.name).toBeTruthy();
      const probe = await within(20_000, 'a { __typename } probe', postGraphQL(base, '{ __typename }'));
      expect(probe.body.data).toEqual({ __typename: 'Query' });
    } finally {
      await unlock();
    }
    const all = await within(30_000, 'the admitted heavy request', Promise.all(heavy));
    const admitted = all.filter((answer) => answer.status === 200);
    expect(admitted).toHaveLength(1);
    expect(admitted[0]!.body.data.actors.edges.length).toBeGreaterThan(0);
  }, 90_000);

  it('cancels the statements of a request whose client went away', async () => {
    const unlock = await lockArticles();
    try {
      const aborter = new AbortController();
      const request = fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: HEAVY }),
        signal: aborter.signal,
      }).catch(() => null);
      await waitUntil('the request’s statement waiting in Postgres', async () => (await serverStatementsOnArticles()).length > 0);
      aborter.abort();
      await request;
      await waitUntil('no statement of the abandoned request left in Postgres', async () => (await serverStatementsOnArticles()).length === 0, 10_000);
      // The server goes on answering after the cancellation.
      const after = await within(20_000, 'a request after the cancellation', postGraphQL(base, SMALL));
      expect(after.body.data.actor.name).toBeTruthy();
    } finally {
      await unlock();
    }
  }, 90_000);
});
