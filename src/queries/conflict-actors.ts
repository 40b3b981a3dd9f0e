import { sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { enumType, table } from '../db/raw-sql.js';
import { col, selectBatched, tableShape } from '../db/rows.js';
import { actors, conflictActorCounts, conflictActors, conflictRole, conflicts } from '../db/schema.js';
import type { Kind } from '../kinds.js';
import { keyset, type KeyPart, type Page } from './keyset.js';
import {
  actorColumns,
  actorShape,
  conflictColumns,
  conflictShape,
  entityFieldColumns,
  groupedInKeyOrder,
  intArray,
  statementPerVariant,
  withFields,
  type ActorFields,
  type ActorRow,
  type ConflictRole,
  type ConflictRow,
} from './rows.js';

/** An actor's part in a conflict, with how the conflict's articles cover it. */
export interface ConflictActorRow {
  conflictId: number;
  role: ConflictRole;
  side: string | null;
  articleCount: number;
  mentionCount: number;
  firstArticleOn: string | null;
  lastArticleOn: string | null;
  actor: ActorRow;
}

/** Which parties of a conflict to list. */
export interface PartyFilter {
  role: ConflictRole | null;
  side: string | null;
}

const ROLE = col.oneOf(conflictRole.enumValues);
const ca = alias(conflictActors, 'ca');
const a = alias(actors, 'a');
const c = alias(conflicts, 'c');
const m = alias(conflictActorCounts, 'm');

function partyCondition(filter: PartyFilter) {
  return sql`${filter.role ? sql`${ca.role} = ${filter.role}::${enumType(conflictRole)}` : sql`true`}
    and ${filter.side ? sql`lower(${ca.side}) = lower(${filter.side})` : sql`true`}`;
}

/** A conflict an actor takes part in, with its role there. */
export interface ActorConflictRow {
  actorId: number;
  role: ConflictRole;
  side: string | null;
  conflict: ConflictRow;
}

/** Parties of a conflict are listed by role (belligerents first), then by name. */
export const CONFLICT_ACTOR_KEY: KeyPart[] = ['conflict_role', 'text', 'int'];
/** The conflicts of an actor are listed by name, then by role. */
export const ACTOR_CONFLICT_KEY: KeyPart[] = ['text', 'int', 'conflict_role'];

const actorsOfConflictsStatements = statementPerVariant((conflictIds: SQL, { page, filter, fields }: { page: Page; filter: PartyFilter; fields: ActorFields }) => {
  const { where, orderBy } = keyset(page, [sql`${ca.role}`, sql`${a.name}`, sql`${a.id}`], 'asc');
  // The coverage of each party comes from the precomputed counts, for the parties of the page only.
  return sql`select x.*, coalesce(${m.articleCount}, 0) as "articleCount", coalesce(${m.mentionCount}, 0) as "mentionCount",
               ${m.firstOn}::text as "firstArticleOn", ${m.lastOn}::text as "lastArticleOn"
        from (
          select p.conflict_id as "conflictId", page.*
          from unnest(${conflictIds}) as p(conflict_id)
          cross join lateral (
            select ${ca.role}, ${ca.side}, ${fields ? entityFieldColumns('actor', fields, 'a') : actorColumns('a')}
            from ${table(conflictActors)} ca join ${table(actors)} a on ${a.id} = ${ca.actorId}
            where ${ca.conflictId} = p.conflict_id and ${partyCondition(filter)} and ${where}
            order by ${orderBy}
            limit ${page.limit + 1}
          ) page
        ) x
        left join ${table(conflictActorCounts)} m on ${m.conflictId} = x."conflictId" and ${m.actorId} = x.id
        order by x."conflictId", ${keyset(page, [sql`x.role`, sql`x.name`, sql`x.id`], 'asc').orderBy}`;
});

/**
 * A page of the parties of each conflict. With `fields`, only those columns of the actors are read
 * (and the `id` and `name` the order and cursors need): the rest of each ActorRow is absent, as in
 * actorsOfArticles.
 */
export async function actorsOfConflicts(
  db: Db,
  conflictIds: readonly number[],
  page: Page,
  filter: PartyFilter,
  fields: ActorFields = null,
): Promise<ConflictActorRow[][]> {
  const read = withFields(fields, ['id', 'name']);
  const rows = await selectBatched(
    db,
    actorsOfConflictsStatements(conflictIds, { page, filter, fields: read }),
    {
      // The shape of the columns read; the row is typed as a whole ActorRow, see above.
      ...(read ? (tableShape(actors, read) as typeof actorShape) : actorShape),
      conflictId: col.int,
      role: ROLE,
      side: col.nullable(col.text),
      articleCount: col.int,
      mentionCount: col.int,
      firstArticleOn: col.nullable(col.date),
      lastArticleOn: col.nullable(col.date),
    },
  );
  const links = rows.map(({ conflictId, role, side, articleCount, mentionCount, firstArticleOn, lastArticleOn, ...actor }) => ({
    conflictId,
    role,
    side,
    articleCount,
    mentionCount,
    firstArticleOn,
    lastArticleOn,
    actor,
  }));
  return groupedInKeyOrder(conflictIds, links, (link) => link.conflictId);
}

const conflictsOfActorsStatements = statementPerVariant((actorIds: SQL, page: Page) => {
  const { where, orderBy } = keyset(page, [sql`${c.name}`, sql`${c.id}`, sql`${ca.role}`], 'asc');
  return sql`select p.actor_id as "actorId", x.*
        from unnest(${actorIds}) as p(actor_id)
        cross join lateral (
          select ${ca.role}, ${ca.side}, ${conflictColumns('c')}
          from ${table(conflictActors)} ca join ${table(conflicts)} c on ${c.id} = ${ca.conflictId}
          where ${ca.actorId} = p.actor_id and ${where}
          order by ${orderBy}
          limit ${page.limit + 1}
        ) x`;
});

export async function conflictsOfActors(db: Db, actorIds: readonly number[], page: Page): Promise<ActorConflictRow[][]> {
  const rows = await selectBatched(db, conflictsOfActorsStatements(actorIds, page), {
    ...conflictShape,
    actorId: col.int,
    role: ROLE,
    side: col.nullable(col.text),
  });
  const links = rows.map(({ actorId, role, side, ...conflict }) => ({ actorId, role, side, conflict }));
  return groupedInKeyOrder(actorIds, links, (link) => link.actorId);
}

/** The column of the parties table that holds the id of each kind. */
const PARTY_KEY = { actor: ca.actorId, conflict: ca.conflictId } satisfies Record<Kind, PgColumn>;

/** How many parties each conflict has (`by` conflict), or how many conflicts each actor is a party to. */
export async function countPartiesOf(
  db: Db,
  by: Kind,
  ids: readonly number[],
  filter: PartyFilter = { role: null, side: null },
): Promise<number[]> {
  const key = PARTY_KEY[by];
  const rows = await selectBatched(
    db,
    sql`select ${key} as id, count(*)::int as count from ${table(conflictActors)} ca
        where ${key} = any(${intArray(ids)}) and ${partyCondition(filter)} group by ${key}`,
    { id: col.int, count: col.int },
  );
  const counts = new Map(rows.map((row) => [row.id, row.count]));
  return ids.map((id) => counts.get(id) ?? 0);
}
