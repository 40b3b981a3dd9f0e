import { eq, inArray, or, sql } from 'drizzle-orm';
import type { ParsedArticle } from '../corpus/types.js';
import type { Db } from '../db/client.js';
import { selectRows } from '../db/rows.js';
import { articles, articleActors, articleConflicts, unlinkedMentions } from '../db/schema.js';
import type { LinkedMention, LinkResult, MentionSpan } from '../linking/types.js';
import { EntityIds } from './entity-ids.js';
import { provisionalActors } from './provisional.js';

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
 * Every external id must occur at most once in a batch.
 */
export async function storeArticles(db: Db, items: LinkedArticle[], ids = new EntityIds()): Promise<StoreOutcome[]> {
  if (items.length === 0) return [];
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
    const created = await insertArticles(tx, creates.map((i) => items[i]!.article));
    for (const index of creates) {
      const { article } = items[index]!;
      const id = created.get(article.externalId);
      if (id === undefined) continue; // stored by a concurrent writer since the lookup: resolved below
      outcomes[index] = { status: 'CREATED', articleId: id };
      targets.push({ articleId: id, publishedOn: article.publishedOn, links: items[index]!.links });
    }
    for (const index of updates) {
      const { article, links } = items[index]!;
      const id = byExternalId.get(article.externalId)!.id;
      await tx.update(articles).set({ ...articleValues(article), ingestedAt: sql`now()` }).where(eq(articles.id, id));
      outcomes[index] = { status: 'UPDATED', articleId: id };
      targets.push({ articleId: id, publishedOn: article.publishedOn, links });
    }
    if (updates.length > 0) await deleteLinks(tx, updates.map((i) => outcomes[i]!.articleId));
    await insertLinks(tx, targets, ids);

    const unresolved = items.flatMap(({ article }, index) => (outcomes[index] ? [] : [{ article, index }]));
    if (unresolved.length > 0) await resolveLosers(tx, unresolved, outcomes, hashesInBatch);
    return outcomes as StoreOutcome[];
  });
}

/** Writes one article: the batch path with a batch of one (the mutation and start-up seeding use it). */
export async function storeArticle(db: Db, article: ParsedArticle, links: ArticleLinks, ids?: EntityIds): Promise<StoreOutcome> {
  const [outcome] = await storeArticles(db, [{ article, links }], ids);
  return outcome!;
}

/** Replaces the links of stored articles in one transaction (after the knowledge base changed). */
export async function replaceLinks(db: Db, targets: LinkTarget[], ids = new EntityIds()): Promise<void> {
  if (targets.length === 0) return;
  await db.transaction(async (tx) => {
    await deleteLinks(tx, targets.map((t) => t.articleId));
    await insertLinks(tx, targets, ids);
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

// Rows travel as one JSON parameter per table and are unpacked by json_to_recordset: one
// statement per table whatever the batch size, no limit on bind parameters, and the same SQL on
// postgres.js and PGlite.
function json(rows: unknown[]) {
  return sql`${JSON.stringify(rows)}::json`;
}

/** Inserts new articles, sorted by external id so that concurrent writers take row locks in one order. */
async function insertArticles(tx: Db, list: ParsedArticle[]): Promise<Map<string, number>> {
  if (list.length === 0) return new Map();
  const rows = list
    .map((a) => ({
      external_id: a.externalId,
      content_hash: a.contentHash,
      title: a.title,
      body: a.body,
      raw: a.raw,
      sources: a.sources,
      published_on: a.publishedOn,
      date_precision: a.datePrecision,
      language: a.language,
    }))
    .sort((a, b) => (a.external_id < b.external_id ? -1 : a.external_id > b.external_id ? 1 : 0));
  const inserted = await selectRows<{ id: number; externalId: string }>(
    tx,
    sql`insert into articles (external_id, content_hash, title, body, raw, sources, published_on, date_precision, language)
        select external_id, content_hash, title, body, raw, sources, published_on, date_precision, language
        from json_to_recordset(${json(rows)}) as r(external_id text, content_hash text, title text, body text, raw text,
          sources text[], published_on date, date_precision date_precision, language text)
        order by external_id
        on conflict do nothing
        returning id, external_id as "externalId"`,
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
  await tx.delete(articleActors).where(inArray(articleActors.articleId, articleIds));
  await tx.delete(articleConflicts).where(inArray(articleConflicts.articleId, articleIds));
  await tx.delete(unlinkedMentions).where(inArray(unlinkedMentions.articleId, articleIds));
}

async function insertLinks(tx: Db, targets: LinkTarget[], ids: EntityIds): Promise<void> {
  if (targets.length === 0) return;
  const actorIds = await ids.actors(tx, targets.flatMap((t) => t.links.actors.map((a) => a.slug)));
  const conflictIds = await ids.conflicts(tx, targets.flatMap((t) => t.links.conflicts.map((c) => c.slug)));
  const named = await provisionalActors(tx, targets.flatMap((t) => t.links.provisional));

  const actorRows: unknown[] = [];
  const mentionRows: unknown[] = [];
  const conflictRows: unknown[] = [];
  const unlinkedRows: unknown[] = [];
  for (const { articleId, publishedOn, links } of targets) {
    // A provisional name merged into an actor the article also names by a known name is one link.
    const byActor = new Map<number, LinkedMention[]>();
    const add = (actorId: number, mentions: LinkedMention[]) => byActor.set(actorId, [...(byActor.get(actorId) ?? []), ...mentions]);
    for (const actor of links.actors) add(actorIds.get(actor.slug)!, actor.mentions);
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
      actorRows.push({ a: articleId, e: actorId, n: mentions.length, d: publishedOn });
      for (const m of mentions) {
        mentionRows.push({ a: articleId, e: actorId, s: m.start, t: m.end, x: m.text, m: m.method, c: m.confidence });
      }
    }
    for (const conflict of links.conflicts) {
      conflictRows.push({ a: articleId, e: conflictIds.get(conflict.slug)!, s: conflict.score, d: publishedOn });
    }
    for (const m of unlinked.values()) {
      unlinkedRows.push({ a: articleId, s: m.start, t: m.end, x: m.text, n: unlinkedName(m.text) });
    }
  }
  if (actorRows.length > 0) {
    await tx.execute(sql`insert into article_actors (article_id, actor_id, mention_count, published_on)
      select a, e, n, d from json_to_recordset(${json(actorRows)}) as r(a int, e int, n int, d date)`);
  }
  if (mentionRows.length > 0) {
    await tx.execute(sql`insert into mentions (article_id, actor_id, start, "end", text, method, confidence)
      select a, e, s, t, x, m, c from json_to_recordset(${json(mentionRows)}) as r(a int, e int, s int, t int, x text, m link_method, c real)`);
  }
  if (conflictRows.length > 0) {
    await tx.execute(sql`insert into article_conflicts (article_id, conflict_id, score, published_on)
      select a, e, s, d from json_to_recordset(${json(conflictRows)}) as r(a int, e int, s real, d date)`);
  }
  if (unlinkedRows.length > 0) {
    await tx.execute(sql`insert into unlinked_mentions (article_id, start, "end", text, name)
      select a, s, t, x, n from json_to_recordset(${json(unlinkedRows)}) as r(a int, s int, t int, x text, n text)`);
  }
}

/** How an unlinked mention is grouped with the same name elsewhere: white space folded. */
export function unlinkedName(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Whether the database holds no article yet (start-up seeds the corpus then). */
export async function isCorpusEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: articles.id }).from(articles).limit(1);
  return rows.length === 0;
}
