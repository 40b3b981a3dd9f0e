import { eq, inArray, or, sql } from 'drizzle-orm';
import type { ParsedArticle } from '../corpus/types.js';
import type { Db } from '../db/client.js';
import { actors, articleActors, articleConflicts, articles, conflicts, mentions, unlinkedMentions } from '../db/schema.js';
import type { LinkResult, MentionSpan } from '../linking/types.js';

/** What the linker found in an article: linked actors and conflicts, and names it could not link. */
export interface ArticleLinks extends LinkResult {
  unlinked: MentionSpan[];
}

/** What storing an article did. */
export type IngestStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'DUPLICATE';

export interface StoreOutcome {
  status: IngestStatus;
  /** The stored article (for DUPLICATE: the article that already holds this text). */
  articleId: number;
}

export class UnknownEntityError extends Error {
  override name = 'UnknownEntityError';
}

/**
 * Writes one parsed and linked article in one transaction. The same file twice changes nothing;
 * a changed file under a known external id replaces the article and its links; the same text
 * under another external id is reported as a duplicate of the stored one and not written again.
 */
export async function storeArticle(db: Db, article: ParsedArticle, links: ArticleLinks): Promise<StoreOutcome> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: articles.id, externalId: articles.externalId, contentHash: articles.contentHash })
      .from(articles)
      .where(or(eq(articles.externalId, article.externalId), eq(articles.contentHash, article.contentHash)));
    const sameId = existing.find((row) => row.externalId === article.externalId);
    const sameText = existing.find((row) => row.contentHash === article.contentHash);

    if (sameId && sameId.contentHash === article.contentHash) return { status: 'UNCHANGED', articleId: sameId.id };
    if (sameText) return { status: 'DUPLICATE', articleId: sameText.id };

    const values = {
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

    let articleId: number;
    let status: IngestStatus;
    if (sameId) {
      await tx.update(articles).set({ ...values, ingestedAt: sql`now()` }).where(eq(articles.id, sameId.id));
      await deleteLinks(tx, sameId.id);
      articleId = sameId.id;
      status = 'UPDATED';
    } else {
      // A concurrent writer may have stored the same article since the lookup above.
      const inserted = await tx.insert(articles).values(values).onConflictDoNothing().returning({ id: articles.id });
      const row = inserted[0];
      if (!row) {
        const [winner] = await tx
          .select({ id: articles.id })
          .from(articles)
          .where(or(eq(articles.externalId, article.externalId), eq(articles.contentHash, article.contentHash)));
        if (!winner) throw new Error(`article ${article.externalId} vanished while being stored`);
        return { status: 'UNCHANGED', articleId: winner.id };
      }
      articleId = row.id;
      status = 'CREATED';
    }

    await insertLinks(tx, articleId, article.publishedOn, links);
    return { status, articleId };
  });
}

/** Replaces the links of a stored article, in one transaction (after the knowledge base changed). */
export async function replaceLinks(db: Db, articleId: number, publishedOn: string, links: ArticleLinks): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteLinks(tx, articleId);
    await insertLinks(tx, articleId, publishedOn, links);
  });
}

async function deleteLinks(tx: Db, articleId: number): Promise<void> {
  // Mentions go with their article_actors rows (on delete cascade).
  await tx.delete(articleActors).where(eq(articleActors.articleId, articleId));
  await tx.delete(articleConflicts).where(eq(articleConflicts.articleId, articleId));
  await tx.delete(unlinkedMentions).where(eq(unlinkedMentions.articleId, articleId));
}

async function insertLinks(tx: Db, articleId: number, publishedOn: string, links: ArticleLinks): Promise<void> {
  const actorIds = await idsBySlug(tx, 'actor', links.actors.map((a) => a.slug));
  const conflictIds = await idsBySlug(tx, 'conflict', links.conflicts.map((c) => c.slug));

  const linked = links.actors.filter((a) => a.mentions.length > 0);
  if (linked.length > 0) {
    await tx.insert(articleActors).values(
      linked.map((a) => ({
        articleId,
        actorId: actorIds.get(a.slug)!,
        mentionCount: a.mentions.length,
        publishedOn,
      })),
    );
    await tx.insert(mentions).values(
      linked.flatMap((a) =>
        a.mentions.map((m) => ({
          articleId,
          actorId: actorIds.get(a.slug)!,
          start: m.start,
          end: m.end,
          text: m.text,
          method: m.method,
          confidence: m.confidence,
        })),
      ),
    );
  }
  if (links.conflicts.length > 0) {
    await tx.insert(articleConflicts).values(
      links.conflicts.map((c) => ({ articleId, conflictId: conflictIds.get(c.slug)!, score: c.score, publishedOn })),
    );
  }
  if (links.unlinked.length > 0) {
    await tx.insert(unlinkedMentions).values(
      links.unlinked.map((m) => ({ articleId, start: m.start, end: m.end, text: m.text, name: m.text.replace(/\s+/g, ' ') })),
    );
  }
}

async function idsBySlug(tx: Db, what: 'actor' | 'conflict', slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const table = what === 'actor' ? actors : conflicts;
  const rows = await tx.select({ id: table.id, slug: table.slug }).from(table).where(inArray(table.slug, slugs));
  const ids = new Map(rows.map((row) => [row.slug, row.id]));
  const missing = slugs.filter((slug) => !ids.has(slug));
  if (missing.length > 0) {
    throw new UnknownEntityError(
      `the linker returned ${what} slugs that are not in the database: ${missing.join(', ')} (is the knowledge base synced?)`,
    );
  }
  return ids;
}

/** Whether the database holds no article yet (start-up seeds the corpus then). */
export async function isCorpusEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: articles.id }).from(articles).limit(1);
  return rows.length === 0;
}
