import type { PgColumn, PgTable, PgView } from 'drizzle-orm/pg-core';
import {
  actorTotals,
  actorMonthCounts,
  actors,
  articleActors,
  articleConflicts,
  conflictTotals,
  conflictMonthCounts,
  conflicts,
  type entityKind,
} from './db/schema.js';

/** What the code needs to know of a kind of entity that articles link to. */
export interface LinkedKind {
  /**
   * The GraphQL type. It is also the prefix of the kind's global ids (`Actor:12`) and the tag of
   * cached answers that hold one (the response cache tags by type name and global id).
   */
  typename: string;
  /** The word for many: the key of the links in an export and in the linker's answer, the plural root field. */
  plural: string;
  /** The entities, with `id`, `slug` and `name`. */
  table: PgTable & { id: PgColumn; slug: PgColumn; name: PgColumn };
  /** The links of articles to the entities, one row per article and entity, with the article's date. */
  links: PgTable & { articleId: PgColumn; publishedOn: PgColumn };
  /** The column of `links` that holds the entity's id. */
  linkKey: PgColumn;
  /** A number each link carries besides its keys (how often the article names an actor, how well it fits a conflict). */
  linkWeight: PgColumn;
  /** Articles per entity and month, kept by triggers (see the aggregate migrations). */
  monthCounts: PgTable & { month: PgColumn; articleCount: PgColumn };
  /** The column of `monthCounts` that holds the entity's id. */
  monthKey: PgColumn;
  /** Articles per entity over all time (the sum of its `monthCounts`), kept with them; entities without articles have no row. */
  totalCounts: PgView & { articleCount: PgColumn };
  /** The column of `totalCounts` that holds the entity's id. */
  totalKey: PgColumn;
  /** How `name_keys` (autocomplete) tells the kind's names apart. */
  nameKind: (typeof entityKind.enumValues)[number];
  /** A slug an error message may show as an example. */
  exampleSlug: string;
  /** The columns of `npm run export --format csv` that hold the links of this kind, in order. */
  exportColumns: readonly string[];
}

/**
 * Every kind of entity an article links to. A new kind goes here; everything that lists kinds
 * is derived from this table or typed `Record<Kind, …>`, so a use left out fails to compile.
 */
export const LINKED_KINDS = {
  actor: {
    typename: 'Actor',
    plural: 'actors',
    table: actors,
    links: articleActors,
    linkKey: articleActors.actorId,
    linkWeight: articleActors.mentionCount,
    monthCounts: actorMonthCounts,
    monthKey: actorMonthCounts.actorId,
    totalCounts: actorTotals,
    totalKey: actorTotals.actorId,
    nameKind: 'ACTOR',
    exampleSlug: 'vladimir-putin',
    exportColumns: ['actors', 'actor_kinds', 'mention_counts'],
  },
  conflict: {
    typename: 'Conflict',
    plural: 'conflicts',
    table: conflicts,
    links: articleConflicts,
    linkKey: articleConflicts.conflictId,
    linkWeight: articleConflicts.score,
    monthCounts: conflictMonthCounts,
    monthKey: conflictMonthCounts.conflictId,
    totalCounts: conflictTotals,
    totalKey: conflictTotals.conflictId,
    nameKind: 'CONFLICT',
    exampleSlug: 'russo-ukrainian-war',
    exportColumns: ['conflicts', 'conflict_scores'],
  },
} as const satisfies Record<string, LinkedKind>;

export type Kind = keyof typeof LINKED_KINDS;
export type KindInfo<K extends Kind = Kind> = (typeof LINKED_KINDS)[K];
/** The GraphQL type name (and global-id prefix, and cache tag) of a kind. */
export type KindTypename<K extends Kind = Kind> = KindInfo<K>['typename'];
/** A row of a kind's table, as Drizzle infers it. */
export type EntityRow<K extends Kind> = KindInfo<K>['table']['$inferSelect'];

/** Every kind, in the order of the registry (which is the order link tables are written in). */
export const KINDS = Object.keys(LINKED_KINDS) as Kind[];

const BY_TYPENAME = new Map<string, Kind>(KINDS.map((kind) => [LINKED_KINDS[kind].typename, kind]));

/** The kind whose GraphQL type has this name. */
export function kindOf(typename: KindTypename): Kind {
  return BY_TYPENAME.get(typename)!;
}
