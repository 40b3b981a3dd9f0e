import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { column, enumValue, table } from '../src/db/raw-sql.js';
import { actors, actorStatus, entityKind } from '../src/db/schema.js';

const text = (query: ReturnType<typeof sql>) => new PgDialect().sqlToQuery(query).sql;

describe('names and values in raw SQL from the Drizzle schema', () => {
  it('writes a table and its columns as the schema names them, plain names bare', () => {
    expect(text(sql`select ${column(actors.nameNl)} from ${table(actors)}`)).toBe('select "name_nl" from actors');
  });

  it('writes an enum value as a literal, so statements read as before in logs and plans', () => {
    expect(text(sql`where status <> ${enumValue(actorStatus, 'REJECTED')} and k = ${enumValue(entityKind, 'ACTOR')}`)).toBe(
      "where status <> 'REJECTED' and k = 'ACTOR'",
    );
  });

  it('refuses a value the enum does not hold (a compile error too, when written out)', () => {
    const forged = 'DELETED' as (typeof actorStatus.enumValues)[number];
    expect(() => enumValue(actorStatus, forged)).toThrow('"DELETED" is not a value of this enum');
  });
});
