import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectBatched, selectBatchedCount, selectCount, selectRows, tableShape, type Shape } from '../src/db/rows.js';
import { actorKind, actors } from '../src/db/schema.js';
import { actorColumns, arrayLiteral, fixedStatement } from '../src/queries/rows.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';

/** A column of each kind, and how each is read. */
const EVERY_KIND = sql`select 7::int as "int", count(*)::int as "count", 1.25::real as "real", 2.5::numeric as "numeric", ln(8) / ln(2) as "float",
           'tekst' as "text", true as "bool", date '2030-02-01' as "date", date '2030-02-01'::text as "dateText",
           '{"a": [1, 2]}'::json as "json", '[1, "x"]'::jsonb as "jsonb", null::int as "none", 3::int as "some",
           '{1,2,3}'::int[] as "ints", '{a,"b c",""}'::text[] as "texts", to_json('{4,5}'::int[]) as "jsonInts",
           'STATE'::actor_kind as "kind", '{true,null,false}'::bool[] as "bools"
    from generate_series(1, 3)`;
const EVERY_KIND_SHAPE = {
  int: col.int,
  count: col.int,
  real: col.float,
  numeric: col.float,
  float: col.float,
  text: col.text,
  bool: col.bool,
  date: col.date,
  dateText: col.date,
  json: col.jsonOf<{ a: number[] }>(),
  jsonb: col.json,
  none: col.nullable(col.int),
  some: col.nullable(col.int),
  ints: col.ints,
  texts: col.texts,
  jsonInts: col.ints,
  kind: col.oneOf(actorKind.enumValues),
  bools: col.arrayOf(col.nullable(col.bool)),
};

describe.each(backends)('typed rows on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
  });
  afterAll(() => database.close());

  it('reads each kind of column as its decoder says', async () => {
    const rows = await selectRows(database.database.db, EVERY_KIND, EVERY_KIND_SHAPE);
    expect(rows).toEqual([
      {
        int: 7,
        count: 3,
        real: 1.25,
        numeric: 2.5,
        float: 3,
        text: 'tekst',
        bool: true,
        date: '2030-02-01',
        dateText: '2030-02-01',
        json: { a: [1, 2] },
        jsonb: [1, 'x'],
        none: null,
        some: 3,
        ints: [1, 2, 3],
        texts: ['a', 'b c', ''],
        jsonInts: [4, 5],
        kind: 'STATE',
        bools: [true, null, false],
      },
    ]);
  });

  it('reads a table’s rows by the shape Drizzle’s columns give', async () => {
    const [actor] = await selectRows(
      database.database.db,
      sql`select ${actorColumns('a')} from actors a order by a.id limit 1`,
      tableShape(actors),
    );
    expect(actor).toMatchObject({ id: expect.any(Number), kind: expect.any(String), aliases: expect.any(Array) });
    expect(actorKind.enumValues).toContain(actor!.kind);
  });

  it('counts', async () => {
    expect(await selectCount(database.database.db, sql`select count(*)::int as count from generate_series(1, 4)`)).toBe(4);
    expect(await selectCount(database.database.db, sql`select 1 as count where false`)).toBe(0);
  });

  it('reads no rows as none, whatever the shape', async () => {
    expect(await selectRows(database.database.db, sql`select 1 as x where false`, { y: col.text })).toEqual([]);
  });

  const mismatches: [string, SQL, Shape, RegExp][] = [
    ['null where none may be', sql`select null::int as n`, { n: col.int }, /column "n" of row 1 is null, not an integer, in: select null::int as n/],
    ['text for an integer', sql`select 'x' as n`, { n: col.int }, /column "n" of row 1 is the string "x", not an integer/],
    ['a fraction for an integer', sql`select 1.5::float8 as n`, { n: col.int }, /is the number 1.5, not an integer/],
    ['a value outside the enum', sql`select 'PLANET' as kind`, { kind: col.oneOf(actorKind.enumValues) }, /is the string "PLANET", not one of PERSON, /],
    ['a timestamp for a date', sql`select timestamp '2030-02-01 10:00' as d`, { d: col.date }, /column "d" of row 1 is the string "2030-02-01 10:00:00", not a date/],
    ['a text in an int array', sql`select '[1, "x"]'::json as ids`, { ids: col.ints }, /column "ids" of row 1 is an array of 2 whose element 2 is the string "x", not an integer/],
    ['a column the shape lacks', sql`select 1 as a`, { a: col.int, b: col.int }, /column "b" of row 1 is no such column, not an integer/],
    ['a column the shape does not name', sql`select 1::int as a, 2 as b`, { a: col.int }, /column "b" is not in the shape, in: select 1::int as a, 2 as b/],
    ['a bad second row', sql`select x as n from (values (1), (null)) v(x)`, { n: col.int }, /column "n" of row 2 is null/],
  ];
  it.each(mismatches)('throws on %s, naming the column, the value and the statement', async (_, query, shape, message) => {
    await expect(selectRows(database.database.db, query, shape)).rejects.toThrow(message);
  });

  describe('statements sent together (selectBatched)', () => {
    const sorted = sql`select g as "n", g::text as "text", date '2030-02-01' + g as "date" from generate_series(1, 3) g order by g desc`;
    const sortedShape = { n: col.int, text: col.text, date: col.date };

    it('sends the statements of one turn as one, each with the rows, values and order it has alone', async () => {
      const db = database.database.db;
      const alone = [await selectRows(db, EVERY_KIND, EVERY_KIND_SHAPE), await selectRows(db, sorted, sortedShape)] as const;
      expect(alone[1].map((row) => row.n)).toEqual([3, 2, 1]);
      database.sqlLog.length = 0;
      const [kinds, inOrder, none, count] = await Promise.all([
        selectBatched(db, EVERY_KIND, EVERY_KIND_SHAPE),
        selectBatched(db, sorted, sortedShape),
        selectBatched(db, sql`select 1 as x where false`, { x: col.int }),
        selectBatchedCount(db, sql`select count(*)::int as count from generate_series(1, 4)`),
      ]);
      expect(database.sqlLog).toHaveLength(1);
      expect([kinds, inOrder]).toEqual(alone);
      expect(none).toEqual([]);
      expect(count).toBe(4);
    });

    it('sends a statement alone as it is', async () => {
      database.sqlLog.length = 0;
      expect(await selectBatched(database.database.db, sorted, sortedShape)).toHaveLength(3);
      expect(database.sqlLog).toEqual([expect.stringMatching(/^select g as "n"/)]);
    });

    it('fails every statement sent with one that fails, and only those', async () => {
      const db = database.database.db;
      const wave = await Promise.allSettled([selectBatched(db, sql`select 1::int as x`, { x: col.int }), selectBatched(db, sql`select 1 / 0 as x`, { x: col.int })]);
      // Drizzle wraps the driver's error (its `cause`).
      for (const result of wave) expect(result).toMatchObject({ status: 'rejected', reason: { cause: { message: expect.stringMatching(/division by zero/) } } });
      expect(await selectBatched(db, sql`select 2::int as x`, { x: col.int })).toEqual([{ x: 2 }]);
    });

    it('reads the rows by the shape as selectRows does', async () => {
      const db = database.database.db;
      const [, wrong] = await Promise.allSettled([
        selectBatched(db, sql`select 1::int as x`, { x: col.int }),
        selectBatched(db, sql`select 'x' as n`, { n: col.int }),
      ]);
      expect(wrong).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/column "n" of row 1 is the string "x", not an integer, in: select 'x' as n/) } });
    });
  });

  it('makes a fixed statement from its text rendered once and each call’s values', async () => {
    const squares = fixedStatement(['ids', 'plus'], ({ ids, plus }) =>
      sql`select x * x + ${plus}::int + ${10}::int as "n" from unnest(${ids}::int[]) as k(x) where x <> ${3}::int order by x`,
    );
    const read = (ids: number[], plus: number) => selectRows(database.database.db, squares({ ids: arrayLiteral(ids), plus }), { n: col.int });
    expect(await read([1, 2, 3, 4], 0)).toEqual([{ n: 11 }, { n: 14 }, { n: 26 }]);
    expect(await read([5], 100)).toEqual([{ n: 135 }]);
    const [first, second] = await Promise.all([
      selectBatched(database.database.db, squares({ ids: arrayLiteral([2]), plus: 1 }), { n: col.int }),
      selectBatched(database.database.db, squares({ ids: arrayLiteral([4, 3]), plus: 2 }), { n: col.int }),
    ]);
    expect([first, second]).toEqual([[{ n: 15 }], [{ n: 28 }]]);
  });

  it('takes an int8 on Postgres only when cast to int', async () => {
    const uncast = selectRows(database.database.db, sql`select count(*) as n from generate_series(1, 2)`, { n: col.int });
    // PGlite gives int8 as a number, postgres.js as a string: the SQL casts counts ::int.
    if (backend === 'postgres') await expect(uncast).rejects.toThrow(/the string "2", not an integer \(is it a bigint\? cast it ::int\)/);
    else expect(await uncast).toEqual([{ n: 2 }]);
  });
});
