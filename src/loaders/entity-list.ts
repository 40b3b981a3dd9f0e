import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import { actorColumns, conflictColumns, statusIn, type ActorRow, type ConflictRow, type ListedStatus } from './rows.js';

/** Actors and conflicts are listed by name, the id breaking ties. */
export const NAME_KEY: KeyPart[] = ['text', 'int'];

export interface ActorQuery {
  kinds: ActorRow['kind'][] | null;
  statuses: ListedStatus[];
}

function actorCondition(query: ActorQuery) {
  return sql`${statusIn('a', query.statuses)} and ${kindCondition(query)}`;
}

function kindCondition(query: ActorQuery) {
  return query.kinds?.length
    ? sql`a.kind in (${sql.join(
        query.kinds.map((kind) => sql`${kind}::actor_kind`),
        sql`, `,
      )})`
    : sql`true`;
}

export async function listActors(db: Db, query: ActorQuery, page: Page): Promise<ActorRow[]> {
  const { where, orderBy } = keyset(page, [sql`a.name`, sql`a.id`], 'asc');
  return selectRows<ActorRow>(
    db,
    sql`select ${actorColumns('a')} from actors a where ${actorCondition(query)} and ${where}
        order by ${orderBy} limit ${page.limit + 1}`,
  );
}

export async function countActors(db: Db, query: ActorQuery): Promise<number> {
  const [row] = await selectRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from actors a where ${actorCondition(query)}`,
  );
  return row?.count ?? 0;
}

export async function listConflicts(db: Db, page: Page): Promise<ConflictRow[]> {
  const { where, orderBy } = keyset(page, [sql`c.name`, sql`c.id`], 'asc');
  return selectRows<ConflictRow>(
    db,
    sql`select ${conflictColumns('c')} from conflicts c where ${where} order by ${orderBy} limit ${page.limit + 1}`,
  );
}

export async function countConflicts(db: Db): Promise<number> {
  const [row] = await selectRows<{ count: number }>(db, sql`select count(*)::int as count from conflicts`);
  return row?.count ?? 0;
}
