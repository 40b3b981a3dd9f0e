import { createHash } from 'node:crypto';
import { asc, count, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { articles, settings } from '../db/schema.js';
import type { KnowledgeBase } from '../linking/types.js';
import { linkArticle, type TextLinker } from './link.js';
import { EntityIds } from './entity-ids.js';
import { replaceLinks } from './store.js';

const FINGERPRINT_KEY = 'knowledge_base_fingerprint';

/** Changes whenever anything in the knowledge base, or the linker's version, changes. */
export function knowledgeBaseFingerprint(kb: KnowledgeBase, linkerVersion: number): string {
  return createHash('sha256').update(`${linkerVersion}\n${JSON.stringify(kb)}`).digest('hex');
}

export async function storedFingerprint(db: Db): Promise<string | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, FINGERPRINT_KEY));
  return row?.value ?? null;
}

export async function saveFingerprint(db: Db, fingerprint: string): Promise<void> {
  await db
    .insert(settings)
    .values({ key: FINGERPRINT_KEY, value: fingerprint })
    .onConflictDoUpdate({ target: settings.key, set: { value: fingerprint } });
}

export async function countArticles(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(articles);
  return row?.n ?? 0;
}

/**
 * Links every stored article again with the current linker, in batches by id (one transaction
 * each) so memory stays flat. Returns how many articles were relinked.
 */
export async function relinkAll(
  db: Db,
  linker: TextLinker,
  onProgress: (done: number) => void = () => {},
  batchSize = 500,
): Promise<number> {
  let lastId = 0;
  let done = 0;
  const ids = new EntityIds();
  for (;;) {
    const batch = await db
      .select({ id: articles.id, title: articles.title, body: articles.body, publishedOn: articles.publishedOn })
      .from(articles)
      .where(gt(articles.id, lastId))
      .orderBy(asc(articles.id))
      .limit(batchSize);
    if (batch.length === 0) return done;
    const targets = batch.map((a) => ({ articleId: a.id, publishedOn: a.publishedOn, links: linkArticle(linker, a) }));
    const texts = batch.map((a) => ({ articleId: a.id, publishedOn: a.publishedOn, title: a.title, body: a.body }));
    await replaceLinks(db, targets, ids, texts);
    done += batch.length;
    lastId = batch.at(-1)!.id;
    onProgress(done);
  }
}
