import { connect, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { reasonOf } from '../src/server-startup.js';
import { contractOperation } from './helpers/contract.js';
import { postgresUrl } from './helpers/db.js';
import { createScratchDatabase, postgresAddress, type ScratchDatabase } from './helpers/scratch-db.js';
import { freePort, listeningAt, logEvents, postGraphQL, servingAt, spawnServer, type ServerProcess } from './helpers/server.js';

const PASSWORD = 'not-a-real-password-31337';

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
    const database = await openDatabase({});
    try {
      const error = await database.db.execute(sql`select *\nfrom no_such_table`).then(
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
    const database = await createScratchDatabase('faults');
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
});
