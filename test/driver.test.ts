import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { isConnectionLost } from '../src/db/errors.js';
import { isReadOnlyStatement, malformedResult } from '../src/db/in-flight.js';
import { col, selectRows } from '../src/db/rows.js';
import { postgresUrl } from './helpers/db.js';
import { createScratchDatabase, type ScratchDatabase } from './helpers/scratch-db.js';

if (!postgresUrl) console.warn('driver.test.ts: TEST_DATABASE_URL is not set, so lost connections are not tested.');

/** 4,000 rows that take about a second to come: long enough to be cut off mid-stream on a busy machine. */
const SLOW_ROWS = `select g, repeat('x', 200) as pad, pg_sleep(case when g % 400 = 0 then 0.1 else 0 end)
  from generate_series(1, 4000) g`;
/** Its columns: pg_sleep gives a void value, read as nothing in particular. */
const SLOW_ROW = { g: col.int, pad: col.text, pg_sleep: col.nullable(col.json) };
const SLOW_TEST_MS = 90_000;

/** Terminates, once, the first backend of `database` running a statement that contains `marker`. */
async function terminateWhenRunning(admin: postgres.Sql, database: string, marker: string): Promise<number> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const [row] = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity
      where datname = ${database} and state = 'active' and query like ${`%${marker}%`} and pid <> pg_backend_pid()
      limit 1`;
    if (row) {
      await admin`select pg_terminate_backend(${row.pid})`;
      return row.pid;
    }
    await sleep(5);
  }
  throw new Error(`no statement with ${marker} ran in ${database}`);
}

describe.skipIf(!postgresUrl)('a connection terminated in the middle of a result', () => {
  let scratch: ScratchDatabase;
  let admin: postgres.Sql;
  beforeAll(async () => {
    scratch = await createScratchDatabase('driver');
    admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end();
    await scratch?.drop();
  });

  it('leaves the driver clean: the next statements on a pool of one answer whole rows', async () => {
    const client = postgres(scratch.url, { max: 1, onnotice: () => {} });
    try {
      for (let round = 0; round < 3; round += 1) {
        const killed = client.unsafe(`${SLOW_ROWS} -- driver-round-${round}`);
        const [outcome] = await Promise.all([
          killed.then(() => 'answered', (error: { code?: string }) => error.code),
          terminateWhenRunning(admin, scratch.name, `driver-round-${round}`),
        ]);
        expect(outcome).not.toBe('answered');
        for (let i = 0; i < 2; i += 1) {
          const rows = await client.unsafe('select g from generate_series(1, 3) g');
          expect([...rows]).toEqual([{ g: 1 }, { g: 2 }, { g: 3 }]);
        }
      }
    } finally {
      await client.end({ timeout: 5 });
    }
  }, SLOW_TEST_MS);

  describe('through the application database', () => {
    let database: Database;
    beforeAll(async () => {
      database = await openDatabase({ url: scratch.url, maxConnections: 1 });
      await database.db.execute(sql.raw('create table if not exists notes (id int generated always as identity primary key, body text)'));
    });
    afterAll(() => database?.close());
    beforeEach(() => database.db.execute(sql`delete from notes`));

    it('sends a read-only statement once more and answers it whole', async () => {
      const [rows] = await Promise.all([
        selectRows(database.db, sql.raw(`${SLOW_ROWS} -- retried-read`), SLOW_ROW),
        terminateWhenRunning(admin, scratch.name, 'retried-read'),
      ]);
      expect(rows).toHaveLength(4000);
      expect(rows.every((row, i) => row.g === i + 1)).toBe(true);
      const [after] = await selectRows(database.db, sql`select 41 + 1 as n`, { n: col.int });
      expect(after).toEqual({ n: 42 });
    }, SLOW_TEST_MS);

    it('gives up on a read that loses its connection twice, with the connection error', async () => {
      const reading = selectRows(database.db, sql.raw(`${SLOW_ROWS} -- twice-lost`), SLOW_ROW);
      const outcome = reading.then(() => 'answered', (error: unknown) => (isConnectionLost(error) ? 'connection lost' : error));
      await terminateWhenRunning(admin, scratch.name, 'twice-lost');
      await sleep(50);
      await terminateWhenRunning(admin, scratch.name, 'twice-lost');
      expect(await outcome).toBe('connection lost');
    }, SLOW_TEST_MS);

    it('never sends a write twice', async () => {
      const write = sql.raw(`insert into notes (body) select 'once' from (${SLOW_ROWS}) slow where g = 4000 -- single-write`);
      const outcome = database.db.execute(write).then(() => 'answered', (error: unknown) => (isConnectionLost(error) ? 'connection lost' : error));
      await terminateWhenRunning(admin, scratch.name, 'single-write');
      expect(await outcome).toBe('connection lost');
      await sleep(200);
      const [count] = await selectRows(database.db, sql`select count(*)::int as n from notes`, { n: col.int });
      expect(count).toEqual({ n: 0 });
    }, SLOW_TEST_MS);

    it('never sends a statement of a transaction again: the transaction fails whole', async () => {
      const outcome = database.db
        .transaction(async (tx) => {
          await tx.execute(sql`insert into notes (body) values ('in a transaction')`);
          await tx.execute(sql.raw(`${SLOW_ROWS} -- in-transaction`));
        })
        .then(() => 'committed', (error: unknown) => (isConnectionLost(error) ? 'connection lost' : error));
      await terminateWhenRunning(admin, scratch.name, 'in-transaction');
      expect(await outcome).toBe('connection lost');
      const [count] = await selectRows(database.db, sql`select count(*)::int as n from notes`, { n: col.int });
      expect(count).toEqual({ n: 0 });
    }, SLOW_TEST_MS);
  });
});

describe('what counts as a result and as a read', () => {
  it('finds holes where rows should be', () => {
    expect(malformedResult([{ a: 1 }, [1, 2]])).toBeNull();
    expect(malformedResult([])).toBeNull();
    // eslint-disable-next-line no-sparse-arrays
    expect(malformedResult([, , { g: 1 }])?.message).toBe('row 0 of 3 is undefined, not a row');
    expect(malformedResult([{ g: 1 }, null])?.message).toBe('row 1 of 2 is null, not a row');
  });

  it('sends again only statements that cannot write', () => {
    expect(isReadOnlyStatement('select * from articles where id = $1')).toBe(true);
    expect(isReadOnlyStatement('  WITH page AS (select 1) select * from page')).toBe(true);
    expect(isReadOnlyStatement('insert into articles values (1)')).toBe(false);
    expect(isReadOnlyStatement('with moved as (delete from a returning *) select * from moved')).toBe(false);
    expect(isReadOnlyStatement('select * from counters for update')).toBe(false);
    expect(isReadOnlyStatement("select nextval('articles_id_seq')")).toBe(false);
    expect(isReadOnlyStatement('select pg_advisory_xact_lock(1)')).toBe(false);
  });
});
