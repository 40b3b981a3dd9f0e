import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { column, columnList, enumType, enumValue, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { actorKind, actorNames, actors, actorStatus, articleActors, mentions, nameKeys, unlinkedMentions } from '../db/schema.js';
import { LINKED_KINDS } from '../kinds.js';
import type { ActorKind } from '../linking/types.js';
import { actorColumns, actorShape, type ActorRow } from '../queries/rows.js';
import { replaceNameKeys } from './name-index.js';
import type { ErrorCode } from '../error-codes.js';

/** A curation request that cannot be carried out, with the argument at fault. */
export class CurationError extends Error {
  override name = 'CurationError';
  constructor(
    readonly code: Extract<ErrorCode, 'BAD_USER_INPUT' | 'NOT_FOUND'>,
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a curation did: the actor as it is now, and what it touched (for caches and live subscribers). */
export interface CurationResult {
  actor: ActorRow;
  /** Every actor whose links or names changed, the merged-away one included. */
  actorIds: number[];
  /** The articles whose links changed. */
  articleIds: number[];
}

export interface PromoteChanges {
  slug?: string | null | undefined;
  name?: string | null | undefined;
  nameNl?: string | null | undefined;
  kind?: ActorKind | null | undefined;
  description?: string | null | undefined;
}

export interface Curator {
  /** Makes a provisional actor curated, with the changes given. */
  promote(actorId: number, changes: PromoteChanges): Promise<CurationResult>;
  /** Folds a provisional actor into another: links and mentions move, its names become the target's aliases. */
  merge(actorId: number, intoId: number): Promise<CurationResult>;
  /** Marks a provisional actor as no actor: its links go, its mentions become unlinked names again. */
  reject(actorId: number): Promise<CurationResult>;
}

const a = alias(actors, 'a');
const n = alias(actorNames, 'n');

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 500;

/** Each curation runs in one transaction; announcing it is the caller's (see createAfterCommit). */
export function createCurator(db: Db): Curator {
  const run = (work: (tx: Db) => Promise<CurationResult>) => db.transaction(work);
  return {
    promote: (actorId, changes) => run((tx) => promote(tx, actorId, changes)),
    merge: (actorId, intoId) => run((tx) => merge(tx, actorId, intoId)),
    reject: (actorId) => run((tx) => reject(tx, actorId)),
  };
}

// Locks: the provisional actor FOR UPDATE, which waits for ingests that are linking to it (they hold
// it FOR KEY SHARE from looking its name up) and makes later ones wait and read it anew. A merge
// target is only locked FOR NO KEY UPDATE, so ingests linking to it go on.

async function lockActor(tx: Db, actorId: number, argument: string, lock: 'update' | 'no key update'): Promise<ActorRow> {
  const [actor] = await selectRows(
    tx,
    sql`select ${actorColumns('a')} from ${table(actors)} a where ${a.id} = ${actorId} and ${a.status} <> ${enumValue(actorStatus, 'REJECTED')} for ${sql.raw(lock)}`,
    actorShape,
  );
  if (!actor) throw new CurationError('NOT_FOUND', argument, `\`${argument}\`: no actor with this id`);
  return actor;
}

async function lockProvisional(tx: Db, actorId: number, what: string): Promise<ActorRow> {
  const actor = await lockActor(tx, actorId, 'id', 'update');
  if (actor.status !== 'PROVISIONAL') {
    throw new CurationError('BAD_USER_INPUT', 'id', `\`id\`: only a provisional actor can be ${what}; ${actor.slug} is ${actor.status.toLowerCase()}`);
  }
  return actor;
}

async function articlesOf(tx: Db, actorId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: articleActors.articleId })
    .from(articleActors)
    .where(eq(articleActors.actorId, actorId))
    .orderBy(articleActors.articleId);
  return rows.map((row) => row.id);
}

async function reread(tx: Db, actorId: number): Promise<ActorRow> {
  const [actor] = await selectRows(tx, sql`select ${actorColumns('a')} from ${table(actors)} a where ${a.id} = ${actorId}`, actorShape);
  return actor!;
}

/** The names of an actor for autocomplete: its own, its aliases and the provisional names that link to it. */
async function indexNames(tx: Db, actorId: number): Promise<void> {
  const [row] = await selectRows(
    tx,
    sql`select to_json(array[${a.name}, ${a.nameNl}] || ${a.aliases} || array(select ${n.name} from ${table(actorNames)} n where ${n.actorId} = ${a.id})) as names
        from ${table(actors)} a where ${a.id} = ${actorId}`,
    { names: col.texts },
  );
  await replaceNameKeys(tx, 'actor', [{ id: actorId, names: row?.names ?? [] }]);
}

function checkedText(value: string | null | undefined, argument: string, max: number): string | undefined {
  if (value == null) return undefined;
  const text = value.trim().replace(/\s+/g, ' ');
  if (!text) throw new CurationError('BAD_USER_INPUT', argument, `\`${argument}\` must not be empty`);
  if (text.length > max) throw new CurationError('BAD_USER_INPUT', argument, `\`${argument}\` takes at most ${max} characters, got ${text.length}`);
  return text;
}

async function promote(tx: Db, actorId: number, changes: PromoteChanges): Promise<CurationResult> {
  const slug = changes.slug ?? undefined;
  if (slug !== undefined && (!SLUG.test(slug) || slug.length > MAX_NAME)) {
    throw new CurationError('BAD_USER_INPUT', 'slug', `\`slug\` must be lower-case letters and digits in words joined by single hyphens, such as \`jan-de-vries\`; got ${JSON.stringify(slug.slice(0, 100))}`);
  }
  const name = checkedText(changes.name, 'name', MAX_NAME);
  const nameNl = checkedText(changes.nameNl, 'nameNl', MAX_NAME);
  const description = checkedText(changes.description, 'description', MAX_DESCRIPTION);
  const actor = await lockProvisional(tx, actorId, 'promoted');
  if (slug !== undefined && slug !== actor.slug) {
    const [taken] = await tx.select({ id: actors.id }).from(actors).where(eq(actors.slug, slug));
    if (taken) throw new CurationError('BAD_USER_INPUT', 'slug', `\`slug\`: ${slug} is already the slug of another actor`);
  }
  const newName = name ?? actor.name;
  // Names it was known by stay as aliases, so that a renamed actor is still found by them. A
  // concurrent promotion may take the slug after the check above: the unique key refuses it then.
  await slugClaim(slug, () => tx.execute(sql`update ${table(actors)} a set ${column(actors.status)} = ${enumValue(actorStatus, 'CURATED')}, ${column(actors.slug)} = ${slug ?? actor.slug}, ${column(actors.name)} = ${newName},
      ${column(actors.nameNl)} = ${nameNl ?? (name && actor.nameNl === actor.name ? name : actor.nameNl)},
      ${column(actors.kind)} = ${changes.kind ?? actor.kind}::${enumType(actorKind)}, ${column(actors.description)} = ${description ?? actor.description},
      ${column(actors.aliases)} = ${a.aliases} || array(select distinct ${n.name} from ${table(actorNames)} n where ${n.actorId} = ${a.id} and ${n.name} <> ${newName} and ${n.name} <> all(${a.aliases}))
      where ${a.id} = ${actorId}`));
  await indexNames(tx, actorId);
  return { actor: await reread(tx, actorId), actorIds: [actorId], articleIds: await articlesOf(tx, actorId) };
}

async function slugClaim(slug: string | undefined, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (slug !== undefined && isUniqueViolation(error)) {
      throw new CurationError('BAD_USER_INPUT', 'slug', `\`slug\`: ${slug} is already the slug of another actor`);
    }
    throw error;
  }
}

async function merge(tx: Db, actorId: number, intoId: number): Promise<CurationResult> {
  if (actorId === intoId) throw new CurationError('BAD_USER_INPUT', 'into', '`into`: an actor cannot be merged into itself');
  const actor = await lockProvisional(tx, actorId, 'merged');
  const target = await lockActor(tx, intoId, 'into', 'no key update');
  const articleIds = await articlesOf(tx, actorId);
  // Articles naming both fold into one link with the mentions of both.
  const l = articleActors;
  await tx.execute(sql`insert into ${table(l)} (${columnList([l.articleId, l.actorId, l.mentionCount, l.publishedOn])})
      select ${column(l.articleId)}, ${intoId}, ${column(l.mentionCount)}, ${column(l.publishedOn)} from ${table(l)} where ${column(l.actorId)} = ${actorId}
      on conflict (${columnList([l.articleId, l.actorId])}) do update set ${column(l.mentionCount)} = ${table(l)}.${column(l.mentionCount)} + excluded.${column(l.mentionCount)}`);
  await tx.update(mentions).set({ actorId: intoId }).where(eq(mentions.actorId, actorId));
  await tx.delete(articleActors).where(eq(articleActors.actorId, actorId));
  await tx.update(actorNames).set({ actorId: intoId }).where(eq(actorNames.actorId, actorId));
  await tx.execute(sql`update ${table(actors)} a set
      ${column(actors.aliases)} = ${a.aliases} || array(select distinct x from unnest(array[${actor.name}::text]
                  || array(select ${n.name} from ${table(actorNames)} n where ${n.actorId} = ${a.id})) x where x <> ${a.name} and x <> all(${a.aliases})),
      ${column(actors.description)} = coalesce(${a.description}, ${actor.description}::text)
      where ${a.id} = ${intoId}`);
  await forgetNameKeys(tx, actorId);
  await tx.delete(actors).where(eq(actors.id, actorId));
  await indexNames(tx, intoId);
  return { actor: await reread(tx, target.id), actorIds: [actorId, intoId], articleIds };
}

async function reject(tx: Db, actorId: number): Promise<CurationResult> {
  await lockProvisional(tx, actorId, 'rejected');
  const articleIds = await articlesOf(tx, actorId);
  const u = unlinkedMentions;
  const m = mentions;
  await tx.execute(sql`insert into ${table(u)} (${columnList([u.articleId, u.start, u.end, u.text, u.name])})
      select ${columnList([m.articleId, m.start, m.end, m.text])}, regexp_replace(${column(m.text)}, '\\s+', ' ', 'g') from ${table(m)} where ${column(m.actorId)} = ${actorId}
      on conflict do nothing`);
  // Its mentions go with the links (on delete cascade); its names stay, so they are never linked again.
  await tx.delete(articleActors).where(eq(articleActors.actorId, actorId));
  await tx.update(actors).set({ status: 'REJECTED' }).where(eq(actors.id, actorId));
  await forgetNameKeys(tx, actorId);
  return { actor: await reread(tx, actorId), actorIds: [actorId], articleIds };
}

async function forgetNameKeys(tx: Db, actorId: number): Promise<void> {
  await tx.delete(nameKeys).where(and(eq(nameKeys.entityKind, LINKED_KINDS.actor.nameKind), eq(nameKeys.entityId, actorId)));
}
