import { eq, inArray, or, sql } from 'drizzle-orm';
import type { ParsedArticle } from '../corpus/types.js';
import type { Db } from '../db/client.js';
import { col, selectRows } from '../db/rows.js';
import { column, columnList, insertRecords, recordset, table } from '../db/raw-sql.js';
import { articles, mentions, unlinkedMentions } from '../db/schema.js';
import { KINDS, LINKED_KINDS, type Kind } from '../kinds.js';
import type { LinkedMention, LinkResult, MentionSpan } from '../linking/types.js';
import { deferCounts } from './backlog.js';
import { fingerprintMissing, regroupCopies, type CopyTarget } from './copies.js';
import { EntityIds } from './entity-ids.js';
import { groupingLockFor } from './grouping-lock.js';
import { insertNumberRecords } from './columns.js';
import { deletePlaces, insertPlaces, storePlaces } from './places.js';
import { provisionalActors, storeProvisionalActors } from './provisional.js';
import { regroupStories, type StoryTarget } from './stories.js';

/** What the linker found in an article: linked actors and conflicts, and names it could not link. */
export interface ArticleLinks extends LinkResult {
  unlinked: MentionSpan[];
}

/** What storing an article did. */
export type IngestStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'DUPLICATE';

/** Whether storing created or changed an article (what live subscribers hear about), not merely found it. */
export function isChange(status: IngestStatus): boolean {
  return status === 'CREATED' || status === 'UPDATED';
}

export interface StoreOutcome {
  status: IngestStatus;
  /** The stored article (for DUPLICATE: the article that already holds this text). */
  articleId: number;
}

/** A parsed article with its links, ready to be written. */
export interface LinkedArticle {
  article: ParsedArticle;
  links: ArticleLinks;
}

/** The links of one stored article. */
export interface LinkTarget {
  articleId: number;
  publishedOn: string;
  links: ArticleLinks;
}

/**
 * Writes a batch of parsed and linked articles in one transaction, with a fixed number of
 * statements whatever the batch size. The same file twice changes nothing; a changed file under a
 * known external id replaces the article and its links; the same text under another external id is
 * a duplicate of the stored one and is not written again. Articles that a concurrent writer stores
 * first are reported as that writer's and get no second set of links.
 *
 * Every external id must occur at most once in a batch. With `deferCounts` (a bulk load), the
 * articles' counts are left to the backlog (see backlog.ts) instead of being recounted at the commit.
 */
export async function storeArticles(
  db: Db,
  items: LinkedArticle[],
  ids = new EntityIds(),
  options: { deferCounts?: boolean } = {},
): Promise<StoreOutcome[]> {
  if (items.length === 0) return [];
  await storePlaces(db, items.flatMap((i) => i.links.places ?? []));
  await storeProvisionalActors(db, items.flatMap((i) => i.links.provisional));
  return db.transaction(async (tx) => {
    const existing = await findStored(tx, items.map((i) => i.article));
    const byExternalId = new Map(existing.map((row) => [row.externalId, row]));
    const byHash = new Map(existing.map((row) => [row.contentHash, row.id]));

    const outcomes: (StoreOutcome | null)[] = items.map(() => null);
    const creates: number[] = [];
    const updates: number[] = [];
    const hashesInBatch = new Map<string, number>();
    items.forEach(({ article }, index) => {
      const sameId = byExternalId.get(article.externalId);
      if (sameId && sameId.contentHash === article.contentHash) {
        outcomes[index] = { status: 'UNCHANGED', articleId: sameId.id };
        return;
      }
      const sameText = byHash.get(article.contentHash);
      if (sameText !== undefined) {
        outcomes[index] = { status: 'DUPLICATE', articleId: sameText };
        return;
      }
      if (hashesInBatch.has(article.contentHash)) return; // a duplicate of an article of this batch, resolved below
      hashesInBatch.set(article.contentHash, index);
      (sameId ? updates : creates).push(index);
    });

    const targets: LinkTarget[] = [];
    const texts: CopyTarget[] = [];
    const storyTargets: StoryTarget[] = [];
    const created = await insertArticles(tx, creates.map((i) => items[i]!.article));
    for (const index of creates) {
      const { article } = items[index]!;
      const id = created.get(article.externalId);
      if (id === undefined) continue; // stored by a concurrent writer since the lookup: resolved below
      outcomes[index] = { status: 'CREATED', articleId: id };
      targets.push({ articleId: id, publishedOn: article.publishedOn, links: items[index]!.links });
      texts.push({ articleId: id, publishedOn: article.publishedOn, body: article.body });
      storyTargets.push({ articleId: id, title: article.title, body: article.body, publishedOn: article.publishedOn, links: items[index]!.links });
    }
    for (const index of updates) {
      const { article, links } = items[index]!;
      const id = byExternalId.get(article.externalId)!.id;
      await tx.update(articles).set({ ...articleValues(article), ingestedAt: sql`now()` }).where(eq(articles.id, id));
      outcomes[index] = { status: 'UPDATED', articleId: id };
      targets.push({ articleId: id, publishedOn: article.publishedOn, links });
      texts.push({ articleId: id, publishedOn: article.publishedOn, body: article.body });
      storyTargets.push({ articleId: id, title: article.title, body: article.body, publishedOn: article.publishedOn, links });
    }
    if (updates.length > 0) await deleteLinks(tx, updates.map((i) => outcomes[i]!.articleId));
    await insertLinks(tx, targets, ids);
    // Last before the commit: the band, term and story locks they take are held for as short a time
    // as can be. Copies first: an article joins the story of its copies.
    const updated = updates.map((i) => outcomes[i]!.articleId);
    const lock = groupingLockFor(texts.length);
    await regroupCopies(tx, texts, updated, lock);
    await regroupStories(tx, storyTargets, updated, lock);

    const unresolved = items.flatMap(({ article }, index) => (outcomes[index] ? [] : [{ article, index }]));
    if (unresolved.length > 0) await resolveLosers(tx, unresolved, outcomes, hashesInBatch);
    if (options.deferCounts) await deferCounts(tx);
    return outcomes as StoreOutcome[];
  });
}

/** Writes one article: the batch path with a batch of one (the mutation and start-up seeding use it). */
export async function storeArticle(db: Db, article: ParsedArticle, links: ArticleLinks, ids?: EntityIds): Promise<StoreOutcome> {
  const [outcome] = await storeArticles(db, [{ article, links }], ids);
  return outcome!;
}

/** The text of a stored article, for its copies and its story. */
export type ArticleText = CopyTarget & { title: string };

/**
 * Replaces the links of stored articles in one transaction (after the knowledge base changed), the
 * new places and provisional actors they name stored just before in short ones; with
 * their texts, also finds the copies of those stored before copies were detected, and regroups
 * their stories (the story keys are made of the links).
 */
export async function replaceLinks(db: Db, targets: LinkTarget[], ids = new EntityIds(), texts: ArticleText[] = []): Promise<void> {
  if (targets.length === 0) return;
  await storePlaces(db, targets.flatMap((t) => t.links.places ?? []));
  // New provisional actors in a short transaction of their own, as storeArticles does: made in the
  // long one below, a new name's rows held every writer naming it until this batch committed.
  await storeProvisionalActors(db, targets.flatMap((t) => t.links.provisional));
  await db.transaction(async (tx) => {
    await deleteLinks(tx, targets.map((t) => t.articleId));
    await insertLinks(tx, targets, ids);
    const lock = groupingLockFor(texts.length);
    await fingerprintMissing(tx, texts, lock);
    const linksOf = new Map(targets.map((t) => [t.articleId, t.links]));
    const regrouped = texts.filter((t) => linksOf.has(t.articleId)).map((t) => ({ ...t, links: linksOf.get(t.articleId)! }));
    await regroupStories(tx, regrouped, regrouped.map((t) => t.articleId), lock);
  });
}

/** Stored articles with the external id or the text of any of `list`. */
function findStored(tx: Db, list: ParsedArticle[]) {
  return tx
    .select({ id: articles.id, externalId: articles.externalId, contentHash: articles.contentHash })
    .from(articles)
    .where(
      or(
        inArray(articles.externalId, list.map((a) => a.externalId)),
        inArray(articles.contentHash, list.map((a) => a.contentHash)),
      ),
    );
}

function articleValues(article: ParsedArticle) {
  return {
    externalId: article.externalId,
    contentHash: article.contentHash,
    title: article.title,
    body: article.body,
    raw: article.raw,
    sources: article.sources,
    publishedOn: article.publishedOn,
    datePrecision: article.datePrecision,
    language: article.language,
  };
}

/** The columns an article is written with, by the fields of `articleValues`. */
const ARTICLE_FIELDS = {
  externalId: articles.externalId,
  contentHash: articles.contentHash,
  title: articles.title,
  body: articles.body,
  raw: articles.raw,
  sources: articles.sources,
  publishedOn: articles.publishedOn,
  datePrecision: articles.datePrecision,
  language: articles.language,
} satisfies Record<keyof ReturnType<typeof articleValues>, unknown>;

/** Inserts new articles, sorted by external id so that concurrent writers take row locks in one order. */
async function insertArticles(tx: Db, list: ParsedArticle[]): Promise<Map<string, number>> {
  if (list.length === 0) return new Map();
  // Rows travel as one JSON parameter (see recordset): one statement whatever the batch size.
  const rows = list.map(articleValues).sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
  const inserted = await selectRows(
    tx,
    sql`insert into ${table(articles)} (${columnList(Object.values(ARTICLE_FIELDS))})
        ${recordset(ARTICLE_FIELDS, rows)}
        order by ${sql.identifier('externalId')}
        on conflict do nothing
        returning ${column(articles.id)} as id, ${column(articles.externalId)} as "externalId"`,
    { id: col.int, externalId: col.text },
  );
  return new Map(inserted.map((row) => [row.externalId, row.id]));
}

/**
 * Articles not written by this batch: duplicates of an article earlier in the batch, or articles a
 * concurrent writer stored between the lookup and the insert. Each gets the id that holds its text
 * or its external id now.
 */
async function resolveLosers(
  tx: Db,
  unresolved: { article: ParsedArticle; index: number }[],
  outcomes: (StoreOutcome | null)[],
  hashesInBatch: Map<string, number>,
): Promise<void> {
  const winners = await findStored(tx, unresolved.map((u) => u.article));
  for (const { article, index } of unresolved) {
    const sameId = winners.find((w) => w.externalId === article.externalId);
    const sameText = winners.find((w) => w.contentHash === article.contentHash);
    const first = hashesInBatch.get(article.contentHash);
    if (sameId) outcomes[index] = { status: 'UNCHANGED', articleId: sameId.id };
    else if (sameText) outcomes[index] = { status: 'DUPLICATE', articleId: sameText.id };
    else if (first !== undefined && outcomes[first]) outcomes[index] = { status: 'DUPLICATE', articleId: outcomes[first]!.articleId };
    else throw new Error(`article ${article.externalId} vanished while being stored`);
  }
}

async function deleteLinks(tx: Db, articleIds: number[]): Promise<void> {
  // Mentions go with their article_actors rows (on delete cascade).
  for (const kind of KINDS) {
    const { links } = LINKED_KINDS[kind];
    await tx.delete(links).where(inArray(links.articleId, articleIds));
  }
  await tx.delete(unlinkedMentions).where(inArray(unlinkedMentions.articleId, articleIds));
  await deletePlaces(tx, articleIds);
}

/** A row of a link table: article, entity, the link's weight (see LinkedKind.linkWeight) and the article's date. */
type LinkRow = { a: number; e: number; w: number; d: string };

async function insertLinks(tx: Db, targets: LinkTarget[], ids: EntityIds): Promise<void> {
  if (targets.length === 0) return;
  const idsOf = {} as Record<Kind, Map<string, number>>;
  for (const kind of KINDS) {
    idsOf[kind] = await ids.of(tx, kind, targets.flatMap((t) => t.links[LINKED_KINDS[kind].plural].map((e) => e.slug)));
  }
  const named = await provisionalActors(tx, targets.flatMap((t) => t.links.provisional));

  const linkRows: Record<Kind, LinkRow[]> = { actor: [], conflict: [] };
  const mentionRows: Record<keyof typeof MENTION_FIELDS, unknown>[] = [];
  const unlinkedRows: Record<keyof typeof UNLINKED_FIELDS, unknown>[] = [];
  for (const { articleId, publishedOn, links } of targets) {
    // A provisional name merged into an actor the article also names by a known name is one link.
    const byActor = new Map<number, LinkedMention[]>();
    const add = (actorId: number, mentions: LinkedMention[]) => byActor.set(actorId, [...(byActor.get(actorId) ?? []), ...mentions]);
    for (const actor of links.actors) add(idsOf.actor.get(actor.slug)!, actor.mentions);
    // Spans by start: a name the linker reports both as provisional and as unlinked is stored once.
    const unlinked = new Map(links.unlinked.map((m) => [m.start, m]));
    for (const actor of links.provisional) {
      const target = named.get(actor.key)!;
      if (target.status === 'REJECTED') for (const m of actor.mentions) unlinked.set(m.start, m);
      else {
        add(target.id, actor.mentions);
        for (const m of actor.mentions) unlinked.delete(m.start);
      }
    }
    for (const [actorId, mentions] of byActor) {
      if (mentions.length === 0) continue;
      linkRows.actor.push({ a: articleId, e: actorId, w: mentions.length, d: publishedOn });
      for (const m of mentions) {
        mentionRows.push({ a: articleId, e: actorId, s: m.start, t: m.end, x: m.text, m: m.method, c: m.confidence });
      }
    }
    for (const conflict of links.conflicts) {
      linkRows.conflict.push({ a: articleId, e: idsOf.conflict.get(conflict.slug)!, w: conflict.score, d: publishedOn });
    }
    for (const m of unlinked.values()) {
      unlinkedRows.push({ a: articleId, s: m.start, t: m.end, x: m.text, n: unlinkedName(m.text) });
    }
  }
  for (const kind of KINDS) {
    const { links, linkKey, linkWeight } = LINKED_KINDS[kind];
    const fields = { a: links.articleId, e: linkKey, w: linkWeight, d: links.publishedOn };
    if (linkRows[kind].length > 0) await tx.execute(insertNumberRecords(links, fields, linkRows[kind]));
  }
  if (mentionRows.length > 0) await tx.execute(insertRecords(mentions, MENTION_FIELDS, mentionRows));
  if (unlinkedRows.length > 0) await tx.execute(insertRecords(unlinkedMentions, UNLINKED_FIELDS, unlinkedRows));
  await insertPlaces(tx, targets.map((t) => ({ articleId: t.articleId, publishedOn: t.publishedOn, places: t.links.places ?? [] })));
}

const MENTION_FIELDS = {
  a: mentions.articleId,
  e: mentions.actorId,
  s: mentions.start,
  t: mentions.end,
  x: mentions.text,
  m: mentions.method,
  c: mentions.confidence,
};

const UNLINKED_FIELDS = {
  a: unlinkedMentions.articleId,
  s: unlinkedMentions.start,
  t: unlinkedMentions.end,
  x: unlinkedMentions.text,
  n: unlinkedMentions.name,
};

/** How an unlinked mention is grouped with the same name elsewhere: white space folded. */
export function unlinkedName(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Whether the database holds no article yet (start-up seeds the corpus then). */
export async function isCorpusEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: articles.id }).from(articles).limit(1);
  return rows.length === 0;
}
