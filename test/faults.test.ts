import { connect, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { reasonOf } from '../src/startup.js';
import { contractOperation } from './helpers/contract.js';
import { openTestDatabase, postgresUrl } from './helpers/db.js';
import { createScratchDatabase, postgresAddress, type ScratchDatabase } from './helpers/scratch-db.js';
import { freePort, listeningAt, logEvents, postGraphQL, servingAt, spawnServer, type ServerProcess } from './helpers/server.js';

const PASSWORD = 'not-a-real-password-31337';
/** What a client must never see of a database failure. */
const DRIVER_TEXT = /terminat|administrator|postgres|57P0|ECONN|CONNECTION_|relation|select |\.ts:\d+/i;

const traversal = contractOperation('ConflictTraversal');

/** A plain TCP relay to the test Postgres, so "unreachable" can become "reachable" on the same port. */
async function relayToPostgres(port: number): Promise<Server> {
  const target = postgresAddress();
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  relay.on('close', () => sockets.forEach((socket) => socket.destroy()));
  await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
  return relay;
}

async function ready(base: string): Promise<number> {
  return (await fetch(`${base}/ready`)).status;
}

describe('start-up while the database is unreachable', () => {
  const servers: ServerProcess[] = [];
  afterAll(() => servers.forEach((server) => server.child.kill('SIGKILL')));

  it('listens at once: /health 200, /ready 503, GraphQL 503 with a clean error, and retries with growing pauses', async () => {
    const port = await freePort();
    const server = spawnServer({ DATABASE_URL: `postgres://app:${PASSWORD}@127.0.0.1:${port}/conflicts` });
    servers.push(server);
    const base = await listeningAt(server);

    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(await ready(base)).toBe(503);
    const early = await postGraphQL(base, traversal, { conflicts: 1, articles: 1 });
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('5');
    expect(early.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: early.headers.get('x-request-id') });

    const [first] = await server.waitFor(/^.*Attempt 1 failed.*$/m);
    expect(first).toContain(`Database Postgres at postgres://app:***@127.0.0.1:${port}/conflicts is not reachable`);
    expect(first).toContain('ECONNREFUSED');
    expect(first).toContain('trying again in 0.5 s');
    expect(await server.waitFor(/Attempt 2 failed.*trying again in 1 s/)).toBeTruthy();
    expect(await server.waitFor(/Attempt 3 failed.*trying again in 2 s/)).toBeTruthy();

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).not.toContain(PASSWORD);
  }, 90_000);

  it('gives up after DATABASE_CONNECT_ATTEMPTS with one clear line and exit code 1', async () => {
    const port = await freePort();
    const server = spawnServer({ DATABASE_URL: `postgres://app:${PASSWORD}@127.0.0.1:${port}/conflicts`, DATABASE_CONNECT_ATTEMPTS: '2' });
    servers.push(server);
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(
      new RegExp(`Database Postgres at postgres://app:\\*\\*\\*@127\\.0\\.0\\.1:${port}/conflicts is not reachable: .*ECONNREFUSED.*Gave up after 2 attempts`),
    );
    expect(server.output()).not.toContain(PASSWORD);
    // The last line is a JSON log event like every other, at level fatal.
    const events = logEvents(server.output());
    expect(events.at(-1)).toMatchObject({ level: 'fatal', msg: expect.stringContaining('Gave up after 2 attempts') });
  }, 90_000);
});

describe('the reason a start-up attempt failed', () => {
  it("is the driver's own message and code in one short line, not the wrapper's statement", async () => {
    const database = await openTestDatabase('pglite', { seed: false });
    try {
      const error = await database.database.db.execute(sql`select *\nfrom no_such_table`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String(error)).toContain('no_such_table');
      expect(reasonOf(error)).toBe('relation "no_such_table" does not exist (42P01)');
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(!postgresUrl)('faults on a real Postgres', () => {
  const servers: ServerProcess[] = [];
  const databases: ScratchDatabase[] = [];
  const relays: Server[] = [];
  afterAll(async () => {
    servers.forEach((server) => server.child.kill('SIGKILL'));
    relays.forEach((relay) => relay.close());
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('serves once Postgres becomes reachable, and on SIGTERM finishes the request in flight', async () => {
    const database = await createScratchDatabase('faults', { prepared: true });
    databases.push(database);
    const port = await freePort();
    const server = spawnServer({ DATABASE_URL: database.urlVia({ port, password: PASSWORD }) });
    servers.push(server);
    const base = await listeningAt(server);
    await server.waitFor(/Attempt 2 failed/);
    expect(await ready(base)).toBe(503);

    relays.push(await relayToPostgres(port));
    await servingAt(server);
    expect(await ready(base)).toBe(200);
    const served = await postGraphQL(base, traversal, { conflicts: 3, articles: 2 });
    expect(served.body.errors, server.output()).toBeUndefined();
    expect(served.body.data.conflicts.edges).toHaveLength(3);

    // Hold a lock so the next request waits inside the database, then ask the server to stop.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = database.sql.begin(async (tx) => {
      await tx`lock table articles in access exclusive mode`;
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    const inFlight = postGraphQL(base, traversal, { conflicts: 3, articles: 2 });
    for (let waiting = 0; waiting === 0; await sleep(100)) {
      [{ waiting }] = await database.sql<[{ waiting: number }]>`
        select count(*)::int as waiting from pg_stat_activity
        where application_name = 'conflict-news-graphql' and datname = ${database.name} and wait_event_type = 'Lock'`;
    }
    const exited = server.stop('SIGTERM');
    await server.waitFor(/SIGTERM: finishing requests in flight/);
    await sleep(500);
    expect(server.child.exitCode).toBeNull();
    await expect(fetch(`${base}/health`)).rejects.toThrow();
    release();
    await holding;
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(finished.body.errors, server.output()).toBeUndefined();
    expect(await exited).toBe(0);
    expect(server.output()).not.toContain(PASSWORD);
  }, 150_000);

  it('answers cleanly while its connections are terminated, and recovers by itself', async () => {
    const database = await createScratchDatabase('faults', { prepared: true });
    databases.push(database);
    const server = spawnServer({ DATABASE_URL: database.url });
    servers.push(server);
    const base = await servingAt(server);
    const pid = server.child.pid;

    const victims: number[] = [];
    const terminate = async () => {
      // In the select list, the function runs for the rows the filter kept only.
      const rows = await database.sql<{ pid: number; terminated: boolean }[]>`
        select pid, pg_terminate_backend(pid) as terminated from pg_stat_activity
        where application_name = 'conflict-news-graphql' and datname = ${database.name}`;
      const terminated = rows.filter((row) => row.terminated).map((row) => row.pid);
      victims.push(...terminated);
      return terminated.length;
    };

    const answers: Awaited<ReturnType<typeof postGraphQL>>[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        answers.push(
          await postGraphQL(base, traversal, { conflicts: 5, articles: 3 }).catch((error: Error) => {
            throw new Error(`the server dropped a request (${error.cause ?? error}):\n${server.output()}`);
          }),
        );
      }
    };
    const clients = Array.from({ length: 6 }, client);
    let terminated = 0;
    for (let round = 0; round < 8; round += 1) {
      await sleep(250);
      terminated += await terminate();
    }
    running = false;
    await Promise.all(clients);

    expect(terminated).toBeGreaterThan(0);
    expect(answers.length).toBeGreaterThan(0);
    const failures = answers.filter((answer) => answer.status !== 200 || answer.body.errors);
    for (const failure of failures) {
      expect(failure.status).toBe(200);
      expect(JSON.stringify(failure.body)).not.toMatch(DRIVER_TEXT);
      for (const error of failure.body.errors) {
        expect(['DATABASE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']).toContain(error.extensions.code);
        expect(error.extensions.requestId).toBe(failure.headers.get('x-request-id'));
        // The real error went to the server's log under the same id.
        expect(server.output()).toMatch(new RegExp(`"level":"error".*"requestId":"${error.extensions.requestId}"`));
      }
    }

    // pg_terminate_backend only signals: on a busy machine a backend may go some time after the
    // last round, failing the request that meets it then. Recovery is judged once they are gone.
    for (let wait = 0; wait < 100; wait += 1) {
      const [{ alive }] = await database.sql<[{ alive: number }]>`
        select count(*)::int as alive from pg_stat_activity where pid = any(${victims}::int[])`;
      if (alive === 0) break;
      await sleep(100);
    }

    // Without a restart: the same process answers every request again, ten in a row. (A pooled
    // connection can still fail one request after the others are clean: see the session note of
    // issue 5; the failure is clean, as above, and the pool replaces the connection.)
    let streak = 0;
    let lastErrors: unknown = null;
    for (let attempt = 0; attempt < 100 && streak < 10; attempt += 1) {
      const answer = await postGraphQL(base, traversal, { conflicts: 5, articles: 3 });
      if (answer.status === 200 && !answer.body.errors) {
        streak += 1;
      } else {
        streak = 0;
        lastErrors = answer.body.errors;
        await sleep(200);
      }
    }
    expect(streak, `${JSON.stringify(lastErrors)}\n${server.output()}`).toBe(10);
    expect(await ready(base)).toBe(200);
    expect(server.child.pid).toBe(pid);
    expect(server.child.exitCode).toBeNull();
    console.log(`terminated ${terminated} connections; ${answers.length} answers, ${failures.length} failed cleanly`);
  }, 150_000);
});
